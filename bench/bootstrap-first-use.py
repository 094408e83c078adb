#!/usr/bin/env python3
"""The bootstrap's first use, this checkout against another one, interleaved round by round.

A cold bin/bootstrap-service answers what the orchestrator sends at the start of a run - the five
execute_phase requests, on a fresh copy of examples/dashboard (MCP servers found, not started, as
before trust) - and, separately, one get_status (what bench/startup.py times). Prints the medians
of CPU (user + sys of the service and its children: git, sh) and wall time, and the ratio of this
checkout to the other. Both checkouts must be built (mvn -B -DskipTests package), each with its own
start-up archive. Rounds alternate which side goes first, so a busy machine slows both alike.
Usage: bench/bootstrap-first-use.py OTHER_CHECKOUT [ROUNDS]
"""
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PHASES = ["cli_entry", "system_prompt_fastpath", "mcp_fastpath", "daemon_worker_fastpath", "main_runtime"]


def run(root, stdin, cwd):
    """Wall and CPU milliseconds of one service process (CPU from wait4: it and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([os.path.join(root, "bin", "bootstrap-service")], input=stdin, capture_output=True,
                          text=True, cwd=cwd, env=dict(os.environ, HOME=os.path.join(cwd, "home")))
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit("%s/bin/bootstrap-service exited %d: %s" % (root, done.returncode, done.stderr[-2000:]))
    return wall, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000, done.stdout


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sides = {"other": os.path.abspath(sys.argv[1]), "this": ROOT}
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    work = tempfile.mkdtemp(prefix="bootstrap-first-use-")
    workspace = os.path.join(work, "ws")
    phases = "".join(json.dumps({"jsonrpc": "2.0", "id": i, "method": "execute_phase", "params": {
        "phase": p, "context": {"cwd": workspace, "probe_mcp_servers": False}}}) + "\n" for i, p in enumerate(PHASES))
    status = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "get_status", "params": {"context": {"cwd": workspace}}}) + "\n"
    times = {(side, what): [] for side in sides for what in ("phases", "status")}
    try:
        for r in range(rounds):
            for side in (["other", "this"] if r % 2 == 0 else ["this", "other"]):
                shutil.rmtree(workspace, ignore_errors=True)
                shutil.copytree(os.path.join(ROOT, "examples", "dashboard"), workspace)
                times[(side, "status")].append(run(sides[side], status, work)[:2])
                wall, cpu, out = run(sides[side], phases, work)
                last = json.loads(out.splitlines()[-1])
                if not last.get("result", {}).get("success"):
                    sys.exit("%s: main_runtime did not succeed: %s" % (side, out[-2000:]))
                times[(side, "phases")].append((wall, cpu))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for what in ("phases", "status"):
        o_wall, o_cpu = (statistics.median(t[i] for t in times[("other", what)]) for i in (0, 1))
        t_wall, t_cpu = (statistics.median(t[i] for t in times[("this", what)]) for i in (0, 1))
        print("%-7s CPU median: other %4.0f ms, this %4.0f ms (%.3fx); wall: other %4.0f ms, this %4.0f ms (%.3fx); %d rounds"
              % (what, o_cpu, t_cpu, t_cpu / o_cpu, o_wall, t_wall, t_wall / o_wall, rounds))


if __name__ == "__main__":
    main()
