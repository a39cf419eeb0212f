"""A checker of what an agent sends, written from docs/protocol.md's tables alone.

It shares no code with agents/python on purpose: it is a second reading of the document.
Each ``check_*`` returns a list of problems (empty: valid).
"""

from __future__ import annotations

import json
import math
import re
import struct

NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
INSTANCE = re.compile(r"^[A-Za-z0-9_.:#@\-]{1,128}$")
TOKEN = re.compile(r"^[a-z0-9_.\-]{1,32}$")
ENDPOINT = re.compile(r"^(tcp|ipc|inproc|http|https)://[\x21-\x7e]+$")
CAUSES = ["timeout", "queue_full", "error", "no_replica", "circuit_open", "bulkhead_full",
          "crashed", "broker_rejected", "too_deep"]
STATES = ["pending", "starting", "ready", "draining", "down"]


def doc_bucket_index(ns: int) -> int:
    """The document's function, copied from the Histograms section."""
    if ns < 128:
        return max(ns, 0)
    shift = ns.bit_length() - 7
    if shift > 37:
        return 2495
    return 128 + (shift - 1) * 64 + ((ns >> shift) - 64)


def doc_bucket_lower_bound(index: int) -> int:
    if index < 128:
        return index
    shift = (index - 128) // 64 + 1
    return ((index - 128) % 64 + 64) << shift


