#!/usr/bin/env python3
"""Wire benchmarks for issue 3, side by side with the baseline in ../shared/bench/.

(a) throughput: N decompose requests (distinct objectives, a real workspace in context) piped
    through bin/planning-service with validation on, versus the reference Python service;
(b) cold start: one request, from process start to exit.

Each side runs the same input in the same session, rounds interleaved; medians of several runs are
printed with the ratios, wall time and the CPU the service used (user+sys: the steadier figure on a
busy machine). Every run's responses are counted, so a lost or malformed answer fails the benchmark.
--compare DIR adds another built checkout's planning-service to every round (before/after a change).
--floor adds the staircase under it (bench/floor/WireFloor.java), each step its own executable started
through a copy of bin/harness-launch with its own trained archive, in the same rounds: (1) the reference's
loop in Java (parse, fixed packets, write), (2) + request, result and plan_created validated against the
real schemas, (3) + the plan's digest and id and plan_created written; the service itself is step (4).

Usage: bench/wire-bench.py [--requests 100000] [--runs 3] [--cold-runs 11] [--baseline PATH]
                           [--compare DIR] [--floor] [--no-c1] [--skip-cold]
Needs the executables built: mvn -B -DskipTests package
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BASELINE = os.path.join(os.path.dirname(ROOT), "shared", "bench", "reference_planning.py")
WORKSPACE = os.path.join(ROOT, "examples", "dashboard")
# the planning service ships on C1 alone (bin/harness-launch); the alternative puts the optimising compiler back
ALTERNATIVE_OPTS = "-XX:TieredStopAtLevel=4"
CONFIGURATIONS = (("planning-service (as shipped)", None), ("planning-service (with C2)", ALTERNATIVE_OPTS))
# the staircase under the service (--floor): module, main class of bench/floor/, label
FLOOR_STEPS = (("floor-wire-parse", "WireParse", "(1) parse, packets, write"),
               ("floor-wire-validate", "WireValidate", "(2) + schemas validated"),
               ("floor-wire-digest", "WireDigest", "(3) + digest, plan_created"))
FLOORS = tuple((module, main) for module, main, _ in FLOOR_STEPS)
OBJECTIVES = ["add dark mode to the dashboard", "fix the header layout", "add a theme toggle",
              "speed up dashboard rendering", "add a users widget to the dashboard"]


def write_requests(path, count, repeated=False):
    """count decompose requests: each objective distinct (no two alike), or with repeated the same one every time."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            request = {"jsonrpc": "2.0", "id": i, "method": "decompose",
                       "params": {"objective": OBJECTIVES[0] if repeated else f"{OBJECTIVES[i % len(OBJECTIVES)]} (#{i})",
                                  "context": {"cwd": WORKSPACE}}}
            out.write(json.dumps(request, separators=(",", ":")) + "\n")


def run_once(command, input_path, expected, java_opts=None):
    """Runs command with input_path on stdin; returns seconds. Checks every request was answered."""
    return run_timed(command, input_path, expected, java_opts)[0]


def run_timed(command, input_path, expected, java_opts=None):
    """As run_once; returns (wall seconds, CPU seconds of the process and its children)."""
    env = dict(os.environ)
    if java_opts is not None:
        env["HARNESS_JAVA_OPTS"] = java_opts
    with open(input_path, "rb") as stdin, tempfile.TemporaryFile() as stdout:
        before = os.times()
        start = time.perf_counter()
        proc = subprocess.run(command, stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL, cwd=WORKSPACE, env=env)
        elapsed = time.perf_counter() - start
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        if proc.returncode != 0:
            sys.exit(f"{command[0]} exited {proc.returncode}")
        stdout.seek(0)
        answered = 0
        for line in stdout:
            message = json.loads(line)
            if "id" in message:
                if "error" in message:
                    sys.exit(f"{command[0]} answered an error: {line[:300]!r}")
                answered += 1
        if answered != expected:
            sys.exit(f"{command[0]} answered {answered} of {expected} requests")
    return elapsed, cpu


