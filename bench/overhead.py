#!/usr/bin/env python3
"""Every target of issue 15 in one run, side by side with the Python reference.

  1. start-up (bench/startup.py, interleaved rounds): each service's cold start on one request and
     the orchestrator's read-only commands, as ratios over the reference's cold start (wall and
     CPU), for each JDK configuration found (17 + CDS archive, 25 + AOT cache, 25 without it);
     the main job's time until its plan is on screen; then planning-service handed to a warm
     server (opt-in: bin/planning-service --warm-start), cold beside warm and the reference;
  2. the main job's harness overhead: a 4-task run with trivial acceptance tests (`true`), wall
     time minus the tasks' own time from the event log;
  3. a synthetic plan at -j 2 (default 200 tasks, and a quarter of it to show how memory grows):
     harness time per task and the peak RSS of each process (orchestrator, each service, the
     largest worker process), read from /proc while the run goes; then its floor, the same
     process and file work per task done by a shell script (bench/floor/tasks.sh);
  4. planning throughput: N pipelined decompose requests (every message validated) through
     bin/planning-service versus the reference (bench/wire-bench.py's input and checks).
The summary at the end lists each target with its measured value. The machine is shared: wall
times move with its load (printed); the ratios of interleaved rounds move less, CPU times least.

Usage: bench/overhead.py [--rounds 5] [--runs 3] [--tasks 200] [--requests 100000] [--reference PATH]
Build first: mvn -B -DskipTests package
"""
import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "bench", file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


startup = load("startup", "startup.py")
wire = load("wire_bench", "wire-bench.py")


