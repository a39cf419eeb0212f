"""Request plane frames (docs/protocol.md, "Request plane").

Contract: :func:`pack` builds the header frame of a REQUEST, REPLY or ERROR;
:func:`unpack` checks a message (frames after the ROUTER envelope) against every refusal rule
of the document and returns a :class:`ReqFrame`, or raises :class:`DecodeError`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import List

from .jsonrules import NAME_RE, DecodeError

HEADER = struct.Struct("<2sBBBBBBQqqq")
MAGIC = b"CR"
MAJOR = 1
REQUEST, REPLY, ERROR = 1, 2, 3
FLAG_RETRY = 0x01
MAX_PAYLOAD = 65536
MAX_DEPTH = 64
MAX_TARGET = 64

CAUSES = {1: "timeout", 2: "queue_full", 3: "error", 4: "no_replica", 5: "circuit_open",
          6: "bulkhead_full", 7: "crashed", 8: "broker_rejected", 9: "too_deep"}
CAUSE_NUMBERS = {name: number for number, name in CAUSES.items()}


@dataclass
class ReqFrame:
    kind: int
    flags: int
    cause: int
    depth: int
    request_id: int
    origin_ns: int
    timeout_ns: int
    elapsed_ns: int
    target: str = ""
    payload: bytes = b""


def pack(kind: int, request_id: int, origin_ns: int, *, flags: int = 0, cause: int = 0,
         depth: int = 0, timeout_ns: int = 0, elapsed_ns: int = 0, target: str = "") -> bytes:
    raw_target = target.encode("ascii")
    return HEADER.pack(MAGIC, MAJOR, kind, flags, cause, depth, len(raw_target), request_id,
                       origin_ns, timeout_ns, elapsed_ns) + raw_target


def unpack(frames: List[bytes]) -> ReqFrame:
    if not 1 <= len(frames) <= 2:
        raise DecodeError("frame_count", f"{len(frames)} frames")
    head = frames[0]
    if not HEADER.size <= len(head) <= HEADER.size + MAX_TARGET:
        raise DecodeError("frame_size", "header")
    if len(frames) == 2 and len(frames[1]) > MAX_PAYLOAD:
        raise DecodeError("frame_size", "payload")
    magic, major, kind, flags, cause, depth, n, rid, origin, timeout, elapsed = \
        HEADER.unpack_from(head)
    if magic != MAGIC:
        raise DecodeError("bad_magic")
    if major != MAJOR:
        raise DecodeError("bad_version")
    if kind not in (REQUEST, REPLY, ERROR):
        raise DecodeError("unknown_type", str(kind))
    if len(head) != HEADER.size + n:
        raise DecodeError("frame_size", "header is not 40 + target length")
    if kind == ERROR and cause not in CAUSES:
        raise DecodeError("bad_value", f"cause {cause}")
    if kind != ERROR and cause != 0:
        raise DecodeError("inconsistent", "a cause on a request or reply")
    if depth > MAX_DEPTH:
        raise DecodeError("out_of_range", "depth")
    if min(origin, timeout, elapsed) < 0:
        raise DecodeError("out_of_range", "negative time")
    target = ""
    if n:
        if kind != REQUEST:
            raise DecodeError("inconsistent", "a target on a reply or error")
        target = head[HEADER.size:].decode("ascii", "replace")
        if not NAME_RE.match(target):
            raise DecodeError("bad_value", "target")
    payload = frames[1] if len(frames) == 2 else b""
    return ReqFrame(kind, flags, cause, depth, rid, origin, timeout, elapsed, target, payload)
