#!/usr/bin/env bash
# Runs the example requests through bin/planning-service and checks the shapes README.md describes.
# Run from anywhere; requests name examples/dashboard relative to the repository root.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
here="$root/examples/planning"
cd "$root"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
fail=0
for name in decompose refine validate; do
  bin/planning-service --quiet < "$here/$name.jsonl" > "$out/$name.out"
done
check() { # $1 file, $2 description, $3 jq expression over all lines (-s) that must be true
  if jq -e -s "$3" "$out/$1.out" > /dev/null; then echo "ok   $1: $2"; else echo "FAIL $1: $2"; fail=1; fi
}
r() { echo "(map(select(.id == \"$1\")) | .[0])"; }

check decompose "every response is a result or a declared error, never -32603" 'all(.[]; .error.code != -32603)'
check decompose "plan_created comes before the response it belongs to" \
  '(map(.method == "plan_created" or .id == "dark-mode") | index(true)) < (map(.id == "dark-mode") | index(true))'
check decompose "dark mode: theme+dashboard and settings are two changes in parallel, then one full check" \
  "$(r dark-mode).result | (length == 3) and ([.[] | select(.depends_on == [])] | length == 2)
   and ([.[].objective] | join(\" \") | (contains(\"src/theme/theme.js\") and contains(\"src/settings/index.js\")))
   and (.[2].depends_on == [\"t1\", \"t2\"])"
check decompose "dark mode: each change runs only the tests that cover it; the full suite runs once, at the end" \
  "$(r dark-mode).result | (.[0].acceptance_tests == [\"node --test 'test/dashboard.test.js' 'test/theme.test.js'\"])
   and (.[1].acceptance_tests == [\"node --test 'test/settings.test.js'\"]) and ([.[].acceptance_tests[] | select(. == \"npm test\")] | length == 1)"
check decompose "dark mode: acceptance tests are the workspace's commands (lint only for a style objective)" \
  "[$(r dark-mode).result[].acceptance_tests[]] | (index(\"npm test\") != null and index(\"npm run build\") != null and index(\"npm run lint\") == null)"
check decompose "dark mode: each change packet lists the files its objective names; the final check lists none" \
  "$(r dark-mode).result | all(.[0:2][]; (.files | length > 0) and (. as \$p | all(\$p.files[]; . as \$f | \$p.objective | contains(\$f))))
   and (.[2] | has(\"files\") | not)"
check decompose "max_packets 4 is honoured" "$(r header).result | length <= 4"
check decompose "hostile objective never reaches a command" \
  "[$(r hostile).result[].acceptance_tests[] | select(test(\"rm -rf|\\\\\$\\\\(|\`\"))] | length == 0"
check decompose "blank objective is -32602" "$(r blank).error.code == -32602"
check decompose "missing workspace is workspace_unreadable (-32001) naming the path" \
  "$(r missing-workspace).error | .code == -32001 and .data.path == \"/nonexistent/workspace\""

check refine "toggle no longer waits on the provider; provider waits on toggle" \
  "$(r prioritize).result | (map(select(.scope_path == \"src/components\"))[0]) as \$t | (map(select(.scope_path == \"src/theme\"))[0]) as \$p
   | (\$t.depends_on | length == 0) and (\$p.depends_on == [\$t.id]) and (.[0].id == \$t.id)"
check refine "skip task 1: the rest waits on nothing it no longer has" "$(r drop).result | map(.id) == [\"t2\",\"t3\"] and .[0].depends_on == []"
check refine "added task runs before the final check; task 1 checked by npm run lint" \
  "$(r add-and-test).result | (map(select(.id == \"t4\"))[0].scope_path == \"README.md\") and (map(select(.id == \"t3\"))[0].depends_on | index(\"t4\") != null)
   and (map(select(.id == \"t1\"))[0].acceptance_tests == [\"npm run lint\"])"
check refine "scope path changed" "$(r scope).result[0] | .scope_path == \"src/components\" and .scope == \"module\""
check refine "a cycle is plan_invalid (-32003), spelled out" "$(r cycle).error | .code == -32003 and (.message | test(\"a → b → a\"))"
check refine "gibberish is feedback_not_understood (-32002)" "$(r gibberish).error.code == -32002"
check refine "one plan_created per successful refine" '[.[] | select(.method == "plan_created")] | length == 4'

check validate "a good plan is valid" "$(r good).result | .valid and (.errors | length == 0)"
check validate "cycle spelled out" "$(r cycle).result.errors[0].message | test(\"a → c → b → a\")"
check validate "broken plan: errors and warnings by code" \
  "$(r broken).result | ([.errors[].code] | index(\"duplicate_id\") != null and index(\"unknown_dependency\") != null and index(\"missing_scope_path\") != null)
   and ([.warnings[].code] | index(\"vague_packet\") != null and index(\"no_acceptance_tests\") != null and index(\"trivial_acceptance_test\") != null)"
check validate "files: a listed file the workspace lacks is file_not_found unless the packet creates it; '..' is an error" \
  "$(r files).result | (.valid | not) and ([.warnings[] | select(.code == \"file_not_found\") | .path] == [\"/packets/0/files/2\"])
   and ([.errors[] | select(.code == \"schema\") | .path] == [\"/packets/1/files/0\"])"
exit $fail
