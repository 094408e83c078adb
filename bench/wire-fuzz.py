#!/usr/bin/env python3
"""Process-level fuzzing of the real executables (issue 13).

Starts bin/SERVICE as a child process and feeds it mutated requests taken from examples/*/*.jsonl:
byte flips, truncation, wrong types at every field, huge numbers and exponents, unpaired
surrogates, NUL, deep nesting, odd ids, notifications and big batches. Each case is one line,
followed by an rpc.discover that must still be answered. Prints cases, crashes (the process
exited), slow cases (answered after --timeout), hangs (no answer within --timeout + --grace; the
JVM's threads are dumped first), protocol violations, internal errors (-32603) and the service's
peak RSS (VmHWM from /proc).

    bench/wire-fuzz.py --service planning-service --cases 20000 --seed "$(date +%s)" --jobs 3
    bench/wire-fuzz.py --service worker-manager --seed 1796008959 --case 4711    # replay one case

Every case has its own generator (seed and case number), so --jobs N runs N service processes in
parallel, each with every N-th case, and any case can be replayed alone with --case. A reported
violation is replayed on a fresh service at the end: one that passes alone (and whose previous
case passes too) was a late answer on a loaded machine and is counted apart, as "late".

The service runs in a scratch directory holding a copy of examples/ (so relative workspaces in the
requests resolve there), with HOME and XDG dirs inside it; the worker manager gets its own
--state-dir and a trust policy that denies every workspace, so no agent or acceptance test runs.
Python 3 standard library only.
"""
import argparse
import base64
import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = {
    "planning-service": ["planning"],
    "worker-manager": ["worker"],
    "bootstrap-service": ["bootstrap"],
}
HUGE_NUMBERS = ["1e2147483647", "1e2147483648", "-1E-99999999999", "1e400", "0e999999999", "1.5e308",
                "123456789012345678901234567890", "-0", "1E5", "9" * 1001, "1" + "0" * 2000, "0.000001e-1000",
                "2147483648", "-9223372036854775809", "1.0000000000000000000000001"]
ODD_STRINGS = ["\ud800", "\udfff", "a\udc00b", "\ud83d\ude00", "\u0000", "nul\u0000nul", "\\", "\"", "\n\r\t",
               "\u2028", "é", "../../etc", "/", "", " ", "~", "$(rm -rf /)", "'", "%s%n"]
ODD_IDS = ['"\\ud800"', '"a\\u0000b"', '1e400', '-0', '1E5', '1.50', '{"a":1}', '[1]', 'true', 'null', '"\\u0041"',
           '"\\/"', '123456789012345678901234567890', '1e2147483648', '"' + "i" * 5000 + '"', '""', '0.0', '"😀"']


# ---------------------------------------------------------------- raw JSON scanning (ids byte for byte)

def skip_ws(s, i):
    while i < len(s) and s[i] in " \t\r\n":
        i += 1
    return i


def value_end(s, i):
    """End index of the JSON value starting at s[i] (iterative; assumes valid JSON)."""
    depth = 0
    while True:
        c = s[i]
        if c == '"':
            i += 1
            while s[i] != '"':
                i += 2 if s[i] == "\\" else 1
            i += 1
        elif c in "[{":
            depth += 1
            i += 1
        elif c in "]}":
            depth -= 1
            i += 1
        elif c in ",: \t\r\n":
            i += 1
            continue
        else:
            while i < len(s) and s[i] not in ",]} \t\r\n":
                i += 1
        if depth == 0:
            return i
        i = skip_ws(s, i)


def raw_object_ids(s, i):
    """For the object at s[i]: (raw text of its last "id" member or None, index after the object)."""
    raw = None
    i = skip_ws(s, i + 1)
    if s[i] == "}":
        return None, i + 1
    while True:
        i = skip_ws(s, i)
        end = value_end(s, i)
        name = json.loads(s[i:end])
        i = skip_ws(s, end)
        i = skip_ws(s, i + 1)  # ':'
        end = value_end(s, i)
        if name == "id":
            raw = s[i:end]
        i = skip_ws(s, end)
        if s[i] == "}":
            return raw, i + 1
        i += 1


def raw_ids(s):
    """Raw ids of the requests in a line: one entry for an object, one per element for an array."""
    i = skip_ws(s, 0)
    if s[i] == "{":
        return [raw_object_ids(s, i)[0]]
    if s[i] != "[":
        return [None]
    ids = []
    i = skip_ws(s, i + 1)
    if s[i] == "]":
        return ids
    while True:
        i = skip_ws(s, i)
        if s[i] == "{":
            raw, i = raw_object_ids(s, i)
        else:
            raw, i = None, value_end(s, i)
        ids.append(raw)
        i = skip_ws(s, i)
        if s[i] == "]":
            return ids
        i += 1


