#!/usr/bin/env python3
"""Each service's cold start on one request, this tree beside another built checkout (issue 15).

The cases of bench/startup.py's service rows (planning-service `validate []` and `decompose` on a copy
of examples/dashboard, bootstrap-service `get_status`, worker-manager `list_workers`), for this tree
and --baseline DIR, with the Python reference, interleaved round by round so load moves every side
alike; JDK 25+ with its AOT cache (else the newest JDK found). Prints medians, wall / CPU ms, and the
ratios over the reference's cold start and over the baseline's.

Usage: bench/service-startup.py --baseline DIR [--rounds 9] [--reference PATH]
(build both first: mvn -B -DskipTests package)

--warm instead: this tree's planning-service on one request cold (HARNESS_WARM=0) and handed to a warm
server (bin/planning-service --warm-start, started here in a private runtime directory and stopped at the
end), beside the reference, same rounds. A warm session's CPU is the client's (bash and its cats) plus what
the server spent on it (its /proc stat before and after).
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_startup():
    spec = importlib.util.spec_from_file_location("startup", os.path.join(ROOT, "bench", "startup.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    startup = load_startup()
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline")
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--reference", default=startup.default_reference())
    args = parser.parse_args()
    label, home, _ = [c for c in startup.jdks() if "noaot" not in c[0]][-1]
    if args.warm:
        return warm(startup, args, label, home)
    if not args.baseline:
        parser.error("--baseline DIR (or --warm) is needed")
    trees = [("this tree", ROOT), ("baseline", os.path.abspath(args.baseline))]
    work = tempfile.mkdtemp()
    try:
        dash = os.path.join(work, "dashboard")
        shutil.copytree(os.path.join(ROOT, "examples", "dashboard"), dash)
        decompose = json.dumps({"id": 1, "method": "decompose",
                                "params": {"objective": "add dark mode to the dashboard", "context": {"cwd": dash}}}) + "\n"
        ref_req = json.dumps({"id": 1, "method": "decompose", "params": {"objective": "add dark mode to the dashboard"}}) + "\n"
        cases = [
            ("planning-service, validate []", "planning-service", '{"id":1,"method":"validate","params":{"packets":[]}}\n'),
            ("planning-service, decompose", "planning-service", decompose),
            ("bootstrap-service, get_status", "bootstrap-service", '{"id":1,"method":"get_status","params":{}}\n'),
            ("worker-manager, list_workers", "worker-manager", '{"id":1,"method":"list_workers","params":{}}\n'),
        ]
        env = dict(os.environ, HARNESS_JAVA_HOME=home, HARNESS_JAVA_OPTS="")
        ref, results = [], {}
        for r in range(rounds):
            ref.append(startup.timed([sys.executable, reference], ref_req, cwd=work, expect=b'"result"'))
            for name, service, request in cases:
                for tree, root in trees:
                    m = startup.timed([os.path.join(root, "bin", service)], request, env=env, cwd=work, expect=b'"result"')
                    results.setdefault((name, tree), []).append(m)
            print("round %d/%d done" % (r + 1, rounds), file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = startup.med
    rw, rc = med(ref, 0), med(ref, 1)
    print("Services' cold start on one request, %s, medians of %d interleaved rounds (wall ms / cpu ms);"
          " load average now %s" % (label, args.rounds, " ".join("%.1f" % x for x in os.getloadavg())))
    print("reference (python3, one decompose): %.0f / %.0f" % (rw, rc))
    print("%-32s%-30s%-30s%s" % ("case", "this tree", "baseline", "this tree / baseline"))
    for name, _, _ in cases:
        row = "%-32s" % name
        for tree, _ in trees:
            xs = results[(name, tree)]
            row += "%-30s" % ("%.0f/%.0f = %.2fx/%.2fx" % (med(xs, 0), med(xs, 1), med(xs, 0) / rw, med(xs, 1) / rc))
        this, base = results[(name, "this tree")], results[(name, "baseline")]
        row += "%.2fx/%.2fx" % (med(this, 0) / med(base, 0), med(this, 1) / med(base, 1))
        print(row)
    print("(ratios: wall/cpu over the reference's, same rounds; last column: wall/cpu over the baseline's)")


def server_cpu_ms(pid):
    """utime + stime of a process so far, in ms (from /proc/PID/stat: fields 14 and 15, in clock ticks)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def warm(startup, args, label, home):
    ref, results, cases = measure_warm(startup, args.rounds, args.reference, home)
    report_warm(startup, args.rounds, label, ref, results, cases)


