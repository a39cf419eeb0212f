#!/usr/bin/env python3
"""Builds messages the way docs/protocol.md tells a Python author to, using only what the
document shows: its Python histogram functions, its struct formats and its JSON examples.
test_protocol_doc decodes them with the C++ library, so the document cannot drift from the
code unnoticed.

Output, one item a line: NAME HEX_FRAME [HEX_FRAME...], or "bucket VALUE INDEX LOWER".
"""
import json
import re
import struct
import sys

doc = open(sys.argv[1], encoding="utf-8").read()


def section(title):
    start = doc.index("\n" + title + "\n")
    end = doc.find("\n## ", start + 1)
    return doc[start:end if end >= 0 else len(doc)]


def first_block(text, language):
    return re.search(r"```" + language + r"\n(.*?)```", text, re.S).group(1)


# The histogram functions, as printed.
functions = {}
exec(first_block(section("#### Histograms"), "python"), functions)
bucket_index, bucket_lower_bound = functions["bucket_index"], functions["bucket_lower_bound"]

# The struct formats, as printed: request plane first, then async plane.
formats = re.findall(r'struct\.unpack_from\("([^"]+)",\s*frame\)', doc)
request_format, async_format = struct.Struct(formats[0]), struct.Struct(formats[1])
assert request_format.size == 40 and async_format.size == 40


def emit(name, *frames):
    print(name, *(f.hex() if f else "-" for f in frames))


def control(msg_type, body):
    emit("control", b"CS\x01" + bytes([msg_type]), json.dumps(body).encode())


for value in [0, 1, 127, 128, 129, 255, 256, 1000, 65535, 10**6, 123456789, 2**43,
              2**44 - 1, 2**44, 2**50, 2**62]:
    index = bucket_index(value)
    print("bucket", value, index, bucket_lower_bound(index))

control(1, json.loads(first_block(section("### HELLO"), "json")))
control(13, json.loads(first_block(section("### ROUTES"), "json")))
control(5, {"seq": 9, "time_ns": 123, "state": "ready"})

latencies = [900_000, 1_200_000, 1_250_000, 35_000_000]
counts = {}
for v in latencies:
    counts[bucket_index(v)] = counts.get(bucket_index(v), 0) + 1
histogram = {"buckets": [[i, c] for i, c in sorted(counts.items())],
             "sum_ns": float(sum(latencies)), "min_ns": min(latencies), "max_ns": max(latencies)}
control(5, {"seq": 10, "time_ns": 456, "state": "ready",
            "service": {"arrivals": 5, "completed": 4, "failed": 1,
                        "failed_by_cause": {"timeout": 1}, "queued": 0, "busy": 1,
                        "workers": 2, "in_flight": 1, "latency": histogram,
                        "edges": [{"to": "stock", "mode": "sync", "calls": 3, "completed": 3,
                                   "failed": 0, "breaker": "closed"}]}})
control(11, {"id": 7, "action": {"action": "slow_replica", "service": "orders", "replica": 0,
                                  "factor": 3}})
control(11, {"id": 8, "fault": {"fault": "latency", "ms": 40, "jitter_ms": 5,
                                 "from": "api", "to": "orders", "duration_s": 10}})
control(12, {"id": 8, "ok": False, "error": "unsupported"})
control(10, json.loads(first_block(section("#### A launcher's child exited"), "json")))

# REQUEST: retry flag, depth 3, target "cart"; then the REPLY the worked example builds.
request = request_format.pack(b"CR", 1, 1, 1, 0, 3, 4, 77, 1_700_000_000_000_000_000,
                              500_000_000, 0) + b"cart"
emit("request", request, b"payload")
emit("request", request_format.pack(b"CR", 1, 2, 0, 0, 3, 0, 77, 1_700_000_000_000_000_000,
                                    0, 1_500_000))
emit("request", request_format.pack(b"CR", 1, 3, 0, 2, 3, 0, 78, 1, 0, 20))

# DELIVER attempt 2 of message 42 under delivery 9001; ACK with credit 1; HEARTBEAT.
emit("async", async_format.pack(b"CB", 1, 4, 0, 0, 2, 0, 0, 9001, 42,
                                1_700_000_000_000_000_000), b"billing", b"order 17")
emit("async", async_format.pack(b"CB", 1, 5, 0, 0, 0, 1, 0, 9001, 0, 0), b"billing")
emit("async", async_format.pack(b"CB", 1, 7, 0, 0, 0, 0, 0, 0, 0, 0), b"")

keys = section("### Keys and the connection file")
emit("connection", first_block(keys, "json").encode())
emit("certificate", re.search(r"```\n(#.*?)```", keys, re.S).group(1).encode())