def doc_percentile(histogram: dict, p: float) -> float:
    """Nearest-rank percentile as the Histograms section defines it: the first bucket at
    which the running count reaches ceil(p*N/100), its midpoint, clamped to [min, max]."""
    buckets = histogram["buckets"]
    n = sum(c for _, c in buckets)
    rank = max(1, math.ceil(p * n / 100))
    running = 0
    for index, count in buckets:
        running += count
        if running >= rank:
            if index < 128:
                return index
            width = 1 << ((index - 128) // 64 + 1)
            mid = doc_bucket_lower_bound(index) + width / 2
            return min(max(mid, histogram["min_ns"]), histogram["max_ns"])
    return histogram["max_ns"]


def _is_int(v, lo=0, hi=2**64 - 1) -> bool:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    if isinstance(v, float) and not v.is_integer():
        return False
    return lo <= v <= hi


def _is_num(v, lo=0.0, hi=math.inf) -> bool:
    return not isinstance(v, bool) and isinstance(v, (int, float)) and math.isfinite(v) \
        and lo <= v <= hi


def _no_nulls(value, path, problems) -> None:
    if value is None:
        problems.append(f"{path}: null")
    elif isinstance(value, dict):
        for k, v in value.items():
            _no_nulls(v, f"{path}.{k}", problems)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _no_nulls(v, f"{path}[{i}]", problems)


def control_frames(frames) -> tuple:
    """(type, body) of a control message, or raise AssertionError."""
    assert len(frames) == 2, f"{len(frames)} frames"
    head, body = frames
    assert len(head) == 4 and head[:3] == b"CS\x01", head
    return head[3], json.loads(body.decode("utf-8"))


def check_histogram(h, path="latency") -> list:
    p = []
    if not isinstance(h, dict):
        return [f"{path}: not an object"]
    for key in ("buckets", "sum_ns", "min_ns", "max_ns"):
        if key not in h:
            p.append(f"{path}.{key} missing")
    if p:
        return p
    buckets = h["buckets"]
    if not isinstance(buckets, list) or len(buckets) > 2496:
        return [f"{path}.buckets: not an array of at most 2496"]
    last = -1
    for b in buckets:
        if not (isinstance(b, list) and len(b) == 2 and _is_int(b[0], 0, 2495)
                and _is_int(b[1], 1)):
            p.append(f"{path}.buckets: bad entry {b}")
            continue
        if b[0] <= last:
            p.append(f"{path}.buckets: indexes not strictly increasing")
        last = b[0]
    if not _is_num(h["sum_ns"]):
        p.append(f"{path}.sum_ns: not a number >= 0")
    if not _is_int(h["min_ns"]) or not _is_int(h["max_ns"]):
        p.append(f"{path}.min_ns/max_ns: not integers >= 0")
    if not p and buckets:
        if doc_bucket_index(int(h["min_ns"])) != buckets[0][0]:
            p.append(f"{path}.min_ns {h['min_ns']} outside the first bucket {buckets[0][0]}")
        if doc_bucket_index(int(h["max_ns"])) != buckets[-1][0]:
            p.append(f"{path}.max_ns {h['max_ns']} outside the last bucket {buckets[-1][0]}")
        n = sum(c for _, c in buckets)
        if not h["min_ns"] * n <= h["sum_ns"] <= h["max_ns"] * n:
            p.append(f"{path}.sum_ns outside [min*n, max*n]")
    if not buckets and (h["sum_ns"] != 0 or h["min_ns"] != 0 or h["max_ns"] != 0):
        p.append(f"{path}: an empty histogram has zero sum, min and max")
    return p


def _check_causes(obj, total, path) -> list:
    if not isinstance(obj, dict):
        return [f"{path}: not an object"]
    p = [f"{path}.{k}: not a counter" for k, v in obj.items() if not _is_int(v)]
    if not p and sum(obj.values()) > total:
        p.append(f"{path}: causes add up to more than failed")
    return p


def check_hello(body) -> list:
    p = []
    _no_nulls(body, "hello", p)
    if not _is_int(body.get("minor"), 0, 65535):
        p.append("minor")
    if body.get("role") not in ("agent", "broker", "loadgen", "launcher", "monitor"):
        p.append("role")
    if not isinstance(body.get("instance"), str) or not INSTANCE.match(body["instance"]):
        p.append("instance")
    if body.get("role") == "agent":
        if not isinstance(body.get("service"), str) or not NAME.match(body["service"]):
            p.append("service (required for an agent)")
        if not _is_int(body.get("replica"), 0, 19999):
            p.append("replica (required for an agent)")
        if not _is_int(body.get("workers"), 1, 2**31 - 1):
            p.append("workers: at least 1 for an agent")
        ep = body.get("endpoints", {}).get("requests")
        if not isinstance(ep, str) or not ENDPOINT.match(ep) or len(ep) > 256:
            p.append("endpoints.requests (required for an agent)")
    if "queue_capacity" in body and not _is_int(body["queue_capacity"], 0, 2**31 - 1):
        p.append("queue_capacity")
    if "language" in body and (not isinstance(body["language"], str)
                               or len(body["language"].encode()) > 64):
        p.append("language")
    if "node" in body and (not isinstance(body["node"], str) or not NAME.match(body["node"])):
        p.append("node")
    for cap in body.get("capabilities", []):
        if not isinstance(cap, str) or not TOKEN.match(cap):
            p.append("capabilities")
    calls = body.get("calls", [])
    if not isinstance(calls, list) or len(calls) > 256:
        p.append("calls")
    else:
        for c in calls:
            if not isinstance(c, dict) or not NAME.match(str(c.get("to"))) or \
                    c.get("mode") not in ("sync", "async") or \
                    ("from" in c and not NAME.match(str(c["from"]))):
                p.append(f"calls entry {c}")
    for m in body.get("modules", []):
        if not isinstance(m, str) or not NAME.match(m):
            p.append("modules")
    return p


def check_report(body) -> list:
    p = []
    _no_nulls(body, "report", p)
    if not _is_int(body.get("seq")):
        p.append("seq")
    if not _is_int(body.get("time_ns"), 0, 2**63 - 1):
        p.append("time_ns")
    if body.get("state") not in STATES:
        p.append("state")
    sections = [k for k in ("service", "broker", "loadgen") if k in body]
    if len(sections) > 1:
        p.append("two report sections")
    s = body.get("service")
    if s is None:
        return p
    for key in ("arrivals", "completed", "failed"):
        if not _is_int(s.get(key)):
            p.append(f"service.{key}")
    for key in ("queued", "busy", "workers", "in_flight"):
        if not _is_int(s.get(key), 0, 2**31 - 1):
            p.append(f"service.{key}")
    if "failed_by_cause" in s:
        p += _check_causes(s["failed_by_cause"], s.get("failed", 0), "service.failed_by_cause")
    if "slow_factor" in s and not _is_num(s["slow_factor"], 0, 1e6):
        p.append("service.slow_factor")
    if "error_rate" in s and not _is_num(s["error_rate"], 0, 1):
        p.append("service.error_rate")
    faults = s.get("faults", [])
    if not isinstance(faults, list) or len(faults) > 64:
        p.append("service.faults")
    else:
        for f in faults:
            if f.get("fault") not in ("latency", "loss", "pause", "blackhole", "fail_first"):
                p.append(f"service.faults: {f}")
    edges = s.get("edges", [])
    if not isinstance(edges, list) or len(edges) > 256:
        p.append("service.edges")
        edges = []
    for i, e in enumerate(edges):
        where = f"service.edges[{i}]"
        if not NAME.match(str(e.get("to"))) or e.get("mode") not in ("sync", "async"):
            p.append(f"{where}: to/mode")
        for key in ("calls", "completed", "failed"):
            if not _is_int(e.get(key)):
                p.append(f"{where}.{key}")
        if "in_flight" in e and not _is_int(e["in_flight"], 0, 2**31 - 1):
            p.append(f"{where}.in_flight")
        if e.get("breaker", "none") not in ("none", "closed", "open", "half_open"):
            p.append(f"{where}.breaker")
        if "failed_by_cause" in e:
            p += _check_causes(e["failed_by_cause"], e.get("failed", 0), where)
        if "latency" in e:
            p += check_histogram(e["latency"], where + ".latency")
    if "latency" not in s:
        p.append("service.latency missing")
    else:
        p += check_histogram(s["latency"], "service.latency")
        n = sum(c for _, c in s["latency"].get("buckets", []))
        if _is_int(s.get("completed")) and n != s["completed"]:
            p.append("service.latency counts differ from completed")
    return p


REQ = struct.Struct("<2sBBBBBBQqqq")


def request(rid: int, *, timeout_ns: int = 0, depth: int = 0, flags: int = 0,
            target: bytes = b"", origin_ns: int = 0) -> bytes:
    return REQ.pack(b"CR", 1, 1, flags, 0, depth, len(target), rid, origin_ns, timeout_ns,
                    0) + target


def check_answer(frames) -> tuple:
    """(type, cause, request id, elapsed_ns) of a REPLY or ERROR; AssertionError if invalid."""
    assert 1 <= len(frames) <= 2, f"{len(frames)} frames"
    head = frames[0]
    assert len(head) == 40, f"header of {len(head)} bytes"
    magic, major, kind, flags, cause, depth, n, rid, origin, timeout, elapsed = \
        REQ.unpack(head)
    assert magic == b"CR" and major == 1 and kind in (2, 3), (magic, major, kind)
    assert n == 0 and timeout == 0 and elapsed >= 0 and depth <= 64
    assert (kind == 3) == (1 <= cause <= 9), (kind, cause)
    return kind, cause, rid, elapsed


# -- /metrics (docs/protocol.md, "/metrics") ----------------------------------------------

# The agents' families as the document's table lists them: type and labels, `service` and
# `replica` on every sample of an agent (histograms: `le` on their _bucket samples too).
AGENT_FAMILIES = {
    "clusterscope_requests_received_total": ("counter", set()),
    "clusterscope_requests_completed_total": ("counter", set()),
    "clusterscope_requests_failed_total": ("counter", {"cause"}),
    "clusterscope_request_duration_seconds": ("histogram", set()),
    "clusterscope_queued_requests": ("gauge", set()),
    "clusterscope_busy_workers": ("gauge", set()),
    "clusterscope_workers": ("gauge", set()),
    "clusterscope_slow_factor": ("gauge", set()),
    "clusterscope_error_rate": ("gauge", set()),
    "clusterscope_calls_total": ("counter", {"to", "mode"}),
    "clusterscope_calls_failed_total": ("counter", {"to", "mode", "cause"}),
    "clusterscope_call_duration_seconds": ("histogram", {"to"}),
    "clusterscope_dropped_messages_total": ("counter", {"plane", "reason"}),
}
# "Latency histograms with cumulative `le` buckets from 50 µs to 10 s" (the steps between
# are the agent's reading: see agents/python/PROTOCOL-QUESTIONS.md).
LE_BOUNDS_S = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
               0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, math.inf]

_SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)')


def parse_metrics(text: str) -> dict:
    """The text format 0.0.4 read back: {family: {"type", "help", "samples": [(name,
    labels dict, value)]}}. Raises AssertionError on a line it cannot read."""
    families: dict = {}
    current = None
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            _, what, name, rest = (line.split(" ", 3) + [""])[:4]
            current = families.setdefault(name, {"type": None, "help": None, "samples": []})
            current["help" if what == "HELP" else "type"] = rest
            continue
        if not line or line.startswith("#"):
            continue
        m = _SAMPLE.match(line)
        assert m, f"unreadable sample line {line!r}"
        name, labels, value = m.group(1), m.group(2) or "", m.group(3)
        parsed = dict(_LABEL.findall(labels))
        family = name
        for suffix in ("_bucket", "_sum", "_count"):
            if name.endswith(suffix) and name[:-len(suffix)] in families and \
                    families[name[:-len(suffix)]]["type"] == "histogram":
                family = name[:-len(suffix)]
        assert family in families, f"sample {name} before its TYPE line"
        families[family]["samples"].append((name, parsed, float(value)))
    return families


CALL_FAMILIES = ("clusterscope_calls_total", "clusterscope_calls_failed_total",
                 "clusterscope_call_duration_seconds")


def check_agent_metrics(families: dict, service: str, replica: int,
                        with_calls: bool = True) -> list:
    """Problems of an agent's page against the document's table (empty: none). An agent
    that makes no calls (``with_calls`` False) has no samples, so no family, of calls."""
    p = []
    for name, (kind, labels) in AGENT_FAMILIES.items():
        family = families.get(name)
        if not with_calls and name in CALL_FAMILIES:
            if family is not None:
                p.append(f"{name} without calls")
            continue
        if family is None:
            p.append(f"{name} missing")
            continue
        if family["type"] != kind:
            p.append(f"{name} is a {family['type']}, not a {kind}")
        if not family["help"]:
            p.append(f"{name} has no HELP")
        for sample, got, _ in family["samples"]:
            if got.get("service") != service or got.get("replica") != str(replica):
                p.append(f"{sample} {got}: service and replica labels")
            want = labels | {"service", "replica"}
            if sample.endswith("_bucket"):
                want = want | {"le"}
            if set(got) != want:
                p.append(f"{sample}: labels {sorted(got)}, not {sorted(want)}")
        if kind == "histogram":
            p.extend(_check_histogram_samples(name, family["samples"]))
    for name in families:
        if name.startswith("clusterscope_") and name not in AGENT_FAMILIES:
            p.append(f"{name}: not an agent family of the document")
    return p


def _check_histogram_samples(name: str, samples: list) -> list:
    p = []
    series: dict = {}
    for sample, labels, value in samples:
        key = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
        entry = series.setdefault(key, {"le": [], "count": None})
        if sample == name + "_bucket":
            entry["le"].append((float(labels["le"]), value))
        elif sample == name + "_count":
            entry["count"] = value
    for key, entry in series.items():
        bounds = [le for le, _ in entry["le"]]
        counts = [n for _, n in entry["le"]]
        if bounds != LE_BOUNDS_S:
            p.append(f"{name}{dict(key)}: le bounds {bounds}")
        if counts != sorted(counts) or not counts or counts[-1] != entry["count"]:
            p.append(f"{name}{dict(key)}: buckets not cumulative up to _count")
    return p