def plan_file(path, n):
    """n packets with `true` as acceptance test; task i depends on (i-1)/2 and i-2 (the DAG of
    bench/orchestrator-overhead.sh)."""
    packets = []
    for i in range(1, n + 1):
        deps = sorted({"t%d" % d for d in (i // 2, i - 2) if 1 <= d < i})
        packets.append({"id": "t%d" % i, "title": "Synthetic task %d" % i, "objective": "Synthetic task %d" % i,
                        "scope": "workspace", "scope_path": None, "acceptance_tests": ["true"],
                        "depends_on": deps, "commit_policy": "none", "escalation_policy": "ask"})
    with open(path, "w") as out:
        json.dump(packets, out)


def process_name(pid):
    """orchestrator / a service's name / the command of any other process (a worker's)."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return None
    for a in argv:
        if a.endswith(".jar"):
            return os.path.basename(a)[:-4]
    return "worker process (%s)" % os.path.basename(argv[0]) if argv else None


def descendants(root):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    stat = f.read()
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError):
                pass
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


class PeakRss(threading.Thread):
    """Polls the process tree under a pid: the peak resident set (VmHWM, KiB) per process name, and
    the CPU time (ms) each long-lived process had used when last seen (a process that lives less
    than a poll is missed: the run's total CPU comes from wait4)."""

    TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peaks, self.done = pid, {}, threading.Event()
        self.cpu_by_pid = {}  # pid -> (name, ms)

    def cpu(self):
        out = {}
        for name, ms in self.cpu_by_pid.values():
            out[name] = out.get(name, 0) + ms
        return out

    def run(self):
        while not self.done.is_set():
            for pid in descendants(self.pid):
                try:
                    with open("/proc/%d/status" % pid) as f:
                        hwm = next((int(l.split()[1]) for l in f if l.startswith("VmHWM:")), 0)
                    with open("/proc/%d/stat" % pid) as f:
                        stat = f.read()
                    fields = stat[stat.rindex(")") + 2:].split()
                    ms = (int(fields[11]) + int(fields[12])) * self.TICK_MS
                except (OSError, StopIteration, ValueError):
                    continue
                name = process_name(pid)
                if name and hwm > self.peaks.get(name, 0):
                    self.peaks[name] = hwm
                if name and not name.startswith("worker process"):
                    self.cpu_by_pid[pid] = (name, ms)
            self.done.wait(0.1)


def events_of(state):
    [run] = [d for d in os.listdir(state) if os.path.isdir(os.path.join(state, d))]
    with open(os.path.join(state, run, "events.jsonl")) as f:
        return [json.loads(line) for line in f if line.strip()]


def millis(iso):
    from datetime import datetime
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000


def own_ms(events):
    """The tasks' own time: agent runs and acceptance tests, as the log records them."""
    return sum(e.get("payload", {}).get("duration_ms", 0) or 0 for e in events
               if e["kind"] in ("acceptance_test_result", "agent_exited"))


def first(events, kind, last=False):
    times = [millis(e["time"]) for e in events if e["kind"] == kind]
    return (times[-1] if last else times[0]) if times else None


def installations(args):
    """(label, root, environment) of each installation measured side by side: the baseline's (a
    built checkout, e.g. main before a change) when given, then this one, with its stateless
    services hosted in its JVM (the default) and, with --process-too, as child processes."""
    out = []
    if args.baseline:
        base = os.path.abspath(args.baseline)
        rev = subprocess.run(["git", "-C", base, "log", "-1", "--format=%h"], capture_output=True, text=True).stdout.strip()
        out.append(("before (%s)" % (rev or os.path.basename(base)), base, {}))
    out.append(("after", ROOT, {"HARNESS_SERVICES": "in-process"}))
    if args.process_too:
        out.append(("after, HARNESS_SERVICES=process", ROOT, {"HARNESS_SERVICES": "process"}))
    return out


def run_plan(work, n, jobs, watch=False, root=ROOT, extra_env=None):
    """One orchestrator run of the synthetic n-task plan; returns its measurements, the CPU time of
    the whole process tree (orchestrator, services, workers, checks: every process it waited for)
    among them."""
    ws = tempfile.mkdtemp(dir=work)
    shutil.copytree(os.path.join(ROOT, "examples", "dashboard"), os.path.join(ws, "ws"))
    plan = os.path.join(ws, "plan.json")
    plan_file(plan, n)
    state = os.path.join(ws, "runs")
    cmd = [os.path.join(root, "bin", "orchestrator"), "-C", os.path.join(ws, "ws"), "--state-dir", state,
           "--plan", plan, "--yes", "--trust", "-j", str(jobs), "--json", "bench: %d tasks" % n]
    start = time.time() * 1000
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=dict(os.environ, **(extra_env or {})))
    peaks = PeakRss(p.pid)
    if watch:
        peaks.start()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    end = time.time() * 1000
    peaks.done.set()
    if watch:
        peaks.join()
    events = events_of(state)
    completed = sum(1 for e in events if e["kind"] == "task_completed")
    if completed != n:
        raise SystemExit("the %d-task run completed %d tasks (exit %d)" % (n, completed, p.returncode))
    shutil.rmtree(ws, ignore_errors=True)
    own = own_ms(events)
    boot_end = first(events, "bootstrap_phase_completed", last=True)
    done = first(events, "execution_complete")
    return {"wall": end - start, "cpu": (usage.ru_utime + usage.ru_stime) * 1000, "own": own, "overhead": end - start - own,
            "to_started": first(events, "run_started") - start,
            "plan_gate": first(events, "gate_approved") - first(events, "run_started"),
            "bootstrap": boot_end - first(events, "gate_approved"),
            "tasks": done - boot_end, "tail": end - done,
            # jobs lanes work at once: harness time per task is the lanes' time minus the tasks' own
            "per_task": (jobs * (done - boot_end) - own) / n,
            "peaks": dict(peaks.peaks), "proc_cpu": peaks.cpu(), "events": len(events)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved start-up rounds")
    parser.add_argument("--runs", type=int, default=3, help="4-task runs (median)")
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--reference", default=startup.default_reference())
    parser.add_argument("--baseline", help="another built checkout (e.g. main before a change): its main job is "
                        "measured in the same rounds, side by side")
    parser.add_argument("--process-too", action="store_true",
                        help="also measure this installation with HARNESS_SERVICES=process")
    parser.add_argument("--skip-startup", action="store_true", help="leave out section 1 (executables' cold starts)")
    parser.add_argument("--skip-throughput", action="store_true", help="leave out section 4")
    args = parser.parse_args()
    if not os.path.exists(args.reference):
        sys.exit("reference not found: " + args.reference)
    summary = []  # (target, measured, goal, met)
    installs = installations(args)
    rw = rc = float("nan")

    if not args.skip_startup:
        print("== 1. start-up ==", flush=True)
        ref, results, configs, cases = startup.measure(args.rounds, args.reference)
        startup.report(args.rounds, args.reference, ref, results, configs, cases)
        rw, rc = startup.med(ref, 0), startup.med(ref, 1)
        # the summary quotes the configuration bin/harness-launch picks (the newest JDK: the first
        # configuration with an archive of the newest version)
        label = [c[0] for c in configs if not c[0].endswith("-noaot")][-1]
        for name, _, _, _, kind in cases:
            xs = results[(name, label)]
            w, c = startup.med(xs, 0), startup.med(xs, 1)
            if kind == "plan":
                summary.append(("%s (%s)" % (name, label), "%.0f ms" % w, "<= 1000 ms", w <= 1000))
            elif kind == "floor":
                summary.append(("%s (%s)" % (name, label), "%.2fx wall, %.2fx cpu" % (w / rw, c / rc), "(floor)", None))
            else:
                goal = 1.0 if kind == "service" else 1.5
                summary.append(("%s (%s)" % (name, label), "%.2fx wall, %.2fx cpu" % (w / rw, c / rc),
                                "<= %.1fx" % goal, w / rw <= goal))

        # the warm planning service (opt-in: a server the person started with --warm-start), beside the
        # cold start above and the reference, in its own interleaved rounds
        print("\n== 1a. planning-service handed to a warm server, median of %d interleaved rounds ==" % args.rounds,
              flush=True)
        warm = load("service_startup", "service-startup.py")
        home = [c for c in startup.jdks() if "noaot" not in c[0]][-1][1]
        wref, wres, wcases = warm.measure_warm(startup, args.rounds, args.reference, home)
        warm.report_warm(startup, args.rounds, label, wref, wres, wcases)
        ww, wc = startup.med(wref, 0), startup.med(wref, 1)
        for name in wcases:
            xs = wres[(name, "warm")]
            summary.append(("planning-service, %s, warm server (opt-in)" % name,
                            "%.2fx wall, %.2fx cpu" % (startup.med(xs, 0) / ww, startup.med(xs, 1) / wc),
                            "<= 1.0x", startup.med(xs, 0) / ww <= 1.0))

    work = tempfile.mkdtemp()
    try:
        if len(installs) > 1:
            print("\n== 1b. main job: plan on screen, side by side, median of %d interleaved rounds ==" % args.rounds,
                  flush=True)
            seen = {label: [] for label, _, _ in installs}
            for _ in range(args.rounds):
                for label, root, extra in installs:
                    seen[label].append(startup.plan_on_screen(dict(os.environ, **extra), work, root)[0])
            for label, _, _ in installs:
                m = statistics.median(seen[label])
                print("  %-40s %6.0f ms" % (label, m))
                summary.append(("main job: plan on screen, %s" % label, "%.0f ms" % m, "<= 1000 ms", m <= 1000))

        print("\n== 2. main job: 4 trivial tasks, -j 1, median of %d interleaved runs ==" % args.runs, flush=True)
        runs = {label: [] for label, _, _ in installs}
        for _ in range(args.runs):
            for label, root, extra in installs:
                runs[label].append(run_plan(work, 4, 1, root=root, extra_env=extra))
        for label, _, _ in installs:
            m = lambda k: statistics.median(r[k] for r in runs[label])
            print("%s: wall %.0f ms, cpu %.0f ms (every process), tasks' own %.0f ms, harness overhead %.0f ms"
                  % (label, m("wall"), m("cpu"), m("own"), m("overhead")))
            print("  start -> run_started %.0f, plan + gate %.0f, bootstrap %.0f, 4 tasks %.0f, summary + exit %.0f ms"
                  % (m("to_started"), m("plan_gate"), m("bootstrap"), m("tasks"), m("tail")))
            summary.append(("main job: harness overhead, 4 trivial tasks, %s" % label,
                            "%.0f ms (cpu %.0f ms)" % (m("overhead"), m("cpu")), "<= 1500 ms", m("overhead") <= 1500))

        print("\n== 3. synthetic plans at -j 2 ==", flush=True)
        sizes = sorted({max(1, args.tasks // 4), args.tasks})
        quarter = {}  # label -> the smaller run's measurements
        for n in sizes:
            for label, root, extra in installs:
                r = run_plan(work, n, 2, watch=True, root=root, extra_env=extra)
                print("%s, %d tasks: wall %.0f ms, cpu %.0f ms, task phase %.0f ms, tasks' own %.0f ms, harness time per task "
                      "%.1f ms, %d events" % (label, n, r["wall"], r["cpu"], r["tasks"], r["own"], r["per_task"], r["events"]))
                workers = [k for k in r["peaks"] if k.startswith("worker process")]
                named = sorted(k for k in r["peaks"] if k not in workers)
                print("  peak RSS (MiB): " + ", ".join("%s %.0f" % (k, r["peaks"][k] / 1024) for k in named)
                      + (", largest worker process %.0f" % (max(r["peaks"][k] for k in workers) / 1024) if workers else ""))
                print("  CPU ms: " + ", ".join("%s %.0f" % kv for kv in sorted(r["proc_cpu"].items()))
                      + ", everything else (git, checks, short-lived processes) %.0f"
                      % (r["cpu"] - sum(r["proc_cpu"].values())))
                if n == args.tasks:
                    summary.append(("%d-task plan at -j 2: harness time per task, %s" % (n, label),
                                    "%.1f ms (cpu %.0f ms/task)" % (r["per_task"], r["cpu"] / n), "<= 20 ms",
                                    r["per_task"] <= 20))
                    summary.append(("%d-task plan: peak RSS (MiB) orchestrator / services, %s" % (n, label),
                                    " / ".join(rss_of(r["peaks"], k) for k in
                                               ("orchestrator", "planning-service", "bootstrap-service", "worker-manager")),
                                    "flat", None))
                    if len(sizes) > 1:
                        small = quarter[label]
                        summary.append(("peak RSS growth %d -> %d tasks (MiB) orchestrator / worker-manager, %s"
                                        % (sizes[0], n, label),
                                        " / ".join("%+.0f" % ((r["peaks"].get(k, 0) - small["peaks"].get(k, 0)) / 1024)
                                                   for k in ("orchestrator", "worker-manager")), "flat", None))
                else:
                    quarter[label] = r

        # the floor: the same process and file work per task done by a shell script alone
        floor = subprocess.run([os.path.join(ROOT, "bench", "floor", "tasks.sh"), str(args.tasks), "2"],
                               capture_output=True, text=True)
        print(floor.stdout.rstrip() or floor.stderr.rstrip())
        for line in floor.stdout.splitlines():
            if "without the check's own run" in line:
                summary.append(("%d-task plan: floor, bench/floor/tasks.sh (lanes' time per task)" % args.tasks,
                                line.split(") ")[-1].strip(), "(floor)", None))

        if args.skip_throughput:
            return finish(summary, rw, rc)
        print("\n== 4. planning throughput: %d pipelined decompose requests, validated ==" % args.requests, flush=True)
        # distinct objectives (no two alike: nothing a service keeps per objective is reused) is the figure; the same
        # objective every time beside it shows what keeping per-objective work would add
        commands = [("reference", [sys.executable, args.reference]),
                    ("planning-service", [os.path.join(ROOT, "bin", "planning-service"), "--quiet"])]
        if args.baseline:
            commands.append(("baseline", [os.path.join(os.path.abspath(args.baseline), "bin", "planning-service"), "--quiet"]))
        for kind in ("distinct", "repeated"):
            many = os.path.join(work, "many-%s.jsonl" % kind)
            wire.write_requests(many, args.requests, repeated=kind == "repeated")
            timed = {name: [] for name, _ in commands}
            for r in range(2):  # interleaved; the services' order alternates by round
                order = commands[:1] + (commands[1:] if r % 2 == 0 else commands[1:][::-1])
                for name, command in order:
                    timed[name].append(wire.run_timed(command, many, args.requests))
            wall = {name: statistics.median(t[0] for t in ts) for name, ts in timed.items()}
            cpu = {name: statistics.median(t[1] for t in ts) for name, ts in timed.items()}
            b, o = wall["reference"], wall["planning-service"]
            line = "%-9s objectives: reference %.0f req/s, planning-service %.0f req/s: %.3fx (CPU a request %.0f against %.0f µs)" % (
                kind, args.requests / b, args.requests / o, b / o, 1e6 * cpu["planning-service"] / args.requests,
                1e6 * cpu["reference"] / args.requests)
            if "baseline" in wall:
                line += "; baseline %.0f req/s: %.3fx; this / baseline %.2fx by wall, %.2fx by CPU" % (
                    args.requests / wall["baseline"], b / wall["baseline"], wall["baseline"] / o, cpu["baseline"] / cpu["planning-service"])
            print(line, flush=True)
            summary.append(("planning throughput (%d decompose, %s objectives)" % (args.requests, kind),
                            "%.3fx the reference's" % (b / o), ">= 1.0x" if kind == "distinct" else "(beside it)",
                            b / o >= 1.0 if kind == "distinct" else None))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    finish(summary, rw, rc)


def rss_of(peaks, name):
    """A process's peak RSS in MiB; a service with no process of its own ran in the orchestrator's JVM."""
    if name in peaks:
        return "%.0f" % (peaks[name] / 1024)
    return "hosted (in the orchestrator)" if name in ("planning-service", "bootstrap-service") else "not seen"


def finish(summary, rw, rc):
    print("\n== summary (load average now %s) ==" % " ".join("%.1f" % x for x in os.getloadavg()))
    print("reference cold start: %.0f ms wall, %.0f ms cpu" % (rw, rc))
    for target, measured, goal, met in summary:
        print("%-78s %-30s %-10s %s" % (target, measured, goal, "" if met is None else ("met" if met else "NOT met")))


if __name__ == "__main__":
    main()
