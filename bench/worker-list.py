#!/usr/bin/env python3
"""list_workers with thousands of workers, on the real worker manager (build first: mvn -B -DskipTests package).

Writes N worker records (default 3000) into a fresh state directory, starts bin/worker-manager on it
and measures, in the same process: start-up until the first answer, one rpc.discover round trip (the
baseline), list_workers page by page, and get_worker of one worker while a page is in flight. Prints the
times and list_workers / baseline.

Usage: bench/worker-list.py [N]
"""
import json, os, subprocess, sys, tempfile, time, threading

root = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
work = tempfile.mkdtemp()
state = os.path.join(work, "state")
ws = os.path.join(work, "ws")
os.makedirs(os.path.join(state, "records"))
os.makedirs(ws)
env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=os.path.join(work, "config"))

def start():
    return subprocess.Popen([os.path.join(root, "bin", "worker-manager"), "--state-dir", state],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)

pending = {}
lock = threading.Lock()

def reader(proc):
    for line in proc.stdout:
        msg = json.loads(line)
        if "id" in msg and "method" not in msg:
            with lock:
                pending[msg["id"]] = (time.perf_counter(), msg)

def call(proc, rid, method, params):
    proc.stdin.write(json.dumps({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}) + "\n")
    proc.stdin.flush()

def wait(rid):
    while True:
        with lock:
            if rid in pending:
                return pending.pop(rid)
        time.sleep(0.0005)

# one real record as the template
p = start(); threading.Thread(target=reader, args=(p,), daemon=True).start()
call(p, 1, "spawn_worker", {"task_packet": {"objective": "One of many", "scope": "workspace", "acceptance_tests": ["true"]},
                            "workspace": ws})
worker = wait(1)[1]["result"]["worker_id"]
p.stdin.close(); p.wait()
template = open(os.path.join(state, "records", worker + ".json")).read()
for i in range(n - 1):
    wid = "worker_bench_%05d" % i
    with open(os.path.join(state, "records", wid + ".json"), "w") as f:
        f.write(template.replace(worker, wid))

t0 = time.perf_counter()
p = start(); threading.Thread(target=reader, args=(p,), daemon=True).start()
call(p, "d0", "rpc.discover", {})
t_ready = wait("d0")[0] - t0
sent = time.perf_counter(); call(p, "d1", "rpc.discover", {}); base = wait("d1")[0] - sent
def list_all(tag):
    """Every worker, page by page (list_workers answers at most 1,000 a page): (seconds, pages, workers)."""
    sent, cursor, seen, pages = time.perf_counter(), None, 0, 0
    while True:
        params = {"limit": 1000} if cursor is None else {"limit": 1000, "cursor": cursor}
        call(p, "%s-%d" % (tag, pages), "list_workers", params)
        msg = wait("%s-%d" % (tag, pages))[1]["result"]
        pages += 1
        seen += len(msg["workers"])
        if msg["complete"]:
            return time.perf_counter() - sent, pages, seen
        cursor = msg["next_cursor"]

t_list, pages, seen = list_all("l1")
assert seen == n, seen
sent = time.perf_counter(); call(p, "l2", "list_workers", {"limit": 1000}); call(p, "g1", "get_worker", {"worker_id": worker})
t_get = wait("g1")[0] - sent; t_list2 = wait("l2")[0] - sent
p.stdin.close(); p.wait()
print(f"workers: {n}")
print(f"start-up to first answer: {t_ready*1000:.0f} ms")
print(f"rpc.discover (baseline): {base*1000:.1f} ms")
print(f"list_workers, all {pages} pages of up to 1,000: {t_list*1000:.0f} ms ({t_list/base:.0f}x baseline); "
      f"one page again: {t_list2*1000:.0f} ms")
print(f"get_worker sent behind a list_workers page: answered after {t_get*1000:.0f} ms")