def strict_loads(text):
    def no_constant(name):
        raise ValueError("not JSON: " + name)
    return json.loads(text, parse_constant=no_constant, parse_int=lambda x: ("num", x),
                      parse_float=lambda x: ("num", x))


# ---------------------------------------------------------------- the oracle

UNKNOWN = object()


def expectation(line_bytes):
    """What the line must be answered with: a list of per-request expectations, or 'parse_error', or UNKNOWN."""
    try:
        text = line_bytes.decode("utf-8")
    except UnicodeDecodeError:
        return "parse_error"
    if text.strip(" \t\r") == "":
        return []
    try:
        value = strict_loads(text)
    except RecursionError:
        return UNKNOWN  # too deep for Python to judge; the responses are still checked for form
    except ValueError:
        return "parse_error"
    if isinstance(value, list):
        if not value:
            return [("error_null", None)]
        ids = raw_ids(text)
        return [("batch",)] + [request_expectation(v, raw) for v, raw in zip(value, ids)]
    return [request_expectation(value, raw_ids(text)[0])]


def request_expectation(value, raw_id):
    if not isinstance(value, dict):
        return ("error_null", None)
    has_id = "id" in value
    ident = value.get("id")
    if has_id and not (isinstance(ident, str) or isinstance(ident, tuple) or ident is None):
        return ("error_null", None)
    valid = (("jsonrpc" not in value or value["jsonrpc"] == "2.0") and isinstance(value.get("method"), str)
             and ("params" not in value or isinstance(value["params"], (dict, list))))
    if not has_id:
        return ("nothing", None) if valid else ("error_null", None)
    return ("answer", raw_id, value.get("method"))


# ---------------------------------------------------------------- mutations

def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, prefix + (i,))


def set_at(node, path, value):
    if not path:
        return value
    parent = node
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return node