def measure_warm(startup, rounds, reference, home):
    """Cold and warm planning-service on one request beside the reference, interleaved; (ref, results, cases)."""
    work = tempfile.mkdtemp()
    runtime = os.path.join(work, "run")
    os.makedirs(runtime, mode=0o700)
    launcher = os.path.join(ROOT, "bin", "planning-service")
    env = dict(os.environ, HARNESS_JAVA_HOME=home, HARNESS_JAVA_OPTS="", XDG_RUNTIME_DIR=runtime)
    env.pop("HARNESS_WARM", None)
    cold_env = dict(env, HARNESS_WARM="0")
    try:
        dash = os.path.join(work, "dashboard")
        shutil.copytree(os.path.join(ROOT, "examples", "dashboard"), dash)
        decompose = json.dumps({"id": 1, "method": "decompose",
                                "params": {"objective": "add dark mode to the dashboard", "context": {"cwd": dash}}}) + "\n"
        ref_req = json.dumps({"id": 1, "method": "decompose", "params": {"objective": "add dark mode to the dashboard"}}) + "\n"
        cases = [("validate []", '{"id":1,"method":"validate","params":{"packets":[]}}\n'), ("decompose", decompose)]
        started = subprocess.run([launcher, "--warm-start"], env=env, cwd=work, capture_output=True, text=True)
        if started.returncode != 0:
            raise SystemExit("--warm-start failed: " + started.stdout + started.stderr)
        state = [os.path.join(runtime, "harness-warm", f) for f in os.listdir(os.path.join(runtime, "harness-warm"))
                 if not f.endswith(".log")][0]
        pid = int(open(state).read().split()[2])
        ref, results = [], {}
        for r in range(rounds):
            ref.append(startup.timed([sys.executable, reference], ref_req, cwd=work, expect=b'"result"'))
            for name, request in cases:
                results.setdefault((name, "cold"), []).append(
                    startup.timed([launcher], request, env=cold_env, cwd=work, expect=b'"result"'))
                before = server_cpu_ms(pid)
                wall, cpu = startup.timed([launcher], request, env=env, cwd=work, expect=b'"result"')
                results.setdefault((name, "warm"), []).append((wall, cpu + server_cpu_ms(pid) - before))
            print("round %d/%d done" % (r + 1, rounds), file=sys.stderr)
        status = subprocess.run([launcher, "--warm-status"], env=env, cwd=work, capture_output=True, text=True).stdout.strip()
        if "%d sessions" % (rounds * len(cases)) not in status:
            raise SystemExit("the warm server did not serve every warm run: " + status)
    finally:
        subprocess.run([launcher, "--warm-stop"], env=env, cwd=work, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    return ref, results, [name for name, _ in cases]


def report_warm(startup, rounds, label, ref, results, cases):
    med = startup.med
    rw, rc = med(ref, 0), med(ref, 1)
    print("planning-service on one request, cold and handed to a warm server, %s, medians of %d interleaved rounds"
          " (wall ms / cpu ms); load average now %s" % (label, rounds, " ".join("%.1f" % x for x in os.getloadavg())))
    print("reference (python3, one decompose, cold): %.0f / %.0f" % (rw, rc))
    print("%-14s%-28s%-28s%s" % ("case", "cold", "warm", "warm / cold"))
    for name in cases:
        row = "%-14s" % name
        for kind in ("cold", "warm"):
            xs = results[(name, kind)]
            row += "%-28s" % ("%.0f/%.0f = %.2fx/%.2fx" % (med(xs, 0), med(xs, 1), med(xs, 0) / rw, med(xs, 1) / rc))
        c, w = results[(name, "cold")], results[(name, "warm")]
        row += "%.2fx/%.2fx" % (med(w, 0) / med(c, 0), med(w, 1) / med(c, 1))
        print(row)
    print("(ratios: wall/cpu over the reference's cold start, same rounds; warm: a server the person started with"
          " --warm-start, its CPU for the session included)")


if __name__ == "__main__":
    main()
