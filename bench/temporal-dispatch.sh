#!/usr/bin/env bash
# Dispatch overhead of the Temporal executor (issue 18) against the local one, on the real
# executables (build first: mvn -B -DskipTests package; the test server's classpath comes from
# Maven, offline once built): a 50-task plan of independent tasks with a trivial acceptance test
# (`true`, the built-in worker), run once locally and once through the Temporal test server on
# 127.0.0.1 with 2 worker hosts on this machine (2 attempts at once each; -j 4 both times).
# Prints the task phase of each run (last bootstrap phase → execution_complete, from the run's
# log), the extra time per task through Temporal and the ratio temporal / local.
# Usage: bench/temporal-dispatch.sh [TASKS]   (default 50)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
n="${1:-50}"
for tool in jq python3 git mvn; do command -v "$tool" >/dev/null || { echo "bench needs $tool" >&2; exit 1; }; done
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cp="$(cd "$root/system-tests" && mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=/dev/stdout 2>/dev/null):$root/system-tests/target/test-classes"
[ -f "$root/system-tests/target/test-classes/dev/harness/systemtests/temporal/LoopbackTemporalServer.class" ] \
  || (cd "$root" && mvn -B -q -o test-compile -pl system-tests >&2)
java -Xmx256m -cp "$cp" dev.harness.systemtests.temporal.LoopbackTemporalServer 0 > "$work/server.out" 2> "$work/server.err" &
pids+=($!)
for _ in $(seq 1 300); do grep -q listening "$work/server.out" 2>/dev/null && break; sleep 0.2; done
target="$(sed -n 's/^listening //p' "$work/server.out")"
[ -n "$target" ] || { echo "the test server did not start: $(cat "$work/server.err")" >&2; exit 1; }

export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" HARNESS_TRUST_POLICY=
mkdir -p "$HOME"
for h in host-1 host-2; do
  mkdir -p "$work/$h/hosts"
  echo "trusted_roots: ['$work/$h/hosts']" > "$work/$h.yaml"
  "$root/bin/worker-manager" --temporal-worker --temporal-target "$target" --task-queue bench --state-dir "$work/$h" \
    --trust-policy "$work/$h.yaml" --host-name "$h" --max-workers 2 2> "$work/$h.log" &
  pids+=($!)
done

git init -q --bare "$work/remote.git"
mkdir -p "$work/ws" && echo "bench" > "$work/ws/README.md"
git -C "$work/ws" init -q -b main
git -C "$work/ws" add -A
git -C "$work/ws" -c user.name=b -c user.email=b@l commit -q -m bench
git -C "$work/ws" remote add origin "$work/remote.git"
python3 - "$n" > "$work/plan.json" <<'PY'
import json, sys
print(json.dumps([{"id": f"t{i}", "title": f"Trivial task {i}", "objective": f"Trivial task {i}", "scope": "workspace",
                   "scope_path": None, "acceptance_tests": ["true"], "depends_on": [], "commit_policy": "none",
                   "escalation_policy": "ask"} for i in range(1, int(sys.argv[1]) + 1)]))
PY

iso_ms() { python3 -c 'import sys,datetime; print(int(datetime.datetime.fromisoformat(sys.argv[1].replace("Z","+00:00")).timestamp()*1000))' "$1"; }
phase_ms() { # task phase of a run: last bootstrap phase completed → execution_complete
  local events; events="$(ls -d "$work/$1"/*/)events.jsonl"
  local done_ok; done_ok=$(jq -s '[.[] | select(.kind == "task_completed")] | length' "$events")
  [ "$done_ok" = "$n" ] || { echo "$1: only $done_ok of $n tasks completed" >&2; exit 1; }
  echo $(( $(iso_ms "$(jq -r 'select(.kind == "execution_complete") | .time' "$events" | head -1)") \
         - $(iso_ms "$(jq -r 'select(.kind == "bootstrap_phase_completed") | .time' "$events" | tail -1)") ))
}
run() { # run NAME [ENV...]
  local name="$1"; shift
  env "$@" "$root/bin/orchestrator" -C "$work/ws" --state-dir "$work/$name" --plan "$work/plan.json" --yes --trust -j 4 \
    --json "bench: $n trivial tasks" > "$work/$name.jsonl" 2> "$work/$name.err" < /dev/null \
    || { echo "$name run failed: $(tail -5 "$work/$name.err")" >&2; exit 1; }
}

echo "== $n trivial tasks, -j 4: local executor vs Temporal (test server on $target, 2 hosts × 2) =="
run local HARNESS_EXECUTOR=local
run temporal HARNESS_EXECUTOR=temporal HARNESS_TEMPORAL_TARGET="$target" HARNESS_TASK_QUEUE=bench
local_ms=$(phase_ms local)
temporal_ms=$(phase_ms temporal)
echo "task phase, local:            ${local_ms} ms ($((local_ms / n)) ms per task)"
echo "task phase, temporal:         ${temporal_ms} ms ($((temporal_ms / n)) ms per task)"
echo "dispatch overhead:            $(( (temporal_ms - local_ms) * 4 / n )) ms per task per lane (4 lanes)"
echo "ratio temporal / local:       $(python3 -c "print(round($temporal_ms / max(1, $local_ms), 2))")"
echo "tasks per host:               $(grep -c 'on host-1, dispatch' "$work/host-1.log" || true) on host-1, $(grep -c 'on host-2, dispatch' "$work/host-2.log" || true) on host-2"
