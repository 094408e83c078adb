#!/usr/bin/env python3
"""Evaluates the built-in planner on the committed fixtures (examples/planning-fixtures).

For each fixture whose toolchain exists here and each of its two objectives, plans with
bin/planning-service in a scratch copy, then prints per plan: scope precision (of the files the
plan's change packets name, how many the written expectation says the change needs) and recall,
and per check: whether it passes on the healthy fixture, whether it fails after a one-line
mutation of the code the objective is about, and its run time. Fixtures whose toolchain is
missing are reported as skipped. Node fixtures with devDependencies get `npm install` in the copy
(the npm registry is needed once; npm's cache serves later runs).

Usage: bench/planning-eval.py [--plans-only] [--json FILE] [FIXTURE...]   (from anywhere; needs bin/planning-service built)
--plans-only prints each plan's files and checks without running them (seconds instead of minutes), and the
  scope summary.
--json FILE also writes every plan and check result as JSON (to compare two runs later).
--targeted runs each objective's own "targeted_check" (the expectation's, not the plan's) healthy and mutated
  instead of planning: it shows whether the written expectation itself holds.
--reuse FILE[,FILE…] takes a check's results from an earlier --json run when the same check of the same objective is
  there (same command, project and mutation: the outcome only depends on those), marked "(reused)": a
  before/after then only runs the checks that changed.
A check failing on the healthy copy is not run mutated (it catches nothing either way; "fails mutated" shows "no").
PLANNING_EVAL_TIMEOUT=SECONDS bounds each check run (default 600; a timeout counts as exit 124 and ends the check's
  whole process group).
--from-json FILE[,FILE…] prints the table and summary of earlier --json runs without planning or running anything
  (several batches run separately become one table; "narrowed" counts plans whose catching check names what it runs:
  test files, -Dtest=, go test -run, pytest -k, unittest modules, --test-name-pattern).
PLANNING_EVAL_SERVICE=PATH plans with another build (e.g. a copy of the previous one, for a before/after).

A check that leaves the copy's git status different from before it ran (a formatter with --write, a
lint --fix) is marked "writes": a check must never rewrite the person's tree. An expectation's
"targeted_check" is the narrow check a senior engineer would run, its "acceptable_paths" files a change may
also touch without lowering precision; --plans-only prints it beside the plan's.
Values in an expectation's "env" may name $PLANNING_EVAL_FIXTURES and $PATH (tools kept beside the checkouts).

PLANNING_EVAL_FIXTURES=DIR and PLANNING_EVAL_EXPECTATIONS=DIR evaluate other projects the same way
(e.g. real ones checked out outside the repository, with expectations written for them): each
expectation's "fixture" names a directory of DIR, copied to a scratch directory before planning.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
FIXTURES = os.environ.get("PLANNING_EVAL_FIXTURES") or os.path.join(ROOT, "examples", "planning-fixtures")
EXPECTATIONS = os.environ.get("PLANNING_EVAL_EXPECTATIONS") or os.path.join(FIXTURES, "expectations")
SERVICE = os.environ.get("PLANNING_EVAL_SERVICE") or os.path.join(ROOT, "bin", "planning-service")  # another build, for a before/after
CHECK_TIMEOUT = int(os.environ.get("PLANNING_EVAL_TIMEOUT", "600"))  # seconds per check run; a timeout counts as exit 124
PLANS_ONLY = False
TARGETED = False
CHANGE = re.compile(r"Make the change in (.+?) that this objective needs")


def plan(workspace, objective):
    request = {"jsonrpc": "2.0", "id": 1, "method": "decompose",
               "params": {"objective": objective, "context": {"cwd": workspace}}}
    out = subprocess.run([SERVICE, "--quiet"], input=json.dumps(request) + "\n", capture_output=True, text=True,
                         timeout=120)
    for line in out.stdout.splitlines():
        message = json.loads(line)
        if message.get("id") == 1:
            if "error" in message:
                raise RuntimeError(f"decompose failed: {message['error']}")
            return message["result"]
    raise RuntimeError(f"no answer from planning-service: {out.stderr[-500:]}")


def expanded(env):
    """An expectation's env with $PLANNING_EVAL_FIXTURES and $PATH-style references filled in."""
    if not env:
        return None
    scope = {**os.environ, "PLANNING_EVAL_FIXTURES": FIXTURES}
    return {key: re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: scope.get(m.group(1) or m.group(2), ""), value)
            for key, value in env.items()}