class Mutator:
    def __init__(self, rng, seeds, batch_sizes=None):
        self.rng = rng
        self.seeds = seeds
        self.batch_sizes = batch_sizes or BATCH_SIZES
        self.raw = {}

    def placeholder(self, raw_text):
        key = "__RAW_%d__" % len(self.raw)
        self.raw[key] = raw_text
        return key

    def dumps(self, node):
        text = json.dumps(node, separators=(",", ":"))
        for key, raw_text in self.raw.items():
            text = text.replace('"' + key + '"', raw_text)
        self.raw = {}
        return text

    def odd_value(self):
        r = self.rng
        kind = r.randrange(10)
        if kind == 0:
            return self.placeholder(r.choice(HUGE_NUMBERS))
        if kind == 1:
            return r.choice(ODD_STRINGS)
        if kind == 2:
            n = r.choice([3, 63, 64, 65, 200, 5000])
            return self.placeholder("[" * n + "1" + "]" * n)
        if kind == 3:
            return r.choice([True, False, None, 0, -1, 1.5, 2 ** 31, [], {}])
        if kind == 4:
            return [self.odd_value() for _ in range(r.randrange(4))]
        if kind == 5:
            return {r.choice(ODD_STRINGS[:8] + ["id", "scope", "x"]): self.odd_value()}
        if kind == 6:
            return "x" * (r.choice([1, 100, 10000]) if r.random() < 0.95 else 1048577)
        if kind == 7:
            return self.placeholder(r.choice(ODD_IDS))
        if kind == 8:
            return r.randrange(-10 ** 6, 10 ** 6)
        return "".join(r.choice(ODD_STRINGS[:12]) for _ in range(3))

    def tree_mutation(self, node):
        r = self.rng
        all_paths = list(paths(node))
        path = r.choice(all_paths)
        kind = r.randrange(7)
        if kind == 0 or not path:
            return set_at(node, path, self.odd_value())
        parent = node
        for key in path[:-1]:
            parent = parent[key]
        if kind == 1:  # drop the member or element
            del parent[path[-1]]
        elif kind == 2 and isinstance(parent, dict):  # odd member name
            parent[r.choice(ODD_STRINGS[:10])] = parent.pop(path[-1])
        elif kind == 3 and isinstance(node, dict):  # odd id, or none (a notification)
            if r.random() < 0.3:
                node.pop("id", None)
            else:
                node["id"] = self.placeholder(r.choice(ODD_IDS))
        elif kind == 4 and isinstance(node, dict):
            node[r.choice(["jsonrpc", "method", "params"])] = self.odd_value()
        elif kind == 5:  # wrap in nesting
            n = r.choice([1, 30, 62, 70, 3000])
            parent[path[-1]] = self.placeholder("[" * n + json.dumps(parent[path[-1]]) + "]" * n)
        else:
            parent[path[-1]] = self.odd_value()
        return node

    def byte_mutation(self, data):
        r = self.rng
        data = bytearray(data)
        kind = r.randrange(6)
        if kind == 0 and data:  # truncation
            return bytes(data[:r.randrange(len(data))])
        if kind == 1:  # flips
            for _ in range(r.randrange(1, 5)):
                if data:
                    data[r.randrange(len(data))] ^= 1 << r.randrange(8)
            return bytes(data)
        if kind == 2:  # random bytes, NUL, bad UTF-8
            for _ in range(r.randrange(1, 4)):
                data.insert(r.randrange(len(data) + 1), r.choice([0, 0x80, 0xC0, 0xED, 0xF5, 0xFF, 0x0D, 0x22, 0x5C]))
            return bytes(data)
        if kind == 3:  # an escape spliced into a string
            quotes = [i for i, b in enumerate(data) if b == 0x22]
            if quotes:
                i = r.choice(quotes) + 1
                esc = r.choice([b"\\ud800", b"\\udfff", b"\\u0000", b"\\ud83d\\ude00", b"\\x", b"\\u12", b"\\"])
                return bytes(data[:i]) + esc + bytes(data[i:])
        if kind == 4:  # a number grows an exponent
            digits = [i for i, b in enumerate(data) if 0x30 <= b <= 0x39]
            if digits:
                i = r.choice(digits) + 1
                return bytes(data[:i]) + r.choice([b"e2147483647", b"e-99999999999", b"0" * 1200, b".5E+400"]) + bytes(data[i:])
        # duplicate a slice
        if data:
            i = r.randrange(len(data))
            j = min(len(data), i + r.randrange(1, 40))
            return bytes(data[:j]) + bytes(data[i:j]) + bytes(data[j:])
        return bytes(data)

    def case(self):
        r = self.rng
        seed = json.loads(r.choice(self.seeds))
        kind = r.randrange(10)
        if kind < 4:
            node = seed
            for _ in range(r.randrange(1, 4)):
                node = self.tree_mutation(node)
            return self.dumps(node).encode("utf-8")
        if kind < 7:
            data = json.dumps(seed, separators=(",", ":")).encode("utf-8")
            for _ in range(r.randrange(1, 3)):
                data = self.byte_mutation(data)
            return data.replace(b"\n", b" ")
        if kind < 9:  # a batch
            n = r.choice(self.batch_sizes)
            elements = []
            for _ in range(n):
                element = json.loads(r.choice(self.seeds))
                if r.random() < 0.3:
                    element = self.tree_mutation(element)
                if r.random() < 0.2 and isinstance(element, dict):
                    element.pop("id", None)
                elements.append(element)
            text = self.dumps(elements)
            if r.random() < 0.2:
                return self.byte_mutation(text.encode("utf-8")).replace(b"\n", b" ")
            return text.encode("utf-8")
        # the seed itself with an odd id, or as a notification
        if isinstance(seed, dict):
            if r.random() < 0.5:
                seed.pop("id", None)
            else:
                seed["id"] = self.placeholder(r.choice(ODD_IDS))
        return self.dumps(seed).encode("utf-8")


# ---------------------------------------------------------------- the service

class Service:
    def __init__(self, name, scratch, extra_args):
        self.name = name
        self.scratch = scratch
        env = dict(os.environ)
        home = os.path.join(scratch, "home")
        env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
                   XDG_STATE_HOME=os.path.join(home, ".state"), XDG_CACHE_HOME=os.path.join(home, ".cache"))
        self.stderr = open(os.path.join(scratch, name + ".stderr"), "ab")
        self.proc = subprocess.Popen([os.path.join(ROOT, "bin", name)] + extra_args, cwd=os.path.join(scratch, "ws"),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, env=env)
        self.lines = queue.Queue()
        self.peak_kb = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def send(self, data):
        try:
            self.proc.stdin.write(data + b"\n")
            self.proc.stdin.flush()
            return True
        except (BrokenPipeError, OSError):
            return False

    def rss(self):
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        self.peak_kb = max(self.peak_kb, int(line.split()[1]))
        except OSError:
            pass
        return self.peak_kb

    def kill(self):
        self.rss()
        self.proc.kill()
        self.proc.wait()
        self.stderr.close()

    def dump_threads(self, path):
        """Where a slow case's time goes: the JVM's thread dump (bin/SERVICE execs java, so the pid is the JVM's)."""
        try:
            jcmd = os.path.join(os.path.dirname(os.readlink("/proc/%d/exe" % self.proc.pid)), "jcmd")
            with open(path, "wb") as out:
                subprocess.run([jcmd, str(self.proc.pid), "Thread.print"], stdout=out, stderr=subprocess.STDOUT,
                               timeout=60)
        except (OSError, subprocess.SubprocessError):
            pass

    def stop(self):
        self.rss()
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()


