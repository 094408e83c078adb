#!/usr/bin/env bash
# Start-up cost of the typed run log: `orchestrator --version` and `orchestrator status RUN` on a
# 1,000-event log (a realistic mix: plan, gates, bootstrap, tasks with relayed worker events,
# escalations and decisions), median of N runs each. With a second installation (e.g. a
# checkout of an earlier commit, built) it measures both in the same run and prints the ratio.
# The orchestrator's class-data-sharing archive is trained on `status` of a small run
# (orchestrator/src/main/cds/state), so the typed log's record binding is archived too.
# Usage: bench/runlog-status.sh [N] [BASELINE_ROOT]      (build first: mvn -B -DskipTests package)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
n="${1:-11}"
baseline="${2:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run_id=20261130-000000-beef
mkdir -p "$work/state/$run_id"
python3 - "$work/state/$run_id/events.jsonl" "$run_id" <<'PY'
import hashlib, json, sys
out, run = sys.argv[1], sys.argv[2]
lines = []
def add(kind, **fields):
    n = len(lines)
    e = {"seq": n + 1, "time": "2026-11-30T01:%02d:%02d.%03dZ" % ((n // 60) % 60, n % 60, n % 1000), "kind": kind, "run_id": run}
    e.update(fields)
    lines.append(e)
packets = [{"id": "t%d" % i, "title": "Task %d" % i, "objective": "Do task %d" % i, "scope": "module", "scope_path": "src/m%d" % i,
            "acceptance_tests": ["test -d src/m%d" % i], "depends_on": ["t%d" % (i - 1)] if i > 1 else [],
            "commit_policy": "none", "escalation_policy": "ask"} for i in range(1, 6)]
digest = hashlib.sha256(json.dumps(packets, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
add("run_started", objective="bench", workspace="/ws", options={"jobs": 1, "agent": "none", "keep_going": False})
add("plan_created", plan_id="p1", objective="bench", packets=packets, warnings=[], digest=digest, planner="built_in")
add("gate_approval_requested", gate="plan", digest=digest)
add("gate_approved", gate="plan", digest=digest, approver="ana", source="cli_flag", comment="--yes")
for phase in ["cli_entry", "system_prompt_fastpath", "mcp_fastpath", "daemon_worker_fastpath", "main_runtime"]:
    add("bootstrap_phase_started", phase=phase)
    add("bootstrap_phase_completed", phase=phase, success=True, recorded=False, diagnostics=[], artifacts={"x": 1})
steps = [("spawning", {"workspace": "/ws", "scope_path": "src", "agent": "none", "packet_digest": digest}),
         ("ready_for_prompt", {"reason": "trusted", "from": "spawning", "to": "ready_for_prompt"}),
         ("running", {"from": "ready_for_prompt", "to": "running"}),
         ("attempt_started", {"attempt": 1, "agent": "none", "workdir": "/ws", "log_dir": "/l", "with_feedback": False}),
         ("acceptance_test_result", {"index": 0, "command": "make", "exit_code": 1, "passed": False, "timed_out": False,
                                     "duration_ms": 5, "output_tail": "FAIL"}),
         ("failure_classified", {"failure_class": "logic_error", "evidence": {"source": "acceptance_test", "detail": "exit 1"}}),
         ("recovery_escalation", {"failure_class": "logic_error", "reason": "r", "summary": "s",
                                  "allowed_decisions": ["retry", "skip", "abort"], "retries_left": 1, "escalation_policy": "ask"}),
         ("failed", {"from": "running", "to": "failed", "reason": "tests", "failure_class": "logic_error", "escalation_required": True})]
attempts, n = {}, 0
while len(lines) < 990:
    task, worker = "t%d" % (n % 5 + 1), "w%d" % n
    n += 1
    attempts[task] = attempts.get(task, 0) + 1
    add("task_started", task_id=task, worker_id=worker, attempt=attempts[task])
    for kind, payload in steps:
        add(kind, task_id=task, worker_id=worker, worker_event_id="%s:%d" % (worker, len(lines)), state="running",
            attempt=1, payload=payload)
    add("task_failed", task_id=task, worker_id=worker, failure_class="logic_error", reason="tests", escalation_required=True)
    add("decision_recorded", task_id=task, worker_id=worker, decision="retry", approver="ana", source="cli_flag")
while len(lines) < 999:
    add("task_skipped", task_id="t5", reason="dependency t4 failed", cause="dependency")
add("execution_complete", completed=0, failed=5, skipped=0, status="failed")
open(out, "w").write("".join(json.dumps(l, separators=(",", ":")) + "\n" for l in lines))
PY
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# wall and CPU (user + sys) milliseconds of one command: CPU time holds up on a busy machine
one() { /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null 2>&1 || true; awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/t"; }
measure() { # ROOT -> "version_wall version_cpu status_wall status_cpu"
  local vs ss
  vs=$(for _ in $(seq "$n"); do one "$1/bin/orchestrator" --version; done)
  ss=$(for _ in $(seq "$n"); do one "$1/bin/orchestrator" status "$run_id" --state-dir "$work/state" --workspace "$work"; done)
  echo "$(cut -d' ' -f1 <<<"$vs" | median) $(cut -d' ' -f2 <<<"$vs" | median) $(cut -d' ' -f1 <<<"$ss" | median) $(cut -d' ' -f2 <<<"$ss" | median)"
}
"$root/bin/orchestrator" status "$run_id" --state-dir "$work/state" --workspace "$work" >/dev/null \
  || { echo "status failed on the generated log" >&2; exit 1; }
read -r v vc s sc < <(measure "$root")
echo "this build:  --version ${v} ms (cpu ${vc} ms), status of 1,000 events ${s} ms (cpu ${sc} ms)  (medians of $n)"
if [ -n "$baseline" ]; then
  read -r bv bvc bs bsc < <(measure "$baseline")
  echo "baseline:    --version ${bv} ms (cpu ${bvc} ms), status of 1,000 events ${bs} ms (cpu ${bsc} ms)"
  awk -v a="$vc" -v b="$bvc" -v c="$sc" -v d="$bsc" 'BEGIN {printf "ratio (cpu): --version %.2f, status %.2f (this / baseline)\n", a / b, c / d}'
fi
