#!/usr/bin/env python3
"""Where a task's harness time goes (issue 15, the 200-task plan at -j 2), side by side with a
baseline build in the same rounds.

For each installation (a baseline checkout given with --baseline, then this one), interleaved:
  * a plain run of the synthetic plan (bench/overhead.py's): wall, harness time per task, and the CPU
    of each part read from /proc while it runs: the orchestrator's own threads, the worker
    manager's threads (grouped by role: request reader, workers, JIT, GC, other), the processes the
    worker manager started (git, the checks' sh/setsid, cp …: its children's CPU), and the rest;
  * with --strace, one more run under `strace -f --seccomp-bpf` counting, per task, the programs
    executed (by name) and the fsync/fdatasync calls of each process (strace slows the run: only
    its counts are reported).
Usage: bench/task-cost.py [--tasks 200] [--rounds 2] [--baseline /work/base-s27] [--strace]
"""
import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import importlib.util

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("overhead", os.path.join(ROOT, "bench", "overhead.py"))
overhead = importlib.util.module_from_spec(spec)
spec.loader.exec_module(overhead)
TICK = 1000 / os.sysconf("SC_CLK_TCK")


def stat_fields(path):
    with open(path) as f:
        stat = f.read()
    return stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()


def thread_role(comm):
    if comm.startswith("C1 ") or comm.startswith("C2 ") or "Compiler" in comm:
        return "JIT"
    if comm.startswith("GC ") or comm.startswith("G1") or "GC" in comm:
        return "GC"
    if comm == "java" or comm == "main":
        return "main (request reader)"
    if comm.startswith("worker-") or comm.startswith("pool-") or comm.startswith("ForkJoin") or "worker" in comm.lower():
        return "worker threads"
    return "other threads"