def check_form(message, problems):
    """A line of output must be a response, a notification, or a non-empty array of responses."""
    if isinstance(message, list):
        if not message:
            problems.append("an empty array on the wire")
        for element in message:
            if not isinstance(element, dict) or "method" in element:
                problems.append("a batch answer holding a non-response")
            else:
                check_response(element, problems)
        return
    if not isinstance(message, dict):
        problems.append("a line that is neither a response nor a notification")
    elif "method" in message and "id" not in message:
        if message.get("jsonrpc") != "2.0" or not isinstance(message["method"], str):
            problems.append("a malformed notification")
    else:
        check_response(message, problems)


def check_response(r, problems):
    if r.get("jsonrpc") != "2.0" or "id" not in r or (("result" in r) == ("error" in r)):
        problems.append("a malformed response: " + json.dumps(r)[:200])
        return
    if "error" in r:
        e = r["error"]
        if not isinstance(e, dict) or not isinstance(e.get("code"), tuple) or not isinstance(e.get("message"), str):
            problems.append("a malformed error object: " + json.dumps(r)[:200])


def has_limit(r):
    data = r.get("error", {}).get("data")
    if isinstance(data, dict):
        return "limit" in data
    if isinstance(data, list):
        return any(isinstance(d, dict) and "limit" in d for d in data)
    return False


def code(r):
    c = r.get("error", {}).get("code")
    return int(c[1]) if isinstance(c, tuple) else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--service", required=True, choices=sorted(SEEDS))
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds a case may take before it counts as slow")
    ap.add_argument("--grace", type=float, default=120.0,
                    help="further seconds a slow case is given before it counts as a hang (its threads are dumped)")
    ap.add_argument("--jobs", type=int, default=1, help="service processes fuzzed in parallel, each with its share of the cases")
    ap.add_argument("--case", type=int, action="append", default=[], metavar="N",
                    help="replay only case N of --seed on a fresh service (repeatable); prints the line and what came back")
    ap.add_argument("--show", type=int, default=5, help="how many findings of each kind to print")
    ap.add_argument("--restart-every", type=int, default=0, metavar="N",
                    help="start a fresh service (and worker state) every N cases; 0: one session per job for the whole run")
    ap.add_argument("--scratch-root", default="/dev/shm" if os.access("/dev/shm", os.W_OK) else None,
                    help="where the scratch directory goes (default /dev/shm: the worker manager's fsyncs cost nothing "
                         "there, so spawn cases stay cheap; the wire is under test, not the disk)")
    ap.add_argument("--batch-sizes", default=None, metavar="N,N,...",
                    help="the sizes a batch case picks from (default %s; bootstrap-service %s, as every one of its "
                         "requests does real work)" % (",".join(map(str, BATCH_SIZES)),
                                                      ",".join(map(str, SERVICE_BATCH_SIZES["bootstrap-service"]))))
    ap.add_argument("--shard", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--json-out", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.batch_sizes is None:
        args.batch_sizes = ",".join(map(str, SERVICE_BATCH_SIZES.get(args.service, BATCH_SIZES)))
    BATCH_SIZES_CHOSEN[:] = [int(x) for x in args.batch_sizes.split(",")]
    # Ctrl-C or SIGTERM (also when started in the background): stop after the running cases and report
    # what ran. Only a flag: an exception could land anywhere, and the jobs must write their reports.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # the oracle parses deep nesting (up to thousands of levels) with Python's json: a big stack
    sys.setrecursionlimit(200000)
    threading.stack_size(512 * 1024 * 1024)
    result = {}
    worker = threading.Thread(target=lambda: result.update(rc=dispatch(args)), daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.5)
    return result.get("rc", 1)


STOP = threading.Event()


def stop(signum, frame):
    if not STOP.is_set():
        print("  interrupted: finishing the running cases", flush=True)
    STOP.set()


def dispatch(args):
    if args.case:
        return replay_only(args)
    if args.shard:
        shard, shards = (int(x) for x in args.shard.split("/"))
        report = run_shard(args, shard, shards, args.json_out and os.path.dirname(args.json_out))
        with open(args.json_out, "w") as f:
            json.dump(report, f)
        return 0
    scratch = tempfile.mkdtemp(prefix="wire-fuzz-", dir=args.scratch_root)
    print("wire-fuzz: %s, %d cases, seed %d, %d job(s), scratch %s" % (args.service, args.cases, args.seed, args.jobs,
                                                                      scratch), flush=True)
    started = time.time()
    if args.jobs <= 1:
        reports = [run_shard(args, 0, 1, scratch)]
    else:
        children = []
        for k in range(args.jobs):
            out = os.path.join(scratch, "shard-%d" % k, "report.json")
            os.makedirs(os.path.dirname(out))
            cmd = [sys.executable, os.path.abspath(__file__), "--service", args.service, "--cases", str(args.cases),
                   "--seed", str(args.seed), "--timeout", str(args.timeout), "--grace", str(args.grace),
                   "--restart-every", str(args.restart_every), "--batch-sizes", args.batch_sizes,
                   "--shard", "%d/%d" % (k, args.jobs), "--json-out", out]
            children.append((subprocess.Popen(cmd), out))
        reports = []
        for child, out in children:
            while child.poll() is None:
                if STOP.is_set() and not getattr(child, "told", False):
                    for other, _ in children:
                        if other.poll() is None:
                            other.send_signal(signal.SIGTERM)
                        other.told = True
                time.sleep(0.5)
            try:
                with open(out) as f:
                    reports.append(json.load(f))
            except (OSError, ValueError):
                print("  a job ended without its report (%s)" % out, flush=True)
    return summary(args, reports, scratch, started)


def case_line(seeds, seed, n):
    """Case n of a seed: each case has its own generator, so any case can be replayed alone."""
    return Mutator(random.Random("%d/%d" % (seed, n)), seeds, BATCH_SIZES_CHOSEN).case()


BATCH_SIZES = [1, 2, 3, 10, 99, 100, 101, 150]  # 101 and 150 are over max_batch: refused whole
# Every bootstrap request does real work (it reads the workspace's phase state and configuration and
# digests the phase's inputs: about 40 ms on a loaded 2-core machine, a forced MCP probe starts node),
# so batches of 99-100 made its cases cost 1.5 s on average and 20,000 of them most of a day. Its
# default mix keeps every batch path (small, medium, at and over the limit's refusal) with smaller
# bodies: about 0.1 s a case. --batch-sizes 1,2,3,10,99,100,101,150 restores the full mix.
SERVICE_BATCH_SIZES = {"bootstrap-service": [1, 2, 3, 10, 25, 101, 150]}
BATCH_SIZES_CHOSEN = []


def load_seeds(service):
    seeds = []
    for folder in SEEDS[service]:
        directory = os.path.join(ROOT, "examples", folder)
        for name in sorted(os.listdir(directory)):
            if name.endswith(".jsonl"):
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    seeds += [line for line in f.read().splitlines() if line.strip()]
    return seeds


def prepare(service_name, scratch):
    """The scratch directory a service runs in: examples/ as its workspace; worker state and a deny-all policy."""
    if not os.path.isdir(os.path.join(scratch, "ws")):
        shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(scratch, "ws", "examples"),
                        ignore=shutil.ignore_patterns("node_modules", ".harness"))
    extra = []
    if service_name == "worker-manager":
        policy = os.path.join(scratch, "deny-all.json")
        with open(policy, "w") as f:
            json.dump({"denied_roots": ["/"], "default": "deny"}, f)
        extra = ["--state-dir", os.path.join(scratch, "state"), "--trust-policy", policy, "--default-timeout", "5"]
    return extra


