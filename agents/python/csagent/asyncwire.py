"""Async plane frames (docs/protocol.md, "Async plane").

Contract: :func:`pack` gives the frames of one message to the broker; :func:`unpack` checks
a message from the broker (a DEALER sees no envelope) against every refusal rule of the
document and returns an :class:`AsyncFrame`, or raises :class:`DecodeError`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import List

from .jsonrules import NAME_RE, DecodeError

HEADER = struct.Struct("<2sBBBBHIIQQq")
MAGIC = b"CB"
MAJOR = 1
PUBLISH, PUBLISH_ACK, CONSUMER_READY, DELIVER, ACK, NACK, HEARTBEAT, RESET = range(1, 9)
FLAG_REQUEUE = 0x01
STATUS_ACCEPTED, STATUS_OUTAGE, STATUS_FULL = 0, 1, 2
MAX_CREDIT = 65536
MAX_PAYLOAD = 65536
_EMPTY_SERVICE = (HEARTBEAT, RESET)
_WITH_PAYLOAD = (PUBLISH, DELIVER)


@dataclass
class AsyncFrame:
    kind: int
    flags: int
    status: int
    attempt: int
    credit: int
    id: int
    message_id: int
    origin_ns: int
    service: str
    payload: bytes = b""


def pack(kind: int, service: str = "", *, flags: int = 0, status: int = 0, attempt: int = 0,
         credit: int = 0, id: int = 0, message_id: int = 0, origin_ns: int = 0,
         payload: bytes = b"") -> List[bytes]:
    frames = [HEADER.pack(MAGIC, MAJOR, kind, flags, status, attempt, credit, 0, id,
                          message_id, origin_ns), service.encode("ascii")]
    if payload:
        frames.append(payload)
    return frames


def unpack(frames: List[bytes]) -> AsyncFrame:
    if not 2 <= len(frames) <= 3:
        raise DecodeError("frame_count", f"{len(frames)} frames")
    head, service = frames[0], frames[1]
    if len(head) != HEADER.size:
        raise DecodeError("frame_size", "header")
    if len(service) > 64:
        raise DecodeError("frame_size", "service")
    if len(frames) == 3 and len(frames[2]) > MAX_PAYLOAD:
        raise DecodeError("frame_size", "payload")
    magic, major, kind, flags, status, attempt, credit, _reserved, ident, message_id, origin = \
        HEADER.unpack(head)
    if magic != MAGIC:
        raise DecodeError("bad_magic")
    if major != MAJOR:
        raise DecodeError("bad_version")
    if not PUBLISH <= kind <= RESET:
        raise DecodeError("unknown_type", str(kind))
    name = service.decode("ascii", "replace")
    if kind in _EMPTY_SERVICE:
        if service:
            raise DecodeError("inconsistent", "a service frame on a heartbeat or reset")
    elif not service:
        raise DecodeError("missing_field", "service")
    elif not NAME_RE.match(name):
        raise DecodeError("bad_value", "service")
    if len(frames) == 3 and kind not in _WITH_PAYLOAD:
        raise DecodeError("frame_count", "a payload on a message that has none")
    if kind == PUBLISH_ACK and status > STATUS_FULL:
        raise DecodeError("out_of_range", "status")
    if kind == DELIVER and attempt == 0:
        raise DecodeError("out_of_range", "attempt 0")
    if credit > MAX_CREDIT or (kind == CONSUMER_READY and credit == 0):
        raise DecodeError("out_of_range", "credit")
    if origin < 0:
        raise DecodeError("out_of_range", "negative origin")
    payload = frames[2] if len(frames) == 3 else b""
    return AsyncFrame(kind, flags, status, attempt, credit, ident, message_id, origin, name,
                      payload)
