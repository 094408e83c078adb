#!/usr/bin/env python3
"""Start-up of every executable, side by side with the Python reference (issue 15).

Measures, in one run and interleaved round by round (so a busy machine slows every side alike),
the wall and CPU (user + sys) time of:
  - the reference (../shared/bench/reference_planning.py, run by python3) answering one request;
  - each service answering one request, process start to exit: planning-service (decompose on a
    copy of examples/dashboard), bootstrap-service (get_status), worker-manager (list_workers);
  - the orchestrator's read-only commands: --version, runs, status and events of a 1,000-event
    log (the log bench/runlog-status.sh writes);
  - the main job on examples/dashboard: time from the command's start until "Plan:" is on screen;
  - the floor under a service's cold start (bench/floor/): a JVM that prints one line, and a JVM that
    parses one request line with Jackson and writes one response line, each started by a copy of
    bin/harness-launch (the services' JVM options) with a start-up archive trained the same way;
    and planning-service answering `validate` of an empty plan (the protocol layer: contract, wire,
    validation, with almost no service work);
for each JDK configuration: JDK 17 with its class-data-sharing archive and JDK 25 with its
ahead-of-time cache (and JDK 25 with the cache switched off, to show what the cache pays).
Prints medians and the ratios the issue's targets are stated in.
--read-only: only the orchestrator's read-only commands (and `events --json`), JDK 25 + AOT cache,
with the floor beside them: a hello-world JVM with the orchestrator's launcher options and its own
archive (what no change to the orchestrator's code can go below); --baseline DIR: another built
checkout's read-only commands in the same rounds (before/after a change).
Usage: bench/startup.py [ROUNDS] [--reference PATH] [--read-only] [--baseline DIR]
(build first: mvn -B -DskipTests package)
"""
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def release(home, key):
    try:
        with open(os.path.join(home, "release")) as f:
            m = re.search(r'^%s="([^"]*)"' % key, f.read(), re.M)
            return m.group(1) if m else None
    except OSError:
        return None


def jdks():
    """(label, JAVA_HOME, extra JVM options) of each configuration this machine can run."""
    found = {}
    for home in sorted(glob.glob("/usr/lib/jvm/*/")) + [os.environ.get("JAVA_HOME") or ""]:
        home = os.path.realpath(home.rstrip("/")) if home else ""
        v = release(home, "JAVA_VERSION") if home else None
        if v and os.access(os.path.join(home, "bin", "java"), os.X_OK):
            found.setdefault(int(v.split(".")[0]), home)
    configs = []
    if 17 in found:
        configs.append(("jdk17+cds", found[17], ""))
    newest = max((v for v in found if v >= 25), default=None)
    if newest:
        configs.append(("jdk%d+aot" % newest, found[newest], ""))
        configs.append(("jdk%d-noaot" % newest, found[newest], "-XX:AOTMode=off"))
    return configs


