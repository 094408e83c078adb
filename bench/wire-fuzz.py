#!/usr/bin/env python3
"""Process-level fuzzing of the real executables (issue 13).

Starts bin/SERVICE as a child process and feeds it mutated requests taken from examples/*/*.jsonl:
byte flips, truncation, wrong types at every field, huge numbers and exponents, unpaired
surrogates, NUL, deep nesting, odd ids, notifications and big batches. Each case is one line,
followed by an rpc.discover that must still be answered. Prints cases, crashes (the process
exited), hangs (no answer within --timeout), protocol violations, internal errors (-32603) and the
service's peak RSS (VmHWM from /proc).

    bench/wire-fuzz.py --service planning-service --cases 20000 --seed "$(date +%s)"

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
    def __init__(self, rng, seeds):
        self.rng = rng
        self.seeds = seeds
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
            n = r.choice([1, 2, 3, 10, 99, 100, 101, 150])
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
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds a case may take before it counts as a hang")
    ap.add_argument("--show", type=int, default=5, help="how many findings of each kind to print")
    ap.add_argument("--restart-every", type=int, default=0, metavar="N",
                    help="start a fresh service (and worker state) every N cases; 0: one session for the whole run")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    seeds = []
    for folder in SEEDS[args.service]:
        directory = os.path.join(ROOT, "examples", folder)
        for name in sorted(os.listdir(directory)):
            if name.endswith(".jsonl"):
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    seeds += [line for line in f.read().splitlines() if line.strip()]
    scratch = tempfile.mkdtemp(prefix="wire-fuzz-")
    shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(scratch, "ws", "examples"),
                    ignore=shutil.ignore_patterns("node_modules", ".harness"))
    extra = []
    if args.service == "worker-manager":
        policy = os.path.join(scratch, "deny-all.json")
        with open(policy, "w") as f:
            json.dump({"denied_roots": ["/"], "default": "deny"}, f)
        extra = ["--state-dir", os.path.join(scratch, "state"), "--trust-policy", policy, "--default-timeout", "5"]
    print("wire-fuzz: %s, %d cases, seed %d, %d seed requests, scratch %s" % (args.service, args.cases, args.seed,
                                                                             len(seeds), scratch), flush=True)
    mutator = Mutator(rng, seeds)
    service = Service(args.service, scratch, extra)
    counts = {"cases": 0, "crashes": 0, "hangs": 0, "violations": 0, "internal_errors": 0}
    findings = {"crashes": [], "hangs": [], "violations": [], "internal_errors": []}
    started = time.time()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        run_cases(args, mutator, service, counts, findings, scratch, extra, started)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: stop early and report what ran
        print("  interrupted", flush=True)
    service, peak_kb = STATE["service"], STATE["peak_kb"]
    summary(args, counts, findings, scratch, service, peak_kb, started)
    return 1 if any(counts[k] for k in ("crashes", "hangs", "violations", "internal_errors")) else 0


STATE = {}


def run_cases(args, mutator, service, counts, findings, scratch, extra, started):
    peak_kb = 0
    STATE.update(service=service, peak_kb=0)
    for n in range(args.cases):
        line = mutator.case()
        counts["cases"] += 1
        expected = expectation(line)
        discover_id = "fuzz-discover-%d" % n
        ok = service.send(line) and service.send(('{"jsonrpc":"2.0","id":"%s","method":"rpc.discover"}' % discover_id).encode())
        received = []
        outcome = None
        deadline = time.time() + args.timeout
        discovered = False
        # answers of blocking methods (run off the reading thread) may come after the discover's:
        # wait until every expected answer has come (matched by id), or the timeout
        pending_ids, pending_null = [], 0
        if isinstance(expected, list):
            pending_ids = [e[1] for e in expected if e[0] == "answer"]
            pending_null = sum(1 for e in expected if e[0] == "error_null")
        while ok:
            if discovered and not pending_ids and pending_null <= 0:
                break
            try:
                raw = service.lines.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
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
                try:
                    answered = list(zip(message, raw_batch_ids(raw))) if isinstance(message, list) \
                        else [(message, raw_text_id(raw, message))]
                except (IndexError, ValueError, TypeError):
                    answered = []
                for a, raw_id in answered:
                    if not isinstance(a, dict):
                        continue
                    if raw_id in pending_ids:
                        pending_ids.remove(raw_id)
                    elif a.get("id") is None and pending_null > 0 and not has_limit(a):
                        pending_null -= 1
                    elif a.get("id") is None and has_limit(a):
                        if pending_null > 0:
                            pending_null -= 1
                        elif pending_ids:
                            pending_ids.pop()
                    elif a.get("id") is None and code(a) == -32700:
                        pending_ids, pending_null = [], 0
                if isinstance(message, dict) and message.get("id") is None and code(message) == -32600 \
                        and has_limit(message) and isinstance(expected, list) and expected and expected[0] == ("batch",):
                    pending_ids, pending_null = [], 0  # the whole batch refused for a limit: one answer
            received.append(("message", message, raw))
        if not ok and outcome is None:
            outcome = "crashes"
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
        if outcome is None and expected is not UNKNOWN:
            problems += compare(expected, responses, line)
        elif outcome is None:
            for message, raw in responses:  # only ids can be checked
                for r in (message if isinstance(message, list) else [message]):
                    if isinstance(r, dict) and r.get("id") is not None and raw_text_id(raw, r) is None:
                        problems.append("an answer whose id was never sent")
        if outcome:
            counts[outcome] += 1
            findings[outcome].append(line)
            peak_kb = max(peak_kb, service.rss())
            service.stop() if outcome == "crashes" else service.proc.kill()
            service = Service(args.service, scratch, extra)
        if problems:
            counts["violations"] += 1
            findings["violations"].append((line, problems))
        if internal:
            counts["internal_errors"] += 1
            findings["internal_errors"].append(line)
        if n % 200 == 0:
            peak_kb = max(peak_kb, service.rss())
        if args.restart_every and n and n % args.restart_every == 0 and not outcome:
            peak_kb = max(peak_kb, service.rss())
            service.stop()
            if args.service == "worker-manager":
                shutil.rmtree(os.path.join(scratch, "state"), ignore_errors=True)
            service = Service(args.service, scratch, extra)
        STATE.update(service=service, peak_kb=peak_kb)
        if n % 2000 == 0 and n:
            print("  %d cases, %.0f s, %s, peak RSS %d MB" % (n, time.time() - started, counts, peak_kb // 1024), flush=True)


def summary(args, counts, findings, scratch, service, peak_kb, started):
    peak_kb = max(peak_kb, service.rss())
    service.stop()
    elapsed = time.time() - started
    print("service:          %s" % args.service)
    print("seed:             %d" % args.seed)
    print("cases:            %d (%.1f s, %.1f ms per case)" % (counts["cases"], elapsed, 1000 * elapsed / max(1, counts["cases"])))
    print("crashes:          %d" % counts["crashes"])
    print("hangs:            %d" % counts["hangs"])
    print("violations:       %d" % counts["violations"])
    print("internal errors:  %d" % counts["internal_errors"])
    print("peak RSS:         %d MB" % (peak_kb // 1024))
    for kind in ("crashes", "hangs", "internal_errors"):
        for line in findings[kind][:args.show]:
            print("%s: %s" % (kind, line[:400]))
    for line, problems in findings["violations"][:args.show]:
        print("violation: %s\n    %s" % (line[:400], "\n    ".join(problems[:3])))
    with open(os.path.join(scratch, "findings.jsonl"), "w") as f:  # corpus lines (fuzz-corpus/*.jsonl format)
        for kind in ("crashes", "hangs", "internal_errors", "violations"):
            for item in findings[kind]:
                line = item[0] if kind == "violations" else item
                try:
                    entry = {"case": line.decode("utf-8")}
                except UnicodeDecodeError:
                    entry = {"base64": base64.b64encode(line).decode("ascii")}
                entry["note"] = "bench/wire-fuzz.py --service %s --seed %d: %s" % (args.service, args.seed, kind)
                f.write(json.dumps(entry) + "\n")
    print("scratch (stderr logs, findings.jsonl): %s" % scratch)


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
