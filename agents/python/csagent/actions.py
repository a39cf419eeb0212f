"""A COMMAND's ``action`` and ``fault`` objects (docs/protocol.md, "COMMAND" and "Faults";
docs/scenario-format.md, "Timeline").

Contract: :func:`check_action` accepts exactly what a timeline entry accepts without
``at_s`` and refuses anything else with reason ``bad_action`` (unknown keys included: a
misspelt key must not widen a command). :func:`check_fault` reads a fault leniently (unknown
keys ignored, as everywhere but ``action``) and returns a :class:`Fault`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, Tuple

from .jsonrules import ID_MAX, NAME_RE, DecodeError, Fields, as_integer, as_name

# For each action: its required and optional fields.
ACTION_FIELDS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "kill_replica": (("service", "replica"), ()),
    "restart_replica": (("service", "replica"), ()),
    "crash_service": (("service",), ()),
    "restart_service": (("service",), ()),
    "fail_node": (("node",), ()),
    "recover_node": (("node",), ()),
    "slow_replica": (("service", "replica", "factor"), ()),
    "slow_service": (("service", "factor"), ()),
    "set_error_rate": (("service", "rate"), ()),
    "partition": (("nodes",), ()),
    "heal_partition": (("nodes",), ()),
    "broker_outage": ((), ("duration_s",)),
    "broker_recover": ((), ()),
    "set_replicas": (("service", "count"), ()),
    "set_call_mode": (("mode",), ("from", "to")),
    "set_arrival_rate": (("rate_rps",), ()),
    "rolling_update": (("service",), ("factor",)),
    "set_resilience": ((), ("timeouts", "retries", "circuit_breaker")),
    "set_autoscaler": (("enabled",), ("service",)),
}


def _bad(detail: str) -> DecodeError:
    return DecodeError("bad_action", detail)


def _number(lo: float, hi: float, lo_open: bool = False) -> Callable[[Any, str], Any]:
    def check(value: Any, key: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _bad(f"{key} is not a number")
        if value > hi or value < lo or (lo_open and value == lo):
            raise _bad(f"{key} out of range")
        return float(value)
    return check


def _integer(lo: int, hi: int) -> Callable[[Any, str], Any]:
    def check(value: Any, key: str) -> int:
        try:
            return as_integer(value, key, lo, hi)
        except DecodeError as error:
            raise _bad(str(error)) from None
    return check


def _name(value: Any, key: str) -> str:
    try:
        return as_name(value, key)
    except DecodeError as error:
        raise _bad(str(error)) from None


def _boolean(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise _bad(f"{key} is not a boolean")
    return value


def _nodes(value: Any, key: str) -> list:
    if not isinstance(value, list) or len(value) != 2:
        raise _bad(f"{key} is not two node names")
    a, b = (_name(v, key) for v in value)
    if a == b:
        raise _bad(f"{key}: the two nodes must differ")
    return [a, b]


def _mode(value: Any, key: str) -> str:
    if value not in ("sync", "async"):
        raise _bad(f"{key} is not sync or async")
    return value


FIELD_CHECKS: Dict[str, Callable[[Any, str], Any]] = {
    "service": _name, "node": _name, "from": _name, "to": _name,
    "replica": _integer(0, 9999), "count": _integer(0, 10000),
    "factor": _number(0, 1e6, lo_open=True), "rate": _number(0, 1),
    "duration_s": _number(0, 1e6), "rate_rps": _number(0, 1e7),
    "nodes": _nodes, "mode": _mode, "timeouts": _boolean, "retries": _boolean,
    "circuit_breaker": _boolean, "enabled": _boolean,
}


def check_action(raw: Any) -> dict:
    """The action, checked strictly; raises DecodeError('bad_action') when refused."""
    if not isinstance(raw, dict):
        raise _bad("action is not an object")
    name = raw.get("action")
    if name not in ACTION_FIELDS:
        raise _bad(f"unknown action {str(name)[:64]!r}")
    required, optional = ACTION_FIELDS[name]
    result = {"action": name}
    for key, value in raw.items():
        if key == "action":
            continue
        if key not in required and key not in optional:
            raise _bad(f"{name}: unknown key {key[:64]!r}")
        if value is None:
            raise _bad(f"{key} is null")
        result[key] = FIELD_CHECKS[key](value, key)
    missing = [key for key in required if key not in result]
    if missing:
        raise _bad(f"{name}: missing {', '.join(missing)}")
    if name == "set_call_mode" and (("from" in result) != ("to" in result)):
        raise _bad("set_call_mode: give both from and to, or neither")
    if name == "set_resilience" and len(result) == 1:
        raise _bad("set_resilience: at least one of timeouts, retries, circuit_breaker")
    return result


FAULT_KINDS = ("latency", "loss", "pause", "blackhole", "fail_first")


@dataclass
class Fault:
    """One live-only fault. Exactly one of a process target (``service``) and an edge
    (``from_``, ``to``)."""

    fault: str
    service: Optional[str] = None
    replica: Optional[int] = None
    from_: Optional[str] = None
    to: Optional[str] = None
    ms: float = 0.0
    jitter_ms: float = 0.0
    rate: float = 0.0
    count: int = 0
    duration_s: float = 0.0

    @property
    def on_edge(self) -> bool:
        return self.from_ is not None

    def to_json(self) -> dict:
        body: Dict[str, Any] = {"fault": self.fault}
        if self.on_edge:
            body["from"], body["to"] = self.from_, self.to
        else:
            body["service"] = self.service
            if self.replica is not None:
                body["replica"] = self.replica
        if self.fault == "latency":
            body["ms"] = self.ms
            if self.jitter_ms:
                body["jitter_ms"] = self.jitter_ms
        elif self.fault == "loss":
            body["rate"] = self.rate
        elif self.fault == "fail_first":
            body["count"] = self.count
        if self.duration_s:
            body["duration_s"] = self.duration_s
        return body


def check_fault(f: Fields) -> Fault:
    fault = Fault(fault=f.choice("fault", FAULT_KINDS, required=True),
                  service=f.matching("service", NAME_RE, 64),
                  replica=f.integer("replica", 0, 9999),
                  from_=f.matching("from", NAME_RE, 64),
                  to=f.matching("to", NAME_RE, 64),
                  duration_s=f.number("duration_s", 0, 1e6, default=0.0))
    on_process = fault.service is not None
    on_edge = fault.from_ is not None or fault.to is not None
    if on_process == on_edge:
        raise DecodeError("inconsistent", "a fault acts on a process or on an edge")
    if on_edge and (fault.from_ is None or fault.to is None):
        raise DecodeError("missing_field", "an edge fault needs from and to")
    if fault.replica is not None and not on_process:
        raise DecodeError("inconsistent", "replica only with service")
    if fault.fault == "pause" and on_edge:
        raise DecodeError("inconsistent", "pause applies to processes only")
    kind = fault.fault
    fault.ms = f.number("ms", 0, 1e9, required=kind == "latency", default=0.0)
    fault.jitter_ms = f.number("jitter_ms", 0, 1e9, default=0.0)
    fault.rate = f.number("rate", 0, 1, required=kind == "loss", default=0.0)
    fault.count = f.integer("count", 1, ID_MAX, required=kind == "fail_first", default=0)
    return fault