def run(cmd, stdin_text=None, env=None, cwd=None):
    """Wall and CPU milliseconds of one process (CPU from wait4: the process and nothing else)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         env=env, cwd=cwd)
    out, _ = p.communicate(stdin_text.encode() if stdin_text else b"")
    wall = (time.perf_counter() - start) * 1000
    # communicate() already reaped the child; its rusage is in RUSAGE_CHILDREN deltas
    return wall, out, p.returncode


def timed(cmd, stdin_text=None, env=None, cwd=None, expect=None):
    before = os.times()
    wall, out, rc = run(cmd, stdin_text, env, cwd)
    after = os.times()
    cpu = ((after.children_user - before.children_user) + (after.children_system - before.children_system)) * 1000
    if expect is not None and expect not in out:
        raise SystemExit("unexpected output of %s (exit %s): %r" % (cmd, rc, out[:300]))
    return wall, cpu


def plan_on_screen(env, work, root=ROOT):
    """Milliseconds from the main job's start until its plan table is on stdout (root: the installation)."""
    ws = tempfile.mkdtemp(dir=work)
    shutil.copytree(os.path.join(ROOT, "examples", "dashboard"), os.path.join(ws, "ws"))
    start = time.perf_counter()
    p = subprocess.Popen([os.path.join(root, "bin", "orchestrator"), "-C", os.path.join(ws, "ws"),
                          "--state-dir", os.path.join(ws, "runs"), "add dark mode to the dashboard"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    seen = None
    for line in p.stdout:
        if seen is None and line.startswith(b"Plan:"):
            seen = (time.perf_counter() - start) * 1000
    p.wait()
    if seen is None:
        raise SystemExit("the main job printed no plan (exit %s)" % p.returncode)
    shutil.rmtree(ws, ignore_errors=True)
    return seen, float("nan")


def event_log(work):
    """The 1,000-event log of bench/runlog-status.sh (its generator, run as written there)."""
    script = open(os.path.join(ROOT, "bench", "runlog-status.sh")).read()
    gen = re.search(r"<<'PY'\n(.*?)\nPY\n", script, re.S).group(1)
    run_id = re.search(r"^run_id=(\S+)", script, re.M).group(1)
    os.makedirs(os.path.join(work, "state", run_id))
    subprocess.run([sys.executable, "-", os.path.join(work, "state", run_id, "events.jsonl"), run_id],
                   input=gen.encode(), check=True)
    return run_id


FLOORS = (("floor-hello", "Hello"), ("floor-json", "JsonLine"))


def floor_installation(work, configs, floors=FLOORS):
    """A throwaway installation beside ROOT holding floor programs of bench/floor/ as "modules" (floors:
    (module, main class) pairs; by default floor-hello and floor-json) and a copy of bin/harness-launch, so they start with exactly
    the JVM options and kind of start-up archive a service gets; each archive is trained once per
    JDK on one request, as bin/make-cds-archive trains a service's. Returns the launcher's path."""
    root = os.path.join(work, "floor")
    classes = os.path.join(root, "classes")
    os.makedirs(os.path.join(root, "bin"))
    shutil.copy(os.path.join(ROOT, "bin", "harness-launch"), os.path.join(root, "bin", "harness-launch"))
    jackson = os.path.join(ROOT, "planning-service", "target", "planning-service.jar")  # Jackson is shaded in
    javac = os.path.join(configs[-1][1], "bin", "javac")
    sources = glob.glob(os.path.join(ROOT, "bench", "floor", "*.java"))
    subprocess.run([javac, "--release", "17", "-cp", jackson, "-d", classes] + sources, check=True)
    for module, main in floors:
        target = os.path.join(root, module, "target")
        os.makedirs(target)
        shutil.copy(jackson, os.path.join(target, "jackson.jar"))
        with open(os.path.join(root, "manifest.txt"), "w") as f:
            f.write("Main-Class: %s\nClass-Path: jackson.jar\n" % main)
        subprocess.run([os.path.join(configs[-1][1], "bin", "jar"), "cfm", os.path.join(target, module + ".jar"),
                        os.path.join(root, "manifest.txt"), "-C", classes, "."], check=True)
    launcher = os.path.join(root, "bin", "harness-launch")
    request = json.dumps({"id": 1, "method": "decompose", "params": {"objective": "train"}}) + "\n"
    for home in sorted({home for _, home, _ in configs}):
        for module, _ in floors:
            run([launcher, module], request, env=dict(os.environ, HARNESS_JAVA_HOME=home, HARNESS_ARCHIVE_OUTPUT="1",
                                                     HARNESS_TRAINING="1", HARNESS_JAVA_OPTS=""), cwd=work)
    return launcher


# bin/harness-launch's options for the orchestrator (the floor runs with the same ones)
LAUNCH_OPTS = ["-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+UseSerialGC", "-Xss1m", "-XX:-UsePerfData",
               "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
               "-XX:TieredStopAtLevel=1", "-Djdk.reflect.useNativeAccessorOnly=true"]


def hello_floor(home, work):
    """The command of bench/floor/Hello.java's JVM with the orchestrator's launcher options and an archive
    trained on itself (floor_installation's floor is a service's: other options)."""
    java = os.path.join(home, "bin", "java")
    d = os.path.join(work, "hello")
    os.makedirs(d, exist_ok=True)
    subprocess.run([os.path.join(home, "bin", "javac"), "-d", d, os.path.join(ROOT, "bench", "floor", "Hello.java")],
                   check=True)
    jar = os.path.join(work, "hello.jar")  # an archive takes classes from jars only
    subprocess.run([os.path.join(home, "bin", "jar"), "cf", jar, "-C", d, "Hello.class"], check=True)
    feature = int(release(home, "JAVA_VERSION").split(".")[0])
    archive = os.path.join(d, "hello.aot" if feature >= 25 else "hello.jsa")
    make = ["-XX:AOTCacheOutput=" + archive] if feature >= 25 else ["-XX:ArchiveClassesAtExit=" + archive]
    use = ["-XX:AOTCache=" + archive] if feature >= 25 else ["-XX:SharedArchiveFile=" + archive]
    subprocess.run([java] + LAUNCH_OPTS + make + ["-cp", jar, "Hello"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [java] + LAUNCH_OPTS + use + ["-cp", jar, "Hello"]


def measure_read_only(rounds, reference, baseline=None, progress=sys.stderr):
    """The read-only commands of this tree (and of baseline, another built checkout), the floor and
    the reference, interleaved round by round; JDK 25+ with its AOT cache (else the newest JDK).
    Returns (reference [(wall, cpu)], {(case, tree label): [(wall, cpu)]}, trees, cases)."""
    label, home, _ = [c for c in jdks() if "noaot" not in c[0]][-1]
    work = tempfile.mkdtemp()
    try:
        run_id = event_log(work)
        state = ["--state-dir", os.path.join(work, "state"), "--workspace", work]
        # the same log in a state directory of its own, whose kept outputs are removed before each status
        # there: the first read of a log (or a read after it changed), which no snapshot answers
        shutil.copytree(os.path.join(work, "state"), os.path.join(work, "state-first"))
        first_run = os.path.join(work, "state-first", run_id)
        first = ["--state-dir", os.path.join(work, "state-first"), "--workspace", work]
        floor = hello_floor(home, work)
        trees = [("this tree", ROOT)] + ([("baseline", os.path.abspath(baseline))] if baseline else [])
        # each tree reads a copy of its own: a kept output belongs to one build, so two trees answering from
        # one state directory would each find the other's output and read the log anew every time
        own = {}
        for tree, _ in trees:
            copy = os.path.join(work, "state-" + tree.replace(" ", "-"))
            shutil.copytree(os.path.join(work, "state"), copy)
            own[tree] = lambda args, copy=copy: [copy if a == os.path.join(work, "state") else a for a in args]
        cases = [
            ("--version", ["--version"], b""),
            ("runs", ["runs"] + state, run_id.encode()),
            ("status (1,000 events)", ["status", run_id] + state, b"Run:"),
            ("events (1,000 events)", ["events", run_id] + state, b"SEQ"),
            ("events --json (1,000 events)", ["events", run_id, "--json"] + state, b'"seq"'),
            ("status, first read (1,000)", ["status", run_id] + first, b"Run:"),
        ]
        env = dict(os.environ, HARNESS_JAVA_HOME=home, HARNESS_JAVA_OPTS="")
        results = {}
        ref = []
        for r in range(rounds):
            ref.append(timed([sys.executable, reference], json.dumps(
                {"id": 1, "method": "decompose", "params": {"objective": "x"}}) + "\n", cwd=work, expect=b'"result"'))
            results.setdefault(("floor: hello-world JVM", label), []).append(timed(floor, env=env, cwd=work, expect=b"hello"))
            for tree, root in trees:
                for name, args, expect in cases:
                    if "first read" in name:
                        for kept in os.listdir(first_run):
                            if kept != "events.jsonl":
                                os.remove(os.path.join(first_run, kept))
                    m = timed([os.path.join(root, "bin", "orchestrator")] + own[tree](args), env=env, cwd=work, expect=expect)
                    results.setdefault((name, tree), []).append(m)
            print("read-only round %d/%d done" % (r + 1, rounds), file=progress)
        return ref, results, label, trees, cases
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report_read_only(rounds, ref, results, label, trees, cases):
    rw, rc = med(ref, 0), med(ref, 1)
    print("Read-only orchestrator commands, %s, medians of %d interleaved rounds (wall ms / cpu ms);"
          " load average now %s" % (label, rounds, " ".join("%.1f" % x for x in os.getloadavg())))
    print("reference (python3, one decompose): %.0f / %.0f; target <= 1.5x" % (rw, rc))
    fl = results[("floor: hello-world JVM", label)]
    print("%-32s%s" % ("floor: hello-world JVM", "%.0f/%.0f = %.2fx/%.2fx" % (med(fl, 0), med(fl, 1), med(fl, 0) / rw, med(fl, 1) / rc)))
    print("%-32s" % "case" + "".join("%-30s" % t for t, _ in trees))
    for name, _, _ in cases:
        row = "%-32s" % name
        for tree, _ in trees:
            xs = results[(name, tree)]
            row += "%-30s" % ("%.0f/%.0f = %.2fx/%.2fx" % (med(xs, 0), med(xs, 1), med(xs, 0) / rw, med(xs, 1) / rc))
        print(row)
    print("(ratios: wall/cpu over the reference's, same rounds)")


def measure(rounds, reference, configs=None, progress=sys.stderr):
    """Every case of every JDK configuration and the reference, interleaved round by round.
    Returns (reference [(wall, cpu)], {(case, config label): [(wall, cpu)]}, configs, cases)."""
    configs = jdks() if configs is None else configs
    work = tempfile.mkdtemp()
    try:
        dash = os.path.join(work, "dashboard")
        shutil.copytree(os.path.join(ROOT, "examples", "dashboard"), dash)
        run_id = event_log(work)
        state = ["--state-dir", os.path.join(work, "state"), "--workspace", work]
        decompose = json.dumps({"id": 1, "method": "decompose",
                                "params": {"objective": "add dark mode to the dashboard", "context": {"cwd": dash}}}) + "\n"
        ref_req = json.dumps({"id": 1, "method": "decompose", "params": {"objective": "add dark mode to the dashboard"}}) + "\n"
        b = lambda name: os.path.join(ROOT, "bin", name)
        floor = floor_installation(work, configs)
        cases = [  # name, command, stdin, expected bytes in stdout, target kind
            ("floor: JVM printing one line", [floor, "floor-hello"], None, b'"result"', "floor"),
            ("floor: JVM + Jackson, one JSON line", [floor, "floor-json"], ref_req, b'"result"', "floor"),
            ("planning-service, validate []", [b("planning-service")],
             '{"id":1,"method":"validate","params":{"packets":[]}}\n', b'"result"', "floor"),
            ("planning-service", [b("planning-service")], decompose, b'"result"', "service"),
            ("bootstrap-service", [b("bootstrap-service")], '{"id":1,"method":"get_status","params":{}}\n', b'"result"', "service"),
            ("worker-manager", [b("worker-manager")], '{"id":1,"method":"list_workers","params":{}}\n', b'"result"', "service"),
            ("orchestrator --version", [b("orchestrator"), "--version"], None, b"", "read"),
            ("orchestrator runs", [b("orchestrator"), "runs"] + state, None, run_id.encode(), "read"),
            ("orchestrator status (1,000 events)", [b("orchestrator"), "status", run_id] + state, None, b"", "read"),
            ("orchestrator events (1,000 events)", [b("orchestrator"), "events", run_id] + state, None, b"", "read"),
            ("main job: plan on screen", None, None, None, "plan"),
        ]
        results = {}  # (case, config) -> [(wall, cpu)]
        ref = []
        for r in range(rounds):
            ref.append(timed([sys.executable, reference], ref_req, cwd=work, expect=b'"result"'))
            for label, home, opts in configs:
                env = dict(os.environ, HARNESS_JAVA_HOME=home, HARNESS_JAVA_OPTS=opts)
                for name, cmd, stdin_text, expect, _ in cases:
                    if cmd is None:
                        m = plan_on_screen(env, work)
                    else:
                        m = timed(cmd, stdin_text, env=env, cwd=work, expect=expect)
                    results.setdefault((name, label), []).append(m)
            print("start-up round %d/%d done" % (r + 1, rounds), file=progress)
        return ref, results, configs, cases
    finally:
        shutil.rmtree(work, ignore_errors=True)


def med(xs, i):
    return statistics.median(x[i] for x in xs)


def report(rounds, reference, ref, results, configs, cases):
    rw, rc = med(ref, 0), med(ref, 1)
    print("Start-up, medians of %d interleaved rounds (wall ms / cpu ms); load average now %s"
          % (rounds, " ".join("%.1f" % x for x in os.getloadavg())))
    print("reference (python3 %s, one decompose): %.0f / %.0f" % (os.path.basename(reference), rw, rc))
    head = "%-36s" % "case" + "".join("%-26s" % label for label, _, _ in configs) + "target"
    print(head)
    for name, _, _, _, kind in cases:
        row = "%-36s" % name
        for label, _, _ in configs:
            xs = results[(name, label)]
            w = med(xs, 0)
            if kind == "plan":
                row += "%-26s" % ("%.0f ms" % w)
            else:
                row += "%-26s" % ("%.0f/%.0f = %.2fx/%.2fx" % (w, med(xs, 1), w / rw, med(xs, 1) / rc))
        row += {"service": "<= 1.0x ref", "read": "<= 1.5x ref", "plan": "<= 1000 ms", "floor": "(floor)"}[kind]
        print(row)
    print("(ratios: wall/cpu of the executable over the reference's, same rounds)")


def default_reference():
    reference = os.path.join(os.path.dirname(ROOT), "shared", "bench", "reference_planning.py")
    return reference if os.path.exists(reference) else "/work/shared/bench/reference_planning.py"


def main():
    args = sys.argv[1:]
    reference = default_reference()
    if "--reference" in args:
        i = args.index("--reference")
        reference = args[i + 1]
        del args[i:i + 2]
    baseline = None
    if "--baseline" in args:
        i = args.index("--baseline")
        baseline = args[i + 1]
        del args[i:i + 2]
    read_only = "--read-only" in args
    args = [a for a in args if a != "--read-only"]
    rounds = int(args[0]) if args else 9
    if read_only or baseline:
        ref, results, label, trees, cases = measure_read_only(rounds, reference, baseline)
        report_read_only(rounds, ref, results, label, trees, cases)
        return
    ref, results, configs, cases = measure(rounds, reference)
    report(rounds, reference, ref, results, configs, cases)


if __name__ == "__main__":
    main()
