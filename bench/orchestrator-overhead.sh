#!/usr/bin/env bash
# The orchestrator's own cost, measured on the real executables (build first:
# mvn -B -DskipTests package):
#  (a) a 4-task run with trivial acceptance tests: wall time, minus the tasks' own time (agent and
#      acceptance-test durations from the event log) = the harness's overhead, split into
#      start+plan+gate, bootstrap, per task;
#  (b) a 200-task synthetic DAG at -j 2: per-task overhead and peak memory (/usr/bin/time -v).
# Usage: bench/orchestrator-overhead.sh [TASKS_FOR_B]   (default 200)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
orchestrator="$root/bin/orchestrator"
n_big="${1:-200}"
for tool in jq python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/dashboard" "$work/ws"

# plan N: N packets with `true` as acceptance test; task i depends on tasks (i-1)/2 and i-2
# (a layered DAG with plenty of parallel work, like a real plan's fan-out and fan-in)
plan() {
  python3 - "$1" <<'PY'
import json, sys
n = int(sys.argv[1])
packets = []
for i in range(1, n + 1):
    deps = sorted({f"t{d}" for d in (i // 2, i - 2) if 1 <= d < i})
    packets.append({"id": f"t{i}", "title": f"Synthetic task {i}", "objective": f"Synthetic task {i}",
                    "scope": "workspace", "scope_path": None, "acceptance_tests": ["true"],
                    "depends_on": deps, "commit_policy": "none", "escalation_policy": "ask"})
print(json.dumps(packets))
PY
}

ms() { date +%s%3N; }

# events.jsonl → tasks' own time (ms): agent runs + acceptance tests
own_ms() {
  jq -s '[.[] | select(.kind == "acceptance_test_result" or .kind == "agent_exited") | .payload.duration_ms // 0] | add // 0' "$1"
}

t_of() { jq -r --arg k "$2" 'select(.kind == $k) | .time' "$1" | head -1; }
iso_ms() { python3 -c 'import sys,datetime; print(int(datetime.datetime.fromisoformat(sys.argv[1].replace("Z","+00:00")).timestamp()*1000))' "$1"; }

echo "== (a) 4 tasks, trivial acceptance tests, -j 1 =="
plan 4 > "$work/plan4.json"
start=$(ms)
"$orchestrator" -C "$work/ws" --state-dir "$work/runs-a" --plan "$work/plan4.json" --yes --trust --json \
  "bench: four trivial tasks" > "$work/a.jsonl" 2> "$work/a.err" < /dev/null
end=$(ms)
events="$(ls -d "$work"/runs-a/*/)events.jsonl"
wall=$((end - start))
own=$(own_ms "$events")
first=$(iso_ms "$(t_of "$events" run_started)")
planned=$(iso_ms "$(t_of "$events" gate_approved)")
boot_end=$(iso_ms "$(jq -r 'select(.kind == "bootstrap_phase_completed") | .time' "$events" | tail -1)")
done_t=$(iso_ms "$(t_of "$events" execution_complete)")
echo "wall time:                    ${wall} ms"
echo "tasks' own time (log):        ${own} ms"
echo "harness overhead:             $((wall - own)) ms"
echo "  JVM start → run_started:    $((first - start)) ms"
echo "  plan (validate) + gate:     $((planned - first)) ms"
echo "  bootstrap (5 phases):       $((boot_end - planned)) ms"
echo "  4 tasks (spawn..verify):    $((done_t - boot_end)) ms → $(((done_t - boot_end - own) / 4)) ms per task beyond its own time"
echo "  summary + shutdown:         $((end - done_t)) ms"

echo
echo "== (b) ${n_big}-task synthetic DAG, -j 2 =="
plan "$n_big" > "$work/plan-big.json"
start=$(ms)
/usr/bin/time -v "$orchestrator" -C "$work/ws" --state-dir "$work/runs-b" --plan "$work/plan-big.json" --yes --trust -j 2 \
  --json "bench: ${n_big} tasks" > "$work/b.jsonl" 2> "$work/b.err" < /dev/null
end=$(ms)
events="$(ls -d "$work"/runs-b/*/)events.jsonl"
own=$(own_ms "$events")
boot_end=$(iso_ms "$(jq -r 'select(.kind == "bootstrap_phase_completed") | .time' "$events" | tail -1)")
done_t=$(iso_ms "$(t_of "$events" execution_complete)")
completed=$(jq -s '[.[] | select(.kind == "task_completed")] | length' "$events")
lines=$(wc -l < "$events")
echo "tasks completed:              ${completed}/${n_big}"
echo "wall time:                    $((end - start)) ms (events: ${lines})"
echo "task phase (bootstrap→end):   $((done_t - boot_end)) ms, tasks' own time ${own} ms"
echo "per-task overhead (2 lanes):  $(( (2 * (done_t - boot_end) - own) / n_big )) ms per task"
echo "throughput:                   $(python3 -c "print(round($n_big / (($done_t - $boot_end) / 1000.0), 1))") tasks/s"
echo "orchestrator peak RSS:        $(grep 'Maximum resident set size' "$work/b.err" | awk '{print $NF}') KiB"
ls "$work"/runs-b/*/services/ >/dev/null
echo "event log size:               $(du -k "$events" | cut -f1) KiB"