class Watch(threading.Thread):
    """Samples the orchestrator's and the worker manager's threads and children every 50 ms; the
    last sample of each is what it had used (a final <50 ms is missed)."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.done = pid, threading.Event()
        self.threads = {}  # (proc name, tid) -> (role, ms)
        self.children = {}  # proc name -> ms of reaped children

    def run(self):
        while not self.done.is_set():
            children, names = {}, set()
            for pid in overhead.descendants(self.pid):
                name = overhead.process_name(pid)
                if name not in ("orchestrator", "worker-manager"):
                    continue
                try:
                    _, f = stat_fields("/proc/%d/stat" % pid)
                    children[name] = (int(f[13]) + int(f[14])) * TICK
                    names.add(name)
                    for tid in os.listdir("/proc/%d/task" % pid):
                        comm, tf = stat_fields("/proc/%d/task/%s/stat" % (pid, tid))
                        role = thread_role(comm)
                        self.threads[(name, tid, "user")] = (role + ", user", int(tf[11]) * TICK)
                        self.threads[(name, tid, "sys")] = (role + ", system", int(tf[12]) * TICK)
                except (OSError, ValueError):
                    continue
            # the orchestrator's children count the worker manager once it is reaped: only samples
            # taken while the worker manager lives say what the orchestrator's own children used
            if "worker-manager" in names:
                self.children.update(children)
            self.done.wait(0.05)

    def table(self):
        out = collections.Counter()
        for (name, _, _), (role, ms) in self.threads.items():
            out["%s: %s" % (name, role)] += ms
        for name, ms in self.children.items():
            out["%s: processes it started" % name] += ms
        return out


def one_run(work, n, root, strace_out=None):
    ws = tempfile.mkdtemp(dir=work)
    import shutil
    shutil.copytree(os.path.join(ROOT, "examples", "dashboard"), os.path.join(ws, "ws"))
    plan = os.path.join(ws, "plan.json")
    overhead.plan_file(plan, n)
    state = os.path.join(ws, "runs")
    cmd = [os.path.join(root, "bin", "orchestrator"), "-C", os.path.join(ws, "ws"), "--state-dir", state,
           "--plan", plan, "--yes", "--trust", "-j", "2", "--json", "bench: %d tasks" % n]
    if strace_out:
        cmd = ["strace", "-f", "--seccomp-bpf", "-qq", "-s", "400", "-e", "trace=execve,fsync,fdatasync,clone,clone3,fork,vfork", "-o", strace_out] + cmd
    start = time.time() * 1000
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=dict(os.environ, HARNESS_WORKER_STATE_DIR=os.path.join(ws, "workers")))
    watch = Watch(p.pid)
    watch.start()
    _, status, usage = os.wait4(p.pid, 0)
    end = time.time() * 1000
    watch.done.set()
    watch.join()
    events = overhead.events_of(state)
    completed = sum(1 for e in events if e["kind"] == "task_completed")
    if completed != n:
        raise SystemExit("the %d-task run of %s completed %d tasks" % (n, root, completed))
    own = overhead.own_ms(events)
    boot_end = overhead.first(events, "bootstrap_phase_completed", last=True)
    done = overhead.first(events, "execution_complete")
    shutil.rmtree(ws, ignore_errors=True)
    return {"wall": end - start, "cpu": (usage.ru_utime + usage.ru_stime) * 1000,
            "per_task": (2 * (done - boot_end) - own) / n, "parts": watch.table(), "events": len(events)}


def strace_counts(path, n):
    """Programs executed and fsyncs per task, from an strace -f log: each thread or process is named
    by the program its process last executed (threads and children inherit it until they execute
    another); a call strace split (<unfinished ...> … resumed>) counts when it is resumed."""
    execs, syncs, names, started = collections.Counter(), collections.Counter(), {}, {}

    def program(line):
        prog = os.path.basename(line.split('execve("', 1)[1].split('"', 1)[0])
        if prog == "java":
            jar = next((a for a in line.split('"') if a.endswith(".jar")), None)
            prog = "java " + os.path.basename(jar) if jar else prog
        return prog

    with open(path) as f:
        for line in f:
            pid, rest = line.split(None, 1)
            result = rest.rsplit("= ", 1)[-1].split()[0] if "= " in rest else None
            if rest.startswith("execve("):
                if "<unfinished" in rest:
                    started[pid] = program(rest)
                elif result == "0":
                    names[pid] = program(rest)
                    execs[names[pid]] += 1
            elif rest.startswith("<... execve resumed>"):
                if result == "0" and pid in started:
                    names[pid] = started.pop(pid)
                    execs[names[pid]] += 1
            elif rest.startswith(("clone", "fork", "vfork", "<... clone", "<... fork", "<... vfork")):
                if result and result.isdigit() and "<unfinished" not in rest:
                    names[result] = names.get(pid, "?")
            elif rest.startswith(("fsync(", "fdatasync(", "<... fsync", "<... fdatasync")) and "<unfinished" not in rest:
                syncs[names.get(pid, "?")] += 1
    return {k: v / n for k, v in execs.items()}, {k: v / n for k, v in syncs.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline")
    parser.add_argument("--strace", action="store_true")
    args = parser.parse_args()
    installs = ([("before", os.path.abspath(args.baseline))] if args.baseline else []) + [("after", ROOT)]
    work = tempfile.mkdtemp()
    results = {label: [] for label, _ in installs}
    print("load average at start: %s" % " ".join("%.1f" % x for x in os.getloadavg()), flush=True)
    for _ in range(args.rounds):
        for label, root in installs:
            r = one_run(work, args.tasks, root)
            results[label].append(r)
            print("%s: wall %.0f ms, cpu %.0f ms (%.1f ms/task), harness time per task %.1f ms" %
                  (label, r["wall"], r["cpu"], r["cpu"] / args.tasks, r["per_task"]), flush=True)
    keys = sorted({k for rs in results.values() for r in rs for k in r["parts"]})
    print("\nCPU ms per task, median of %d runs (%d tasks at -j 2)" % (args.rounds, args.tasks))
    print("| part | " + " | ".join(label for label, _ in installs) + " |")
    print("|---|" + "---|" * len(installs))
    med = lambda label, f: statistics.median(f(r) for r in results[label])
    for k in keys:
        print("| %s | " % k + " | ".join("%.1f" % med(l, lambda r: r["parts"].get(k, 0) / args.tasks) for l, _ in installs) + " |")
    print("| everything else (launcher, JVM exit, the last 50 ms) | " + " | ".join(
        "%.1f" % med(l, lambda r: (r["cpu"] - sum(r["parts"].values())) / args.tasks) for l, _ in installs) + " |")
    print("| **all processes** | " + " | ".join("%.1f" % med(l, lambda r: r["cpu"] / args.tasks) for l, _ in installs) + " |")
    print("| harness time per task (lanes' time minus the checks') | " + " | ".join(
        "%.1f" % med(l, lambda r: r["per_task"]) for l, _ in installs) + " |")
    if args.strace:
        print("\nPer task under strace (counts only)")
        counted = {}
        for label, root in installs:
            out = os.path.join(work, "strace.%s" % label)
            one_run(work, args.tasks, root, strace_out=out)
            counted[label] = strace_counts(out, args.tasks)
        for what, idx in (("programs executed", 0), ("fsync/fdatasync calls", 1)):
            names = sorted({k for c in counted.values() for k in c[idx]})
            print("| %s | " % what + " | ".join(label for label, _ in installs) + " |")
            print("|---|" + "---|" * len(installs))
            for k in names:
                print("| %s | " % k + " | ".join("%.2f" % counted[l][idx].get(k, 0) for l, _ in installs) + " |")
    print("load average at end: %s" % " ".join("%.1f" % x for x in os.getloadavg()))
    import shutil
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