def median_of(command, input_path, expected, runs, java_opts=None):
    times = [run_once(command, input_path, expected, java_opts) for _ in range(runs)]
    return statistics.median(times), times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=11)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE)
    parser.add_argument("--compare", help="another built checkout whose planning-service runs in the same rounds")
    parser.add_argument("--floor", action="store_true", help="add the staircase of floors (bench/floor/WireFloor.java)")
    parser.add_argument("--no-c1", action="store_true", help="leave out the C1-only configuration")
    parser.add_argument("--skip-cold", action="store_true", help="leave out (b)")
    args = parser.parse_args()

    ours = [os.path.join(ROOT, "bin", "planning-service"), "--quiet"]
    baseline = [sys.executable, args.baseline]
    if not os.path.exists(args.baseline):
        sys.exit(f"baseline not found: {args.baseline}")
    sides = [("baseline (python)", baseline, None)]
    if args.compare:
        sides.append((f"{os.path.basename(os.path.abspath(args.compare))} (--compare)",
                      [os.path.join(os.path.abspath(args.compare), "bin", "planning-service"), "--quiet"], None))
    configurations = CONFIGURATIONS[:1] if args.no_c1 else CONFIGURATIONS

    with tempfile.TemporaryDirectory() as tmp:
        if args.floor:
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            import startup  # its floor installation: the launcher, JVM options and archive training a service gets
            launcher = startup.floor_installation(tmp, startup.jdks(), FLOORS)
            sides += [(label, [launcher, module], None) for module, _, label in FLOOR_STEPS]
        sides += [(label, ours, opts) for label, opts in configurations]
        many = os.path.join(tmp, "many.jsonl")
        one = os.path.join(tmp, "one.jsonl")
        write_requests(many, args.requests)
        write_requests(one, 1)

        # warm the file cache and the JIT-independent parts once, untimed
        run_once(ours, one, 1)
        run_once(baseline, one, 1)

        print(f"(a) throughput: {args.requests} decompose requests, validation on, median of {args.runs} interleaved rounds")
        # The planning service runs on C1 alone (bin/harness-launch); the C2 line shows the
        # trade-off of the optimising compiler (HARNESS_JAVA_OPTS=-XX:TieredStopAtLevel=4).
        timings = {label: [] for label, _, _ in sides}
        for _ in range(args.runs):
            for label, command, opts in sides:
                timings[label].append(run_timed(command, many, args.requests, opts))
        base_t = statistics.median(t for t, _ in timings[sides[0][0]])
        for label, _, _ in sides:
            wall = statistics.median(t for t, _ in timings[label])
            cpu = statistics.median(c for _, c in timings[label])
            print(f"    {label:30s} {wall:8.3f} s  {args.requests / wall:8.0f} req/s  CPU {cpu:7.2f} s"
                  f" ({cpu / args.requests * 1e6:6.1f} us/req)   runs {fmt([t for t, _ in timings[label]])}"
                  f"   ratio {base_t / wall:.2f}x (target >= 1.0x)")

        if args.skip_cold:
            return

        print(f"(b) cold start: one request, process start to exit, median of {args.cold_runs}")
        base_c, base_call = median_of(baseline, one, 1, args.cold_runs)
        print(f"    baseline (python)            {base_c * 1000:8.1f} ms  runs {fmt(base_call, 1000)}")
        for label, opts in CONFIGURATIONS:
            ours_c, ours_call = median_of(ours, one, 1, args.cold_runs, opts)
            print(f"    {label:28s} {ours_c * 1000:8.1f} ms  runs {fmt(ours_call, 1000)}"
                  f"   ratio {ours_c / base_c:.2f}x (target <= 1.5x)")


def fmt(values, scale=1):
    return " ".join(f"{v * scale:.3f}" if scale == 1 else f"{v * scale:.0f}" for v in values)


if __name__ == "__main__":
    main()