def tree_state(cwd):
    """git status of the copy (tracked changes and untracked files), or None outside a git checkout."""
    done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=cwd, capture_output=True,
                          text=True)
    return done.stdout if done.returncode == 0 else None


def restore_tree(cwd, before):
    """Puts back what a check rewrote: tracked files to HEAD unless they were already changed, new files removed."""
    was = {line[3:] for line in (before or "").splitlines()}
    now = [line for line in (tree_state(cwd) or "").splitlines() if line[3:] not in was]
    tracked = [line[3:] for line in now if not line.startswith("??")]
    untracked = [line[3:] for line in now if line.startswith("??")]
    if tracked:
        subprocess.run(["git", "checkout", "-q", "--", *tracked], cwd=cwd, check=True)
    for path in untracked:
        target = os.path.join(cwd, path)
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)
        elif os.path.lexists(target):
            os.remove(target)


def run(command, cwd, env=None):
    start = time.monotonic()
    # its own process group, so that a timeout ends the whole tree (npm -> sh -> vitest -> workers), not only `sh`
    process = subprocess.Popen(["sh", "-c", command], cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True,
                               env=None if env is None else {**os.environ, **env})
    try:
        code = process.wait(timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        code = 124
    return code, time.monotonic() - start


def mutate(workspace, mutation):
    path = os.path.join(workspace, mutation["file"])
    with open(path, encoding="utf-8") as f:
        original = f.read()
    if mutation["find"] not in original:
        raise RuntimeError(f"mutation text not found in {mutation['file']}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(original.replace(mutation["find"], mutation["replace"], 1))
    return path, original


def named_files(packets):
    files = []
    for packet in packets:
        m = CHANGE.search(packet.get("objective", ""))
        if m:
            files.extend(part.strip() for part in m.group(1).split(","))
    return files


def ecosystem(expectation):
    tools = set(expectation["requires"])
    return ("Java" if "mvn" in tools or "gradle" in tools else "Python" if "python3" in tools
            else "Go" if "go" in tools else "JS/TS" if "node" in tools else "other")


NARROWED = re.compile(r"-Dtest=|\s-run\s|\s-k\s|--tests\s|--test-name-pattern|unittest\s+(?:\w+\.)*tests?\.|"
                      r"[\w-]/[\w.-]|\S\.(?:py|[cm]?[jt]sx?)\b")


def narrowed(command):
    """Whether a check names what it runs (test files, classes, functions, a package dir) instead of the whole suite."""
    return bool(NARROWED.search(command))


def from_json(paths):
    """Rows of earlier --json runs (several files: e.g. one per batch of fixtures), to print their table and summary."""
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for r in json.load(f):
                checks = [(c["command"], c["healthy"], c["caught"], c["seconds"], c["writes"], False)
                          for c in r["checks"]]
                rows.append((r["fixture"], r["objective"], r["packets"], r["precision"], r["recall"], checks,
                             r.get("ecosystem", "other"), r.get("files", [])))
    return rows


def main(selected, json_out=None, reuse=None, earlier_rows=None):
    earlier = {}
    for path in (reuse.split(",") if reuse else []):  # later files win
        with open(path, encoding="utf-8") as f:
            for row in json.load(f):
                for check in row["checks"]:
                    earlier[(row["fixture"], row["objective"], check["command"])] = check
    rows = list(earlier_rows or [])
    planned = {}  # (fixture, objective) -> the plan's packet titles and checks, for --json
    skipped = []
    for name in ([] if earlier_rows else sorted(n for n in os.listdir(EXPECTATIONS) if n.endswith(".json"))):
        with open(os.path.join(EXPECTATIONS, name), encoding="utf-8") as f:
            expectation = json.load(f)
        fixture = expectation["fixture"]
        if selected and fixture not in selected:
            continue
        missing = [tool for tool in expectation["requires"] if shutil.which(tool) is None]
        if missing:
            skipped.append(f"{fixture}: skipped ({', '.join(missing)} not installed here)")
            continue
        scratch = tempfile.mkdtemp(prefix=f"planning-eval-{fixture}-")
        workspace = os.path.join(scratch, fixture)
        shutil.copytree(os.path.join(FIXTURES, fixture), workspace, symlinks=True)  # node_modules/.bin stay links
        try:
            if expectation.get("install") == "npm" and not PLANS_ONLY and not TARGETED:
                code, seconds = run("npm install --no-audit --no-fund --loglevel=error", workspace)
                if code != 0:
                    skipped.append(f"{fixture}: skipped (npm install failed, exit {code})")
                    continue
            env = expanded(expectation.get("env"))
            if expectation.get("prepare") and not PLANS_ONLY:  # what a checkout needs before its tests run (a generated file, say)
                code, seconds = run(expectation["prepare"], workspace, env)
                if code != 0:
                    skipped.append(f"{fixture}: skipped (prepare failed, exit {code})")
                    continue
            for objective in expectation["objectives"]:
                if TARGETED:
                    command = objective.get("targeted_check")
                    if command:
                        healthy, seconds = run(command, workspace, env)
                        path, original = mutate(workspace, objective["mutation"])
                        try:
                            broken, _ = run(command, workspace, env)
                        finally:
                            with open(path, "w", encoding="utf-8") as f:
                                f.write(original)
                        print(f"| {fixture} | {objective['objective'][:48]} | `{command}` | "
                              f"{'yes' if healthy == 0 else 'NO'} | {'yes' if broken != 0 else 'no'} | {seconds:.1f} |",
                              flush=True)
                    continue
                packets = plan(workspace, objective["objective"])
                files = named_files(packets)
                planned[(fixture, objective["objective"])] = (
                    [p["title"] for p in packets],
                    list(dict.fromkeys(c for p in packets for c in p["acceptance_tests"])))
                needed = set(objective["expected_paths"])
                # "acceptable_paths": files a senior engineer might also touch for this change; they do not lower
                # precision, and recall asks only for the expected ones
                hits = [f for f in files if f in needed or f in objective.get("acceptable_paths", [])]
                precision = len(hits) / len(files) if files else 0.0
                recall = len(needed & set(files)) / len(needed)
                if PLANS_ONLY:
                    print(f"{fixture}: {objective['objective']}")
                    for packet in packets:
                        print(f"  {packet['id']} {packet['title']} deps={packet.get('depends_on', [])}")
                        print(f"     files: {', '.join(named_files([packet])) or '-'}")
                        for command in packet["acceptance_tests"]:
                            print(f"     check: {command}")
                    print(f"  expected: {', '.join(objective['expected_paths'])}; targeted check: "
                          f"{objective.get('targeted_check', '-')}")
                    rows.append((fixture, objective["objective"], len(packets), precision, recall, [],
                                 ecosystem(expectation), files))
                    continue
                checks = []
                for packet in packets:
                    for command in packet["acceptance_tests"]:
                        if command not in checks:
                            checks.append(command)
                results = []
                for command in checks:
                    known = earlier.get((fixture, objective["objective"], command))
                    if known:
                        results.append((command, known["healthy"], known["caught"], known["seconds"], known["writes"],
                                        True))
                        continue
                    # "env" in an expectation prepares the environment the project's checks need (PYTHONPATH for a src
                    # layout that is not installed, JVM options): the same for the healthy and the mutated run
                    before = tree_state(workspace)
                    healthy, healthy_seconds = run(command, workspace, env)
                    writes = before is not None and tree_state(workspace) != before
                    if writes:
                        restore_tree(workspace, before)
                    if healthy != 0:  # failing on the healthy project it catches nothing: the mutated run would add no fact
                        results.append((command, False, False, healthy_seconds, writes, False))
                        continue
                    path, original = mutate(workspace, objective["mutation"])
                    try:
                        broken, _ = run(command, workspace, env)
                    finally:
                        with open(path, "w", encoding="utf-8") as f:
                            f.write(original)
                        if writes:
                            restore_tree(workspace, before)
                    results.append((command, healthy == 0, broken != 0, healthy_seconds, writes, False))
                rows.append((fixture, objective["objective"], len(packets), precision, recall, results,
                             ecosystem(expectation), files))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    if rows and not PLANS_ONLY:
        print("| fixture | objective | packets | scope precision | recall | check | passes healthy | fails mutated | time (s) |")
        print("|---|---|---|---|---|---|---|---|---|")
    for fixture, objective, count, precision, recall, results, _, _ in rows:
        short = objective if len(objective) <= 48 else objective[:47] + "…"
        first = True
        for command, healthy, caught, seconds, writes, reused in results:
            lead = f"| {fixture} | {short} | {count} | {precision:.2f} | {recall:.2f} |" if first else "| | | | | |"
            mark = (" (writes the tree)" if writes else "") + (" (reused)" if reused else "")
            print(f"{lead} `{command}`{mark} | {'yes' if healthy else 'NO'} | {'yes' if caught else 'no'} | {seconds:.1f} |")
            first = False
        if not results and not PLANS_ONLY:
            print(f"| {fixture} | {short} | {count} | {precision:.2f} | {recall:.2f} | (no check) | | | |")
    if rows:
        print()
        groups = [("all", rows)] + [(name, [r for r in rows if r[6] == name])
                                     for name in sorted({r[6] for r in rows})]
        for name, group in groups:
            if group:
                print(summary(name, group))
    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump([{"fixture": r[0], "objective": r[1], "packets": r[2], "precision": r[3], "recall": r[4],
                        "ecosystem": r[6], "files": r[7],
                        "titles": planned.get((r[0], r[1]), ([], []))[0],
                        "plan_checks": planned.get((r[0], r[1]), ([], []))[1],
                        "checks": [{"command": c, "healthy": h, "caught": k, "seconds": round(t, 1), "writes": w}
                                   for c, h, k, t, w, _ in r[5]]} for r in rows], f, indent=1)
    for line in skipped:
        print(line)
    return 0


def summary(name, group):
    """One line per column of the report: the means and counts a before/after comparison needs."""
    plans = len(group)
    checks = [c for r in group for c in r[5]]
    healthy = sum(1 for c in checks if c[1])
    caught = sum(1 for c in checks if c[1] and c[2])  # a check failing on the healthy project catches nothing
    plans_caught = sum(1 for r in group if any(c[1] and c[2] for c in r[5]))
    plans_narrowed = sum(1 for r in group if any(c[1] and c[2] and narrowed(c[0]) for c in r[5]))
    writes = sum(1 for c in checks if c[4])
    fastest = [min(c[3] for c in r[5] if c[1] and c[2]) for r in group if any(c[1] and c[2] for c in r[5])]
    median = sorted(fastest)[len(fastest) // 2] if fastest else 0.0
    scope = (f"{name}: {plans} plans, mean scope precision {sum(r[3] for r in group) / plans:.2f}, "
             f"recall {sum(r[4] for r in group) / plans:.2f}, {sum(r[2] for r in group) / plans:.1f} packets")
    if not checks:
        return scope  # --plans-only: nothing was run
    return (f"{scope}; "
            f"{len(checks)} checks ({len(checks) / plans:.1f} a plan), {healthy} pass healthy, "
            f"{caught} of those fail mutated, {writes} write the tree; "
            f"{plans_caught}/{plans} plans have a check that passes healthy and catches the mutation "
            f"({plans_narrowed}/{plans} a narrowed one; median time of the fastest such check {median:.1f} s)")


if __name__ == "__main__":
    args = sys.argv[1:]
    PLANS_ONLY = "--plans-only" in args
    TARGETED = "--targeted" in args
    options = {}
    for flag in ("--json", "--reuse", "--from-json"):
        if flag in args:
            at = args.index(flag)
            options[flag] = args[at + 1]
            del args[at:at + 2]
    sys.exit(main({a for a in args if a not in ("--plans-only", "--targeted")}, options.get("--json"), options.get("--reuse"),
                  from_json(options["--from-json"].split(",")) if "--from-json" in options else None))
