#!/usr/bin/env bash
# The dashboard under load (issue 16): `orchestrator serve` over 200 runs, one of them a 200-task
# run. Measures, median of N requests each: the runs page, the 200-task run's page (SVG graph,
# tasks, evidence), its state.json; the live stream's delay from a line appended to events.jsonl to
# the client receiving it (SSE); and the server's resident memory with 10 pages streaming. The
# baseline measured in the same run is the smallest request the server answers (a static asset):
# pages are printed as a ratio to it. Targets: first page < 300 ms, stream delay < 500 ms.
# Usage: bench/dashboard.sh [N]            (build first: mvn -B -DskipTests package)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
n="${1:-15}"
work="$(mktemp -d)"
serve_pid=""
cleanup() { if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
python3 - "$work/state" <<'PY'
import json, os, sys
state = sys.argv[1]
def write(run, tasks, finished):
    os.makedirs(os.path.join(state, run))
    lines = []
    def add(kind, **f):
        n = len(lines)
        e = {"seq": n + 1, "time": "2026-11-30T01:%02d:%02d.%03dZ" % ((n // 3600) % 60, (n // 60) % 60, n % 1000), "kind": kind, "run_id": run}
        e.update(f); lines.append(e)
    packets = [{"id": "t%d" % i, "title": "Task %d of the bench" % i, "objective": "Do task %d" % i, "scope": "module",
                "scope_path": "src/m%d" % i, "acceptance_tests": ["test -d src/m%d" % i],
                "depends_on": ["t%d" % (i // 2)] if i > 1 else [], "commit_policy": "none", "escalation_policy": "ask"}
               for i in range(1, tasks + 1)]
    add("run_started", objective="bench " + run, workspace="/nonexistent", options={"jobs": 4, "agent": "none", "keep_going": False})
    add("plan_created", plan_id="p", objective="bench", packets=packets, digest="x", planner="bench")
    add("gate_approved", gate="plan", digest="x", approver="bench", source="cli_flag")
    for p in packets[: tasks if finished else tasks // 2]:
        add("task_started", task_id=p["id"], worker_id="w-" + p["id"], attempt=1)
        add("agent_exited", task_id=p["id"], worker_id="w-" + p["id"], worker_event_id="e-" + p["id"], attempt=1,
            payload={"agent": "none", "exit_code": 0, "output_tail": "line 1\nall good for " + p["id"] + "\n"})
        add("task_completed", task_id=p["id"], worker_id="w-" + p["id"], duration_ms=1000)
    if finished:
        add("execution_complete", completed=tasks, failed=0, skipped=0, status="completed")
    with open(os.path.join(state, run, "events.jsonl"), "w") as f:
        for e in lines:
            f.write(json.dumps(e, separators=(",", ":")) + "\n")
for i in range(199):
    write("20261129-%06d-b%03d" % (i, i), 5, True)
write("20261130-235959-big0", 200, False)
PY
export HOME="$work/home" XDG_STATE_HOME="$work/home/state"   # no real run index
"$root/bin/orchestrator" serve --state-dir "$work/state" > "$work/serve.out" 2> "$work/serve.err" &
serve_pid=$!
for _ in $(seq 1 200); do grep -q 'Dashboard:' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url="$(grep -o 'http://[^ ]*' "$work/serve.out")"
python3 - "$url" "$work/state/20261130-235959-big0/events.jsonl" "$serve_pid" "$n" <<'PY'
import json, socket, statistics, sys, threading, time, urllib.request
url, log, pid, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
base, token = url.split("/?token=")
def get(path):
    req = urllib.request.Request(base + path, headers={"X-Harness-Token": token})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        body = r.read()
    return (time.perf_counter() - t) * 1000, len(body)
def median(path):
    get(path)  # the first request of a kind also warms the JIT: reported separately
    return statistics.median(get(path)[0] for _ in range(n))
first_runs, _ = get("/")
first_big, size_big = get("/run/20261130-235959-big0")
static = median("/static/app.css")
runs = median("/")
big = median("/run/20261130-235959-big0")
state = median("/run/20261130-235959-big0/state.json")
print("first request: runs page (200 runs) %.0f ms, 200-task run page %.0f ms (%d KB)" % (first_runs, first_big, size_big // 1024))
print("median of %d: static asset %.1f ms (baseline); runs page %.1f ms (x%.1f); 200-task run page %.1f ms (x%.1f); state.json %.1f ms (x%.1f)"
      % (n, static, runs, runs / static, big, big / static, state, state / static))

def stream(on_line, ready):
    s = socket.create_connection((base.split("//")[1].split(":")[0], int(base.rsplit(":", 1)[1])))
    s.sendall(("GET /run/20261130-235959-big0/events HTTP/1.1\r\nHost: %s\r\nX-Harness-Token: %s\r\n\r\n"
               % (base.split("//")[1], token)).encode())
    f = s.makefile("rb")
    ready.set()
    for raw in f:
        on_line(raw.decode("utf-8", "replace"))
    return s
last_seq = sum(1 for _ in open(log))
arrived = {}
got = threading.Event()
def on_line(line):
    if line.startswith("id: "):
        seq = int(line[4:])
        arrived[seq] = time.perf_counter()
        got.set()
ready = threading.Event()
threading.Thread(target=stream, args=(on_line, ready), daemon=True).start()
ready.wait()
for _ in range(200):  # the backlog first
    if arrived.get(last_seq): break
    time.sleep(0.05)
delays = []
for i in range(n):
    last_seq += 1
    line = json.dumps({"seq": last_seq, "time": "2026-11-30T02:00:00.000Z", "kind": "run_paused_bench_note", "run_id": "20261130-235959-big0", "i": i})
    t = time.perf_counter()
    with open(log, "a") as f:
        f.write(line + "\n")
    while last_seq not in arrived:
        time.sleep(0.001)
    delays.append((arrived[last_seq] - t) * 1000)
print("live stream delay, log line to client: median %.0f ms, max %.0f ms (%d lines; the server looks every 100 ms)"
      % (statistics.median(delays), max(delays), n))
def rss():
    for l in open("/proc/%d/status" % pid):
        if l.startswith("VmRSS"):
            return int(l.split()[1]) // 1024
base_rss = rss()
for _ in range(9):
    threading.Thread(target=stream, args=(lambda l: None, threading.Event()), daemon=True).start()
time.sleep(2)
print("server memory (RSS): %d MB with 1 page streaming, %d MB with 10" % (base_rss, rss()))
PY
