"""Control plane messages (docs/protocol.md, "Control plane" and "Control messages").

Contract: ``encode(kind, body)`` gives the two frames of one message; ``decode(frames)``
returns ``(kind, body)`` for a valid message of a type an agent receives (WELCOME, ERROR,
COMMAND, ROUTES), with the body checked key by key, or raises :class:`DecodeError`. Other
valid types come back with their raw body for the caller to ignore.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, List, Optional, Tuple

from . import actions
from .jsonrules import (ENDPOINT_RE, ID_MAX, INSTANCE_RE, NAME_RE, TOKEN_RE, DecodeError,
                        Fields, as_matching, as_name, parse_body)

MAGIC = b"CS"
MAJOR = 1
MINOR = 0
MAX_BODY = 4 * 1024 * 1024
MAX_REPORT_BODY = 1024 * 1024

HELLO, WELCOME, ERROR, BYE, REPORT, CLUSTER, SUBSCRIBE, SNAPSHOT, UPDATE, PEER_STATE, \
    COMMAND, COMMAND_RESULT, ROUTES = range(1, 14)


def encode(kind: int, body: dict) -> List[bytes]:
    """The two frames of a control message; ``body`` must already follow the tables."""
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return [MAGIC + bytes((MAJOR, kind)), text.encode("utf-8")]


@dataclass
class Welcome:
    minor: int
    hub: str
    capabilities: List[str]
    report_interval_ms: int
    suspect_after_ms: int
    down_after_ms: int


@dataclass
class ErrorMsg:
    code: str
    message: str


@dataclass
class Replica:
    instance: str
    replica: int
    endpoint: str
    node: Optional[str] = None


@dataclass
class ServiceRoute:
    service: str
    modules: List[str] = field(default_factory=list)
    replicas: List[Replica] = field(default_factory=list)


@dataclass
class Routes:
    version: int
    broker: Optional[str]
    services: List[ServiceRoute]


@dataclass
class Command:
    id: int
    target: Optional[str]
    action: Optional[dict] = None
    fault: Optional[actions.Fault] = None
    reset_faults: bool = False


def check_header(frames: List[bytes]) -> int:
    """Frame count, sizes, magic, major and type, in the document's order; the type."""
    if len(frames) != 2:
        raise DecodeError("frame_count", f"{len(frames)} frames")
    head, body = frames
    if len(head) != 4:
        raise DecodeError("frame_size", "header")
    if head[:2] != MAGIC:
        raise DecodeError("bad_magic")
    if head[2] != MAJOR:
        raise DecodeError("bad_version")
    kind = head[3]
    if not HELLO <= kind <= ROUTES:
        raise DecodeError("unknown_type", str(kind))
    limit = MAX_REPORT_BODY if kind == REPORT else MAX_BODY
    if len(body) > limit:
        raise DecodeError("frame_size", "body")
    return kind


def decode(frames: List[bytes]) -> Tuple[int, Any]:
    kind = check_header(frames)
    body = parse_body(frames[1])
    if kind == WELCOME:
        return kind, _welcome(Fields(body))
    if kind == ERROR:
        return kind, _error(Fields(body))
    if kind == COMMAND:
        return kind, _command(Fields(body))
    if kind == ROUTES:
        return kind, _routes(Fields(body))
    return kind, body


def _tokens(values: Optional[list], where: str) -> List[str]:
    return [as_matching(v, where, TOKEN_RE, 32) for v in values or []]


def _welcome(f: Fields) -> Welcome:
    msg = Welcome(
        minor=f.integer("minor", 0, 65535, required=True),
        hub=f.matching("hub", INSTANCE_RE, 128, required=True),
        capabilities=_tokens(f.array("capabilities", 64), "capabilities"),
        report_interval_ms=f.integer("report_interval_ms", 10, 600000, default=100),
        # The document gives no range for these two beyond the ordering rule.
        suspect_after_ms=f.integer("suspect_after_ms", 0, 2**53 - 1, default=500),
        down_after_ms=f.integer("down_after_ms", 0, 2**53 - 1, default=1000))
    if not msg.report_interval_ms < msg.suspect_after_ms < msg.down_after_ms:
        raise DecodeError("inconsistent", "report < suspect < down does not hold")
    return msg


def _error(f: Fields) -> ErrorMsg:
    return ErrorMsg(code=f.matching("code", TOKEN_RE, 32, required=True),
                    message=f.text("message", default=""))


def _command(f: Fields) -> Command:
    cmd = Command(id=f.integer("id", 0, ID_MAX, required=True),
                  target=f.matching("target", INSTANCE_RE, 128))
    present = [key for key in ("action", "fault", "reset_faults") if f.has(key)]
    if len(present) != 1:
        raise DecodeError("missing_field" if not present else "inconsistent",
                          "exactly one of action, fault, reset_faults")
    if present[0] == "action":
        cmd.action = actions.check_action(f.obj["action"])
    elif present[0] == "fault":
        cmd.fault = actions.check_fault(f.object("fault"))
    else:
        if f.boolean("reset_faults") is not True:
            raise DecodeError("bad_value", "reset_faults must be true")
        cmd.reset_faults = True
    return cmd


def _routes(f: Fields) -> Routes:
    services = []
    for i, raw in enumerate(f.array("services", 4096, required=True)):
        s = Fields(raw, f"services[{i}].")
        route = ServiceRoute(service=s.matching("service", NAME_RE, 64, required=True))
        route.modules = [as_name(m, "modules") for m in s.array("modules", 4096) or []]
        for j, rep in enumerate(s.array("replicas", 4096, required=True)):
            r = Fields(rep, f"services[{i}].replicas[{j}].")
            route.replicas.append(Replica(
                instance=r.matching("instance", INSTANCE_RE, 128, required=True),
                replica=r.integer("replica", 0, 9999, required=True),
                endpoint=r.matching("endpoint", ENDPOINT_RE, 256, required=True),
                node=r.matching("node", NAME_RE, 64)))
        services.append(route)
    return Routes(version=f.integer("version", required=True),
                  broker=f.matching("broker", ENDPOINT_RE, 256), services=services)
