#!/usr/bin/env python3
"""Where a pipelined decompose's time goes (issue 15), this tree beside another build, same rounds.

Feeds N decompose requests (wire-bench.py's: distinct objectives, examples/dashboard in context)
to bin/planning-service and, once every one is answered but before stdin closes, reads each thread's
CPU from /proc: the request threads, the reading/writing thread (main), the JIT's, the GC's (the VM
thread under SerialGC). A second run of each build under JFR (execution samples every 2 ms) splits
the request threads' samples by stage: params validated, workspace facts (scan cache), the planner's
stages, the plan rules, plan_created built, validated and written, the result validated and written.
Stage CPU is the request threads' CPU times the stage's share of their samples.

The Python reference (../shared/bench/reference_planning.py) runs in the same rounds: its total is the last column.

Each round also runs every build on the same objective repeated N times: the throughput table prints requests a CPU
second for distinct objectives (no two alike: the figure) and beside it for the repeated one, with ratios to the reference
and to the baseline.

Usage: bench/planning-profile.py [--requests 20000] [--rounds 2] [--baseline DIR] [--reference PATH] [--no-jfr] [--no-repeated]
Needs the executables built (mvn -B -DskipTests package) and, for the stage split, the JDK's jfr tool.
"""
import argparse
import collections
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("wire_bench", os.path.join(ROOT, "bench", "wire-bench.py"))
wire = importlib.util.module_from_spec(spec)
spec.loader.exec_module(wire)

TICK = os.sysconf("SC_CLK_TCK")
# thread name (comm, 15 chars) -> group
GROUPS = (("pipelined-reque", "request threads"), ("java", "main (read, parse, write)"), ("main", "main (read, parse, write)"), ("C2 CompilerThre", "JIT"),
          ("C1 CompilerThre", "JIT"), ("VM Thread", "VM thread (GC)"), ("content-index", "scan (text index)"))
# a sample's stage: the first rule whose frame is on its stack (most specific first)
STAGES = (("Log.info", "log line (stderr)"),
          ("Notifier.", "plan_created: validated, written"),
          ("Plan.toJson", "plan_created: built, digest"),
          ("PlanningService.publish", "plan_created: built, digest"),
          ("ScanCache.", "workspace facts (scan cache, stamp)"),
          ("PlanningService.workspace", "workspace facts (scan cache, stamp)"),
          ("ManifestFile.", "planner: manifest reads"),
          ("ChangeLocator.", "planner: files located (ChangeLocator)"),
          ("PacketChecks.", "planner: checks (PacketChecks, CoveringTests)"),
          ("CoveringTests.", "planner: checks (PacketChecks, CoveringTests)"),
          ("BuiltInPlanner.plan", "planner: the rest (grouping, packets)"),
          ("PlanRules.", "plan rules"),
          ("TaskPacket.toJson", "packets to JSON"),
          ("PlanningService.read", "params to record"),
          ("ServiceLoop.serialized", "result written to bytes"),
          ("CompiledSchema.validate", "params and result validated"),
          ("PlanningService.decompose", "decompose: the rest"))


def thread_cpu(pid):
    """CPU seconds by thread group of a live process."""
    cpu = collections.Counter()
    task_dir = "/proc/%d/task" % pid
    for tid in os.listdir(task_dir):
        try:
            with open(os.path.join(task_dir, tid, "stat")) as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        seconds = (int(fields[11]) + int(fields[12])) / TICK
        cpu[next((g for prefix, g in GROUPS if name.startswith(prefix)), "other JVM threads")] += seconds
    return cpu


def run(command, requests_path, count, java_opts=None):
    """Serves the requests; returns CPU by thread group, read while the process still runs."""
    env = dict(os.environ)
    if java_opts:
        env["HARNESS_JAVA_OPTS"] = java_opts
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            cwd=wire.WORKSPACE, env=env)

    def feed():
        with open(requests_path, "rb") as f:
            shutil.copyfileobj(f, proc.stdin)
        proc.stdin.flush()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    answered = 0
    for line in proc.stdout:
        message = json.loads(line)
        if "id" in message:
            if "error" in message:
                sys.exit("error answered: %r" % line[:300])
            answered += 1
            if answered == count:
                break
    feeder.join()
    # the launcher execs java: the child is the JVM
    cpu = thread_cpu(proc.pid)
    proc.stdin.close()
    proc.stdout.read()
    if proc.wait() != 0:
        sys.exit("%s exited %d" % (command[0], proc.returncode))
    return cpu