def run_shard(args, shard, shards, scratch):
    seeds = load_seeds(args.service)
    extra = prepare(args.service, scratch)
    service = Service(args.service, scratch, extra)
    counts = {"cases": 0, "crashes": 0, "hangs": 0, "slow": 0, "violations": 0, "internal_errors": 0}
    findings = []
    peak_kb, slowest, started = 0, 0.0, time.time()
    previous = None
    for n in range(shard, args.cases, shards):
        if STOP.is_set():
            break
        line = case_line(seeds, args.seed, n)
        counts["cases"] += 1
        outcome, problems, internal, took = run_case(service, line, n, args.timeout, args.grace, scratch)
        slowest = max(slowest, took)
        if outcome == "slow":
            counts["slow"] += 1
            findings.append({"n": n, "kind": "slow", "seconds": round(took, 1), "previous": previous})
        elif outcome:
            counts[outcome] += 1
            findings.append({"n": n, "kind": outcome, "previous": previous})
            peak_kb = max(peak_kb, service.rss())
            service.stop() if outcome == "crashes" else service.kill()
            service = Service(args.service, scratch, extra)
        if problems:
            counts["violations"] += 1
            findings.append({"n": n, "kind": "violations", "problems": problems[:5], "previous": previous})
        if internal:
            counts["internal_errors"] += 1
            findings.append({"n": n, "kind": "internal_errors", "previous": previous})
        if outcome or problems or internal:  # as it happens: a long run can be looked into while it goes on
            print("  [job %d] case %d: %s" % (shard, n, ", ".join(([outcome] if outcome else [])
                  + (["violation: " + problems[0][:160]] if problems else []) + (["-32603"] if internal else []))),
                  flush=True)
        previous = n
        if counts["cases"] % 50 == 0:
            peak_kb = max(peak_kb, service.rss())
        if args.restart_every and counts["cases"] % args.restart_every == 0 and not outcome:
            peak_kb = max(peak_kb, service.rss())
            service.stop()
            if args.service == "worker-manager":
                shutil.rmtree(os.path.join(scratch, "state"), ignore_errors=True)
            service = Service(args.service, scratch, extra)
        if counts["cases"] % 500 == 0:
            print("  [job %d] %d cases, %.0f s, %s, peak RSS %d MB" % (shard, counts["cases"], time.time() - started,
                  {k: v for k, v in counts.items() if k != "cases"}, peak_kb // 1024), flush=True)
    peak_kb = max(peak_kb, service.rss())
    service.stop()
    return {"shard": shard, "counts": counts, "findings": findings, "peak_kb": peak_kb, "slowest": slowest,
            "seconds": time.time() - started, "stderr": service.stderr.name}


def run_case(service, line, n, timeout, grace, scratch):
    """Sends one case and an rpc.discover; returns (outcome, problems, internal error seen, seconds).

    outcome: None, "crashes" (the process exited), "slow" (every answer came, but after the timeout)
    or "hangs" (the discover did not come within timeout + grace; the threads are dumped first).
    """
    expected = expectation(line)
    discover_id = "fuzz-discover-%d" % n
    sent = time.time()
    ok = service.send(line) and service.send(('{"jsonrpc":"2.0","id":"%s","method":"rpc.discover"}' % discover_id).encode())
    received = []
    outcome = None
    deadline = sent + timeout
    discovered = False
    # answers of blocking methods (run off the reading thread) may come after the discover's: wait
    # for the lines that must come (a single request's answer; a batch's one array; one answer to a
    # line that is not JSON), or the time is up. Lines are counted, not ids matched: compare() judges them.
    pending = expected_lines(expected)
    quiet_after_discover = 1.0 if expected is UNKNOWN else 0.0
    while ok:
        if discovered and pending <= 0 and quiet_after_discover <= 0:
            break
        wait = deadline - time.time()
        if discovered and pending <= 0:
            wait = min(wait, quiet_after_discover)
        try:
            raw = service.lines.get(timeout=max(0.01, wait))
        except queue.Empty:
            if discovered and pending <= 0:
                break  # UNKNOWN: a quiet second after everything
            if deadline < sent + timeout + grace:
                # slow or stuck? give it the grace period, and dump its threads once to see where it is
                service.dump_threads(os.path.join(scratch, "threads-case-%d.txt" % n))
                deadline = sent + timeout + grace
                outcome = "slow"
                continue
            if not discovered:
                outcome = "hangs"
            break  # the discover came but an answer did not: compare() reports it
        if raw is None:
            outcome = "crashes"
            break
        try:
            message = strict_loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as e:
            received.append(("invalid", raw[:200], str(e)))
            continue
        if isinstance(message, dict) and message.get("id") == discover_id:
            discovered = True
            if "input_messages" not in message.get("result", {}):
                received.append(("invalid", raw[:200], "rpc.discover did not answer with the contract"))
            continue
        if not (isinstance(message, dict) and "method" in message):
            pending -= 1
        received.append(("message", message, raw))
    took = time.time() - sent
    if not ok and outcome != "crashes":
        outcome = "crashes"
    if outcome == "slow" and not discovered:
        outcome = "hangs"
    problems = []
    internal = False
    responses = []
    for kind, message, raw in received:
        if kind == "invalid":
            problems.append("a line that is not JSON: %r (%s)" % (message, raw))
            continue
        check_form(message, problems)
        if not (isinstance(message, dict) and "method" in message and "id" not in message):
            responses.append((message, raw))
    for message, raw in responses:
        for r in (message if isinstance(message, list) else [message]):
            if isinstance(r, dict) and code(r) == -32603:
                internal = True
    if outcome in (None, "slow") and expected is not UNKNOWN:
        problems += compare(expected, responses, line)
    elif outcome in (None, "slow"):
        for message, raw in responses:  # only ids can be checked
            for r in (message if isinstance(message, list) else [message]):
                if isinstance(r, dict) and r.get("id") is not None and raw_text_id(raw, r) is None:
                    problems.append("an answer whose id was never sent")
    return outcome, problems, internal, took


def expected_lines(expected):
    """How many response lines a case must get: 0 or 1 (a batch is answered by one array)."""
    if expected == "parse_error":
        return 1
    if expected is UNKNOWN or not expected:
        return 0
    wanted = expected[1:] if expected[0] == ("batch",) else expected
    return 1 if any(w[0] != "nothing" for w in wanted) else 0


def replay(args, seeds, n, scratch):
    """Case n alone on a fresh service (and fresh worker state): (outcome, problems, internal)."""
    directory = os.path.join(scratch, "replay-%d" % n)
    os.makedirs(directory, exist_ok=True)
    extra = prepare(args.service, directory)
    service = Service(args.service, directory, extra)
    try:
        outcome, problems, internal, _ = run_case(service, case_line(seeds, args.seed, n), n, args.timeout,
                                                  args.grace, directory)
    finally:
        service.kill()
    return outcome, problems, internal


def replay_only(args):
    seeds = load_seeds(args.service)
    scratch = tempfile.mkdtemp(prefix="wire-fuzz-replay-", dir=args.scratch_root)
    failed = 0
    for n in args.case:
        line = case_line(seeds, args.seed, n)
        outcome, problems, internal = replay(args, seeds, n, scratch)
        failed += bool(outcome or problems or internal)
        print("case %d: %s" % (n, line[:2000]))
        print("    %s" % ("; ".join(([outcome] if outcome else []) + problems + (["-32603"] if internal else []))
                          or "passes"))
    print("scratch: %s" % scratch)
    return 1 if failed else 0


def summary(args, reports, scratch, started):
    """Adds the jobs up; replays every violation on a fresh service to tell a real one from a late answer."""
    seeds = load_seeds(args.service)
    counts = {"cases": 0, "crashes": 0, "hangs": 0, "slow": 0, "violations": 0, "internal_errors": 0}
    findings = []
    for report in reports:
        for k in counts:
            counts[k] += report["counts"].get(k, 0)
        findings += report["findings"]
    peak_kb = max([r["peak_kb"] for r in reports] or [0])
    slowest = max([r["slowest"] for r in reports] or [0])
    elapsed = time.time() - started
    # A violation can be the previous case's answer arriving late (a slow machine): replayed alone
    # on a fresh service, a real one fails again (or its previous case does, which then owns it).
    late = []
    real = []
    for f in sorted((f for f in findings if f["kind"] == "violations"), key=lambda f: f["n"])[:200]:
        if STOP.is_set():
            real.append(f)
            continue
        outcome, problems, _ = replay(args, seeds, f["n"], scratch)
        if outcome or problems:
            f["replayed"] = (outcome and [outcome] or []) + problems[:3]
            real.append(f)
            continue
        if f.get("previous") is not None:
            outcome, problems, _ = replay(args, seeds, f["previous"], scratch)
            if outcome or problems:
                real.append({"n": f["previous"], "kind": "violations", "problems": problems[:5],
                             "replayed": problems[:3], "note": "seen as case %d's violation" % f["n"]})
                continue
        late.append(f)
    unreplayed = [f for f in findings if f["kind"] == "violations"][200:]
    real += unreplayed
    counts["violations"] = len({f["n"] for f in real})
    counts["late"] = len(late)
    by_kind = {}
    for f in findings:
        by_kind.setdefault(f["kind"], []).append(f)
    print("service:          %s" % args.service)
    print("seed:             %d (batch sizes %s)" % (args.seed, args.batch_sizes))
    print("cases:            %d (%.1f s, %.1f ms per case, %d job(s))" % (counts["cases"], elapsed,
          1000 * elapsed * max(1, args.jobs) / max(1, counts["cases"]), max(1, args.jobs)))
    print("crashes:          %d" % counts["crashes"])
    print("hangs:            %d" % counts["hangs"])
    print("slow:             %d (answered after --timeout %.0f s; slowest case %.1f s)" % (counts["slow"], args.timeout,
                                                                                           slowest))
    print("violations:       %d (%d more were late answers: each case passed when replayed alone)" % (
        counts["violations"], counts["late"]))
    print("internal errors:  %d" % counts["internal_errors"])
    print("peak RSS:         %d MB (the largest of the jobs' services)" % (peak_kb // 1024))
    for kind in ("crashes", "hangs", "slow", "internal_errors"):
        for f in by_kind.get(kind, [])[:args.show]:
            print("%s: case %d%s: %s" % (kind, f["n"], " (%.1f s)" % f["seconds"] if "seconds" in f else "",
                                        case_line(seeds, args.seed, f["n"])[:400]))
    for f in real[:args.show]:
        print("violation: case %d: %s\n    %s" % (f["n"], case_line(seeds, args.seed, f["n"])[:400],
                                                  "\n    ".join((f.get("replayed") or f.get("problems") or [])[:3])))
    with open(os.path.join(scratch, "findings.jsonl"), "w") as out:  # corpus lines (fuzz-corpus/*.jsonl format)
        for f in [f for f in findings if f["kind"] not in ("violations", "slow")] + real:
            line = case_line(seeds, args.seed, f["n"])
            try:
                entry = {"case": line.decode("utf-8")}
            except UnicodeDecodeError:
                entry = {"base64": base64.b64encode(line).decode("ascii")}
            entry["note"] = "bench/wire-fuzz.py --service %s --seed %d --batch-sizes %s --case %d: %s" % (
                args.service, args.seed, args.batch_sizes, f["n"], f["kind"])
            out.write(json.dumps(entry) + "\n")
    print("scratch (stderr logs, thread dumps of slow cases, findings.jsonl): %s" % scratch)
    return 1 if any(counts[k] for k in ("crashes", "hangs", "violations", "internal_errors")) else 0


def raw_text_id(raw, response):
    """The raw id text of a single response line (None when it cannot be found)."""
    text = raw.decode("utf-8")
    i = text.find('"id":')
    if i < 0:
        return None
    start = i + 5
    return text[start:value_end(text, start)]


def compare(expected, responses, line):
    problems = []
    if expected == "parse_error":
        if len(responses) != 1 or not isinstance(responses[0][0], dict) or code(responses[0][0]) != -32700 \
                or responses[0][0].get("id") is not None:
            problems.append("invalid JSON not answered with one -32700 (id null): %s" % [r for _, r in responses][:2])
        return problems
    if not expected:
        if responses:
            problems.append("a blank line was answered")
        return problems
    # a whole line refused for a limit: one -32600 with id null naming the limit
    if len(responses) == 1 and isinstance(responses[0][0], dict) and responses[0][0].get("id") is None \
            and code(responses[0][0]) == -32600 and has_limit(responses[0][0]):
        return problems
    batch = expected[0] == ("batch",)
    wanted = expected[1:] if batch else expected
    if batch:
        answers = []
        for message, raw in responses:
            if not isinstance(message, list):
                if wanted and len(responses) == 1 and code(message) == -32600 and message.get("id") is None \
                        and all(w[0] == "error_null" for w in wanted) and len(wanted) == 0:
                    return problems
                problems.append("a batch answered with a single object: %s" % raw[:200])
                return problems
            raws = raw_batch_ids(raw)
            answers += list(zip(message, raws))
        if all(w[0] == "nothing" for w in wanted):
            if answers and not all(code(a) == -32600 and a.get("id") is None and has_limit(a) for a, _ in answers):
                problems.append("an all-notification batch was answered")
            return problems
        if len(responses) != 1:
            problems.append("a batch answered with %d lines" % len(responses))
    else:
        answers = []
        for message, raw in responses:
            if isinstance(message, list):
                problems.append("a single request answered with an array")
                return problems
            answers.append((message, raw_text_id(raw, message)))
    remaining = list(answers)

    def take(test):
        for k, (a, raw_id) in enumerate(remaining):
            if test(a, raw_id):
                return remaining.pop(k)
        return None

    def null_invalid(a, _):
        return a.get("id") is None and code(a) == -32600

    def null_limit(a, _):
        return null_invalid(a, _) and has_limit(a)

    # ids byte for byte first; then requests without a readable id; an id-null -32600 naming a limit
    # may stand for any request (or for a notification refused outside its params)
    unmatched = []
    for w in wanted:  # (an explicit "id": null is matched last: every id-null answer looks like it)
        if w[0] == "answer" and w[1] != "null":
            found = take(lambda a, raw_id: raw_id == w[1])
            if found is None:
                unmatched.append(w)
            elif code(found[0]) == -32700:
                problems.append("valid JSON answered -32700: %s" % json.dumps(found[0])[:200])
    for w in wanted:
        if w[0] == "error_null":
            if take(lambda a, r: null_invalid(a, r) and not has_limit(a)) is None and take(null_limit) is None:
                unmatched.append(w)
    for w in wanted:
        if w[0] == "answer" and w[1] == "null":
            found = take(lambda a, raw_id: raw_id == "null" and not null_invalid(a, raw_id)) or \
                take(lambda a, raw_id: raw_id == "null")
            if found is None:
                unmatched.append(w)
    for w in unmatched:
        if w[0] != "answer" or take(null_limit) is None:
            problems.append("no answer for %s (got %s)" % (w[:2], [r for _, r in answers][:3]))
    for a, raw_id in remaining:
        if a.get("id") is None and code(a) == -32600 and has_limit(a):
            continue  # a notification refused for a limit outside its params is not a notification
        problems.append("an answer nobody asked for (a notification's, or an id never sent): id %s %s"
                        % (raw_id, json.dumps(a)[:200]))
    return problems


def raw_batch_ids(raw):
    text = raw.decode("utf-8")
    return raw_ids(text)


if __name__ == "__main__":
    sys.exit(main())
