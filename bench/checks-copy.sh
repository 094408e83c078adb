#!/usr/bin/env bash
# What running the checks in a throwaway copy (issue 11: the person's tree stays theirs) costs.
# Runs `bin/orchestrator --agent none` with one task whose check is `npm test` (examples/dashboard,
# as a git repository with an uncommitted edit) and one whose check is trivial on a large git
# repository (a clone of this one), ROUNDS times each, alternating between this checkout and a
# BASELINE checkout (built: mvn -B -DskipTests package), and prints median wall times, the ratio,
# and the copy's own time (checks_placed.duration_ms) from the log.
# Usage: BASELINE=/path/to/other/checkout bench/checks-copy.sh [ROUNDS]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
baseline="${BASELINE:?set BASELINE to a built checkout to compare with}"
rounds="${1:-5}"
for tool in jq git node python3; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" NO_COLOR=1
unset HARNESS_TRUST_POLICY

cp -r "$root/examples/dashboard" "$work/dashboard"
git -C "$work/dashboard" init -q -b main
git -C "$work/dashboard" add -A
git -C "$work/dashboard" -c user.name=b -c user.email=b@b commit -q -m initial
echo "// an uncommitted edit" >> "$work/dashboard/package.json.note"
git -C "$work/dashboard" ls-files -z '*.js' | head -zn1 | xargs -0 -I{} sh -c 'echo "// an uncommitted edit" >> "$1/{}"' _ "$work/dashboard"
git clone -q "$root" "$work/large"

plan() { # plan FILE CHECK
  python3 - "$1" "$2" <<'PY'
import json, sys
json.dump([{"id": "t1", "title": "Check", "objective": "Check the project", "scope": "workspace",
            "acceptance_tests": [sys.argv[2]], "depends_on": [], "commit_policy": "none",
            "escalation_policy": "ask"}], open(sys.argv[1], "w"))
PY
}
plan "$work/dashboard.json" "npm test"
plan "$work/large.json" "test -f README.md"

ms() { date +%s%3N; }
run() { # run HOME_DIR PROJECT -> wall ms; copy ms appended to $work/copy-<label>
  local start end
  start=$(ms)
  "$1/bin/orchestrator" -C "$work/$2" --state-dir "$work/runs-$3" --plan "$work/$2.json" --yes --trust \
    --agent none "bench" > /dev/null 2> "$work/err" < /dev/null || { cat "$work/err" >&2; exit 1; }
  end=$(ms)
  echo $((end - start))
}
median() { python3 -c 'import sys,statistics; print(int(statistics.median(map(int, sys.argv[1:]))))' "$@"; }

for project in dashboard large; do
  before=(); after=()
  for ((i = 0; i < rounds; i++)); do
    before+=("$(run "$baseline" "$project" "$project-before")")
    after+=("$(run "$root" "$project" "$project-after")")
  done
  copies=$(cat "$work"/runs-"$project"-after/*/events.jsonl | jq -r 'select(.kind == "checks_placed") | .payload.duration_ms')
  files=$(git -C "$work/$project" ls-files | wc -l)
  b=$(median "${before[@]}"); a=$(median "${after[@]}")
  echo "$project ($files tracked files): baseline median ${b} ms, now ${a} ms, ratio $(python3 -c "print(round($a/$b, 2))");" \
    "copy made in $(median $copies) ms (median of ${rounds})"
done
