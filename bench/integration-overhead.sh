#!/usr/bin/env bash
# Integration overhead on the real executables (build first: mvn -B -DskipTests package):
# a 20-task plan, one commit per task (scripted agent), plus a task that verifies the whole and
# depends on all 20. The figure: time from the last committing task's completion to a verified
# integration branch (integration_completed), minus the verifying task's own time (its
# task_started → task_completed). Target: under 2 s. For scale, the same 20 branches are merged
# by hand (git merge in a scratch worktree) in the same run and the ratio is printed.
# Usage: bench/integration-overhead.sh [TASKS]   (default 20)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
orchestrator="$root/bin/orchestrator"
n="${1:-20}"
for tool in jq python3 git; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'git -C "$work/ws" worktree prune 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$root/examples/dashboard" "$work/ws"
for i in $(seq 1 "$n"); do mkdir -p "$work/ws/areas/t$i" && echo "area $i" > "$work/ws/areas/t$i/README"; done
git -C "$work/ws" init -q -b main
git -C "$work/ws" add -A
git -C "$work/ws" -c user.name=bench -c user.email=bench@localhost commit -q -m "bench workspace"

python3 - "$n" > "$work/plan.json" <<'PY'
import json, sys
n = int(sys.argv[1])
packets = [{"id": f"t{i}", "title": f"Change {i}", "objective": f"Write t{i}.txt",
            "scope": "module", "scope_path": f"areas/t{i}", "acceptance_tests": [f"test -f areas/t{i}/t{i}.txt"],
            "depends_on": [], "commit_policy": "single verified commit", "escalation_policy": "abort"}
           for i in range(1, n + 1)]
packets.append({"id": "verify", "title": "Verify the whole", "objective": "Every change is there",
                "scope": "workspace", "scope_path": None,
                "acceptance_tests": [" && ".join(f"test -f areas/t{i}/t{i}.txt" for i in range(1, n + 1))],
                "depends_on": [f"t{i}" for i in range(1, n + 1)], "commit_policy": "none",
                "escalation_policy": "abort"})
print(json.dumps(packets))
PY

echo "== integration of $n one-commit tasks (-j 2) =="
"$orchestrator" -C "$work/ws" --state-dir "$work/runs" --plan "$work/plan.json" --yes --trust -j 2 --json \
  --agent "$root/examples/orchestrator/agents/mark-in-scope.sh" "bench: integrate $n tasks" \
  > "$work/run.jsonl" 2> "$work/run.err" < /dev/null || { echo "the run failed:" >&2; tail -20 "$work/run.err" >&2; exit 1; }
events="$(ls -d "$work"/runs/*/)events.jsonl"

python3 - "$events" <<'PY'
import json, sys, datetime
def ms(t): return datetime.datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp() * 1000
ev = [json.loads(l) for l in open(sys.argv[1])]
done = [e for e in ev if e["kind"] == "task_completed" and e.get("commit")]
last_commit = max(ms(e["time"]) for e in done)
integrated = [e for e in ev if e["kind"] == "integration_completed"]
if not integrated:
    sys.exit("no integration_completed event: the integration branch was not verified")
end = ms(integrated[-1]["time"])
v_start = max(ms(e["time"]) for e in ev if e["kind"] == "task_started" and e.get("task_id") == "verify")
v_end = max(ms(e["time"]) for e in ev if e["kind"] == "task_completed" and e.get("task_id") == "verify")
merges = [e for e in ev if e["kind"] == "merge_completed"]
after = [e for e in merges if ms(e["time"]) >= last_commit]
print(f"committing tasks:                       {len(done)} (merged: {len(merges)}, after the last one finished: {len(after)})")
print(f"last completion → integration_completed: {end - last_commit:.0f} ms")
print(f"verifying task's own time:               {v_end - v_start:.0f} ms")
print(f"integration overhead:                    {end - last_commit - (v_end - v_start):.0f} ms  (target < 2000 ms)")
print(f"integration commits: {integrated[-1].get('commits')}, {integrated[-1].get('diffstat')}")
PY

# for scale: the same branches merged by hand, one git merge each, in a scratch worktree
branches=$(git -C "$work/ws" for-each-ref --format='%(refname:short)' 'refs/heads/harness/*/t*' | grep -v '/run-')
git -C "$work/ws" worktree add -q --detach "$work/by-hand" main
start=$(date +%s%3N)
for b in $branches; do
  git -C "$work/by-hand" -c user.name=bench -c user.email=bench@localhost merge -q --no-edit "$b" >/dev/null
done
end=$(date +%s%3N)
echo "by hand: $(echo "$branches" | wc -w) git merges in a checkout: $((end - start)) ms"
