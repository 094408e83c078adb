#!/usr/bin/env bash
# Times planning-service's decompose on a synthetic 50,000-file workspace and on examples/dashboard.
# The time is measured inside the service (its "decompose: … total N ms" stderr line), so JVM start
# is not counted. Usage: [PLANNING_ARGS="--scan-max-files 60000"] [BASELINE=DIR] bench/planning-scan.sh [FILES]
# (FILES default 50000, at most 200000; PLANNING_ARGS are extra service options; BASELINE: another built
# checkout, e.g. a `git worktree` of an older commit, run on the same workspace in the same run, with
# the ratio of each case's time printed — on a shared machine only ratios from one run mean anything)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
files="${1:-50000}"
if ! [[ "$files" =~ ^[0-9]+$ ]] || [ "$files" -lt 1 ] || [ "$files" -gt 200000 ]; then
  echo "FILES must be a number from 1 to 200000" >&2; exit 2
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/planning-scan.XXXXXX")"
trap 'rm -rf "$work"' EXIT

ws="$work/workspace"
mkdir -p "$ws"
# 50 areas × 20 packages × N files; a few names the objective will match, plus ignored bulk
per_dir=$(( (files + 999) / 1000 ))
areas=(dashboard theme billing auth reports search admin api storage users)
made=0
for a in $(seq 0 49); do
  area="${areas[$((a % ${#areas[@]}))]}_$a"
  [ "$a" -eq 0 ] && area=dashboard
  [ "$a" -eq 1 ] && area=theme
  for p in $(seq 0 19); do
    [ "$made" -ge "$files" ] && break 2
    dir="$ws/src/$area/pkg_$p"
    mkdir -p "$dir"
    n=$(( files - made < per_dir ? files - made : per_dir ))
    (cd "$dir" && seq -f "file_%g.js" 1 "$n" | xargs touch)
    made=$((made + n))
  done
done
mkdir -p "$ws/node_modules/huge" "$ws/test"
(cd "$ws/node_modules/huge" && seq -f "dep_%g.js" 1 5000 | xargs touch)
touch "$ws/test/dashboard.test.js" "$ws/test/theme.test.js"
printf '{"scripts":{"test":"node --test test/","build":"node build.js","lint":"node lint.js"}}\n' > "$ws/package.json"
printf 'node_modules/\n*.log\n' > "$ws/.gitignore"
echo "synthetic workspace: $(find "$ws" -type f -not -path '*/node_modules/*' | wc -l) files (+5000 in node_modules) in $ws"
# a tree modified within 2 s of its scan is scanned again (TreeStamp): let it settle, as a person's tree has
sleep 3

# Talks to one service: request 1 scans (cold JVM), request 2 hits the scan cache, then the root's
# mtime is bumped so request 3 rescans in a warmed-up JVM (a long-running service's real cost).
run() { # $1 label, $2 workspace, [$3 checkout (default: this one)]
  local label="$1" dir="$2" checkout="${3:-$root}" log="$work/$1.log" line
  # shellcheck disable=SC2086
  coproc SERVICE { "$checkout/bin/planning-service" ${PLANNING_ARGS:-} 2> "$log"; }
  for id in 1 2 3; do
    [ "$id" -eq 3 ] && touch "$dir"
    printf '{"id":%d,"method":"decompose","params":{"objective":"add dark mode to the dashboard","context":{"cwd":"%s"}}}\n' \
      "$id" "$dir" >&"${SERVICE[1]}"
    while IFS= read -r line <&"${SERVICE[0]}"; do
      case "$line" in *'"id":'"$id"',"result"'*) break ;; *'"id":'"$id"',"error"'*) echo "$label: $line" >&2; exit 1 ;; esac
    done
  done
  exec {SERVICE[1]}>&-
  wait "$SERVICE_PID" || true
  local i=0 kind
  while IFS= read -r line; do
    i=$((i + 1))
    case "$i" in 1) kind="cold JVM, scan" ;; 2) kind="cached scan" ;; *) kind="warm JVM, rescan" ;; esac
    echo "$label ($kind): ${line#*decompose: }"
  done < <(grep 'decompose:' "$log")
}

run synthetic "$ws"
run dashboard "$root/examples/dashboard"
if [ -n "${BASELINE:-}" ]; then
  run baseline-synthetic "$ws" "$BASELINE"
  run baseline-dashboard "$root/examples/dashboard" "$BASELINE"
  for label in synthetic dashboard; do
    paste <(grep -o 'total [0-9.]*' "$work/$label.log" | cut -d' ' -f2) \
          <(grep -o 'total [0-9.]*' "$work/baseline-$label.log" | cut -d' ' -f2) |
      awk -v label="$label" 'BEGIN { split("cold JVM, scan|cached scan|warm JVM, rescan", kind, "|") }
        { printf "%s (%s): %.1f ms, baseline %.1f ms, ratio %.2f\n", label, kind[NR], $1, $2, ($2 > 0 ? $1 / $2 : 0) }'
  done
fi