def stages(jfr_file):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", jfr_file],
                         capture_output=True, check=True).stdout
    counts = collections.Counter()
    for event in json.loads(out)["recording"]["events"]:
        if event["values"]["sampledThread"]["javaName"] != "pipelined-request":
            continue
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in event["values"]["stackTrace"]["frames"]]
        stage = next((s for needle, s in STAGES if any(needle in f for f in frames)), "loop, dispatch, other")
        counts[stage] += 1
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", help="another checkout's root, built (e.g. /work/base-s29)")
    parser.add_argument("--no-jfr", action="store_true")
    parser.add_argument("--no-repeated", action="store_true", help="leave out the runs with one objective repeated")
    parser.add_argument("--reference", default="/work/shared/bench/reference_planning.py"
                        if os.path.exists("/work/shared/bench/reference_planning.py") else wire.DEFAULT_BASELINE)
    args = parser.parse_args()
    builds = [("this tree", os.path.join(ROOT, "bin", "planning-service"))]
    if args.baseline:
        builds.append(("baseline", os.path.join(args.baseline, "bin", "planning-service")))
    services = len(builds)
    builds.append(("reference", ["python3", args.reference]))
    with tempfile.TemporaryDirectory() as tmp:
        requests = os.path.join(tmp, "requests.jsonl")
        wire.write_requests(requests, args.requests)
        # the same objective every time: beside the distinct figure, what keeping per-objective work would add
        same = os.path.join(tmp, "repeated.jsonl")
        wire.write_requests(same, args.requests, repeated=True)
        cpu = {name: [] for name, _ in builds}
        repeated = {name: [] for name, _ in builds}
        samples = {name: collections.Counter() for name, _ in builds}
        for r in range(args.rounds):
            # the services' order alternates by round: on a loaded machine the first of a round is not favoured
            order = builds[:services] if r % 2 == 0 else builds[:services][::-1]
            for name, command in order + builds[services:]:
                cpu[name].append(run(command if isinstance(command, list) else [command], requests, args.requests))
                print("round %d %-10s %.2f s CPU" % (r + 1, name, sum(cpu[name][-1].values())), flush=True)
            if not args.no_repeated:
                for name, command in order + builds[services:]:
                    repeated[name].append(run(command if isinstance(command, list) else [command], same, args.requests))
                    print("round %d %-10s %.2f s CPU, one objective repeated" % (r + 1, name, sum(repeated[name][-1].values())),
                          flush=True)
        if not args.no_jfr and shutil.which("jfr"):
            for name, command in builds[:services]:
                recording = os.path.join(tmp, name.replace(" ", "-") + ".jfr")
                settings = os.path.join(tmp, "profile.jfc")
                with open(settings, "w") as f:
                    f.write('<?xml version="1.0" encoding="UTF-8"?><configuration version="2.0">'
                            '<event name="jdk.ExecutionSample"><setting name="enabled">true</setting>'
                            '<setting name="period">2 ms</setting></event></configuration>')
                run([command], requests, args.requests, "-XX:StartFlightRecording=filename=%s,settings=%s" % (recording, settings))
                samples[name] = stages(recording)
    per_request = 1e6 / args.requests
    names = [name for name, _ in builds]
    jvm_names = names[:services]
    print("\n== Throughput by CPU: requests a CPU second (median of %d rounds, %d requests), distinct objectives first =="
          % (args.rounds, args.requests))
    print("%-22s" % "" + "".join("%14s" % n for n in names) + "".join("%16s" % ("%s/ref" % n[:10]) for n in jvm_names)
          + ("%14s" % "this/baseline" if services == 2 else ""))
    for kind, runs in (("distinct objectives", cpu), ("one repeated", repeated)):
        if not all(runs[n] for n in names):
            continue
        rate = {n: args.requests / statistics.median(sum(c.values()) for c in runs[n]) for n in names}
        print("%-22s" % kind + "".join("%14.0f" % rate[n] for n in names)
              + "".join("%15.3fx" % (rate[n] / rate["reference"]) for n in jvm_names)
              + ("%13.2fx" % (rate[jvm_names[0]] / rate[jvm_names[1]]) if services == 2 else ""))
    print("\n== CPU a request by thread (µs, median of %d rounds, %d requests) ==" % (args.rounds, args.requests))
    groups = sorted({g for name in names for run_cpu in cpu[name] for g in run_cpu})
    print("%-34s" % "" + "".join("%14s" % n for n in names) + ("%10s" % "ratio" if services == 2 else ""))
    totals = {}
    for group in groups + ["total"]:
        values = []
        for name in names:
            per_run = [sum(c.values()) if group == "total" else c.get(group, 0.0) for c in cpu[name]]
            values.append(statistics.median(per_run) * per_request)
        totals[group] = values
        print("%-34s" % group + "".join("%14.1f" % v for v in values)
              + ("%10s" % ("%.2fx" % (values[0] / values[1]) if values[1] else "") if services == 2 else ""))
    ref = totals["total"][-1]
    for i, name in enumerate(jvm_names):
        print("%s: %.1f µs CPU a request, %.1fx the reference's (%.1f µs); throughput by CPU %.3fx the reference's"
              % (name, totals["total"][i], totals["total"][i] / ref, ref, ref / totals["total"][i]))
    names = jvm_names
    if any(samples[n] for n in names):
        print("\n== The request threads' CPU by stage (µs a request; share of their JFR samples) ==")
        all_stages = [s for _, s in STAGES] + ["loop, dispatch, other"]
        ordered = list(dict.fromkeys(all_stages))
        thread_us = dict(zip(names, totals["request threads"]))
        for stage in ordered:
            row = ""
            for name in names:
                total = sum(samples[name].values()) or 1
                share = samples[name].get(stage, 0) / total
                row += "%10.1f (%4.1f%%)" % (thread_us[name] * share, 100 * share)
            if any(samples[n].get(stage) for n in names):
                print("%-48s%s" % (stage, row))
        print("%-48s" % "samples" + "".join("%19d" % sum(samples[n].values()) for n in names))


if __name__ == "__main__":
    main()
