#!/usr/bin/env python3
"""Evaluates the built-in planner on the committed fixtures (examples/planning-fixtures).

For each fixture whose toolchain exists here and each of its two objectives, plans with
bin/planning-service in a scratch copy, then prints per plan: scope precision (of the files the
plan's change packets name, how many the written expectation says the change needs) and recall,
and per check: whether it passes on the healthy fixture, whether it fails after a one-line
mutation of the code the objective is about, and its run time. Fixtures whose toolchain is
missing are reported as skipped. Node fixtures with devDependencies get `npm install` in the copy
(the npm registry is needed once; npm's cache serves later runs).

Usage: bench/planning-eval.py [--plans-only] [FIXTURE...]   (from anywhere; needs bin/planning-service built)
--plans-only prints each plan's files and checks without running them (seconds instead of minutes).
PLANNING_EVAL_SERVICE=PATH plans with another build (e.g. a copy of the previous one, for a before/after).

PLANNING_EVAL_FIXTURES=DIR and PLANNING_EVAL_EXPECTATIONS=DIR evaluate other projects the same way
(e.g. real ones checked out outside the repository, with expectations written for them): each
expectation's "fixture" names a directory of DIR, copied to a scratch directory before planning.
"""
import json
import os
import re
import shutil
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


def run(command, cwd, env=None):
    start = time.monotonic()
    try:
        done = subprocess.run(["sh", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=CHECK_TIMEOUT,
                              env=None if env is None else {**os.environ, **env})
        code = done.returncode
    except subprocess.TimeoutExpired:
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


def main(selected):
    rows = []
    skipped = []
    for name in sorted(n for n in os.listdir(EXPECTATIONS) if n.endswith(".json")):
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
            if expectation.get("install") == "npm" and not PLANS_ONLY:
                code, seconds = run("npm install --no-audit --no-fund --loglevel=error", workspace)
                if code != 0:
                    skipped.append(f"{fixture}: skipped (npm install failed, exit {code})")
                    continue
            if expectation.get("prepare") and not PLANS_ONLY:  # what a checkout needs before its tests run (a generated file, say)
                code, seconds = run(expectation["prepare"], workspace, expectation.get("env"))
                if code != 0:
                    skipped.append(f"{fixture}: skipped (prepare failed, exit {code})")
                    continue
            for objective in expectation["objectives"]:
                packets = plan(workspace, objective["objective"])
                files = named_files(packets)
                if PLANS_ONLY:
                    print(f"{fixture}: {objective['objective']}")
                    for packet in packets:
                        print(f"  {packet['id']} {packet['title']} deps={packet.get('depends_on', [])}")
                        print(f"     files: {', '.join(named_files([packet])) or '-'}")
                        for command in packet["acceptance_tests"]:
                            print(f"     check: {command}")
                    continue
                needed = set(objective["expected_paths"])
                hits = [f for f in files if f in needed]
                precision = len(hits) / len(files) if files else 0.0
                recall = len(needed & set(files)) / len(needed)
                checks = []
                for packet in packets:
                    for command in packet["acceptance_tests"]:
                        if command not in checks:
                            checks.append(command)
                results = []
                for command in checks:
                    # "env" in an expectation prepares the environment the project's checks need (PYTHONPATH for a src
                    # layout that is not installed, JVM options): the same for the healthy and the mutated run
                    healthy, healthy_seconds = run(command, workspace, expectation.get("env"))
                    path, original = mutate(workspace, objective["mutation"])
                    try:
                        broken, _ = run(command, workspace, expectation.get("env"))
                    finally:
                        with open(path, "w", encoding="utf-8") as f:
                            f.write(original)
                    results.append((command, healthy == 0, broken != 0, healthy_seconds))
                rows.append((fixture, objective["objective"], len(packets), precision, recall, results))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    print("| fixture | objective | packets | scope precision | recall | check | passes healthy | fails mutated | time (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    totals = {"plans": 0, "precision": 0.0, "checks": 0, "healthy": 0, "caught": 0, "targeted_caught": 0}
    for fixture, objective, count, precision, recall, results in rows:
        totals["plans"] += 1
        totals["precision"] += precision
        short = objective if len(objective) <= 48 else objective[:47] + "…"
        first = True
        for command, healthy, caught, seconds in results:
            totals["checks"] += 1
            totals["healthy"] += healthy
            totals["caught"] += caught
            totals["targeted_caught"] += healthy and caught  # a check failing on the healthy project catches nothing
            lead = f"| {fixture} | {short} | {count} | {precision:.2f} | {recall:.2f} |" if first else "| | | | | |"
            print(f"{lead} `{command}` | {'yes' if healthy else 'NO'} | {'yes' if caught else 'no'} | {seconds:.1f} |")
            first = False
    if totals["plans"]:
        print(f"\n{totals['plans']} plans: mean scope precision {totals['precision'] / totals['plans']:.2f}; "
              f"{totals['checks']} checks, {totals['healthy']} pass on the healthy fixture, "
              f"{totals['caught']} fail after the mutation, {totals['targeted_caught']} of them passing on the healthy one "
              f"(a check that fails on the healthy project tells nothing about the mutation)")
    for line in skipped:
        print(line)
    return 0


if __name__ == "__main__":
    PLANS_ONLY = "--plans-only" in sys.argv[1:]
    sys.exit(main({a for a in sys.argv[1:] if a != "--plans-only"}))
