#!/usr/bin/env bash
# The floor of issue 15's "harness time per task" (bench/overhead.py section 3): per task, exactly
# the process and file work the worker manager does for a synthetic task of that plan (acceptance
# test `true`, no agent, examples/dashboard as the work directory, which is not a git work tree),
# done by the shell with nothing else around it:
#   git rev-parse --show-toplevel     (is the work directory a git work tree? here: no)
#   cp -r of the work directory       (the checks' throwaway copy, CheckTree; 16 files)
#   setsid -w sh -c true in the copy  (the acceptance test in its own session)
#   rm -rf of the copy
#   with FLUSH=1 also the task's durable record: 5 forced saves (write a temporary
#   file, fsync it, rename it over the record, fsync the directory), as the worker manager makes
#   for spawning, ready_for_prompt, running, finished and its usage; each save costs one `sync`
#   process here that Java does not pay, so this part is an upper bound.
# Tasks run in JOBS lanes at once (the plan's -j). Prints wall and CPU per task, the lanes' time
# per task with and without the check's own run (overhead.py subtracts the check's run, as the
# log records it, from the lanes' time: compare "without the check" with its figure).
# Usage: bench/floor/tasks.sh [TASKS=200] [JOBS=2]      environment: FLUSH=1 adds the saves (an upper bound)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
tasks="${1:-200}"; jobs="${2:-2}"; flush="${FLUSH:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/dashboard" "$work/ws"

now_us() { local t="${EPOCHREALTIME/./}"; echo "$((10#$t))"; }

lane() { # lane N: tasks N, N+jobs, N+2*jobs …; prints the microseconds its checks ran
  local i="$1" check_us=0 t0 dir rec
  while [ "$i" -le "$tasks" ]; do
    dir="$work/state/t$i"; mkdir -p "$dir"
    git -C "$work/ws" rev-parse --show-toplevel >/dev/null 2>&1 || true
    cp -r "$work/ws" "$dir/checks"
    t0="$(now_us)"
    (cd "$dir/checks" && setsid -w sh -c true)
    check_us=$((check_us + $(now_us) - t0))
    rm -rf "$dir/checks"
    if [ "$flush" = 1 ]; then
      for state in spawning ready_for_prompt running finished usage; do
        rec="$dir/record.json"
        printf '{"task":"t%d","state":"%s"}\n' "$i" "$state" >"$rec.tmp"
        sync "$rec.tmp"; mv -f "$rec.tmp" "$rec"; sync "$dir"
      done
    fi
    i=$((i + jobs))
  done
  echo "$check_us" >"$work/check.$1"
}

start="$(now_us)"
for lane_no in $(seq 1 "$jobs"); do lane "$lane_no" & done
wait
wall_us=$(($(now_us) - start))
check_us=0; for f in "$work"/check.*; do check_us=$((check_us + $(cat "$f"))); done
# bash's `times`: second line is children's user and system time as NmS.SSSs
times >"$work/times"
cpu_ms="$(sed -n 2p "$work/times" | awk '{ t = 0; for (k = 1; k <= 2; k++) { split($k, p, "m"); sub("s", "", p[2]); t += p[1] * 60000 + p[2] * 1000 } printf "%.0f", t }')"
awk -v n="$tasks" -v j="$jobs" -v w="$wall_us" -v c="$check_us" -v cpu="$cpu_ms" -v fl="$flush" 'BEGIN {
  printf "floor, %d tasks at -j %d%s: wall %.0f ms, cpu %.0f ms (%.1f ms/task)\n", n, j, (fl == 1 ? ", with record flushes" : ""), w / 1000, cpu, cpu / n
  printf "  lanes'\'' time per task %.1f ms; without the check'\''s own run (%.1f ms a task) %.1f ms\n", j * w / 1000 / n, c / 1000 / n, (j * w - c) / 1000 / n
}'
