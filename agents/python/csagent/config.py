"""What one service does, read from a scenario file or given piece by piece.

Contract: :func:`from_scenario` and :func:`from_parts` return a :class:`ServiceConfig` or
raise ``ValueError`` with a message for people. The scenario is assumed to have passed
``clusterscope-cli validate``; only the keys this agent uses are read and checked here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from . import distributions
from .distributions import Distribution


@dataclass
class BreakerConfig:
    failure_ratio: float = 0.5
    min_calls: int = 20
    window: int = 50
    open_s: float = 5.0
    half_open_calls: int = 3


@dataclass
class CallConfig:
    """One call a component makes (docs/scenario-format.md, "Calls")."""

    to: str
    from_: Optional[str] = None  # the calling module of a monolith; None: the service
    mode: str = "sync"
    timeout_ms: Optional[float] = None
    retries: int = 0
    backoff_ms: float = 10.0
    probability: float = 1.0
    required: bool = True
    bulkhead: Optional[int] = None
    breaker: Optional[BreakerConfig] = None


@dataclass
class Component:
    """The work behind one callable name: the service itself, or a monolith's module."""

    name: str
    service_time: Distribution
    error_rate: float = 0.0
    calls: List[CallConfig] = field(default_factory=list)


@dataclass
class ServiceConfig:
    name: str
    workers: int = 1
    queue_capacity: Optional[int] = None  # None: unbounded
    components: Dict[str, Component] = field(default_factory=dict)
    monolith: bool = False
    startup_s: float = 0.0
    seed: int = 1
    # Known from a scenario: the host service of every component, and each service's lb.
    hosts: Dict[str, str] = field(default_factory=dict)
    lb: Dict[str, str] = field(default_factory=dict)

    @property
    def modules(self) -> List[str]:
        return list(self.components) if self.monolith else []

    def serves(self, target: str) -> Optional[Component]:
        """The component a request's target names (empty: the plain service itself)."""
        if not self.monolith:
            return self.components[self.name] if target in ("", self.name) else None
        return self.components.get(target)

    def all_calls(self) -> List[CallConfig]:
        return [call for comp in self.components.values() for call in comp.calls]


def _number(obj: dict, key: str, default: Any, where: str, lo: float = 0.0,
            hi: float = 1e9) -> Any:
    value = obj.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
        raise ValueError(f"{where}.{key}: a number {lo:g} … {hi:g} is expected")
    return value


def _integer(obj: dict, key: str, default: Any, where: str, lo: int = 0,
             hi: int = 10**9) -> Any:
    value = _number(obj, key, default, where, lo, hi)
    if value is not None and float(value) != int(value):
        raise ValueError(f"{where}.{key}: an integer is expected")
    return None if value is None else int(value)


def parse_call(raw: Any, from_: Optional[str], where: str) -> CallConfig:
    if not isinstance(raw, dict) or not isinstance(raw.get("to"), str):
        raise ValueError(f"{where}: a call object with a 'to' name is expected")
    call = CallConfig(to=raw["to"], from_=from_)
    call.mode = raw.get("mode", "sync")
    if call.mode not in ("sync", "async"):
        raise ValueError(f"{where}.mode: sync or async")
    call.timeout_ms = _number(raw, "timeout_ms", None, where)
    call.retries = _integer(raw, "retries", 0, where, 0, 100)
    call.backoff_ms = float(_number(raw, "backoff_ms", 10.0, where))
    call.probability = float(_number(raw, "probability", 1.0, where, 0, 1))
    call.required = bool(raw.get("required", True))
    call.bulkhead = _integer(raw, "bulkhead", None, where, 1)
    if "circuit_breaker" in raw:
        cb, w = raw["circuit_breaker"], where + ".circuit_breaker"
        if not isinstance(cb, dict):
            raise ValueError(f"{w}: an object is expected")
        call.breaker = BreakerConfig(
            failure_ratio=float(_number(cb, "failure_ratio", 0.5, w, 0, 1)),
            min_calls=_integer(cb, "min_calls", 20, w, 1),
            window=_integer(cb, "window", 50, w, 1),
            open_s=float(_number(cb, "open_s", 5.0, w, 0, 1e6)),
            half_open_calls=_integer(cb, "half_open_calls", 3, w, 1))
    return call


def _component(raw: dict, name: str, module: bool, host: str, where: str) -> Component:
    if "service_time_ms" not in raw:
        raise ValueError(f"{where}: service_time_ms is required")
    try:
        service_time = distributions.parse(raw["service_time_ms"], where + ".service_time_ms")
    except ValueError as error:
        raise ValueError(str(error)) from None
    calls = [parse_call(c, name if module else None, f"{where}.calls[{i}]")
             for i, c in enumerate(raw.get("calls", []))]
    return Component(name, service_time, float(_number(raw, "error_rate", 0.0, where, 0, 1)),
                     calls)


def from_service_object(raw: dict, where: str = "service") -> ServiceConfig:
    """One service object in the scenario format (also the ``--config`` file's content)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise ValueError(f"{where}: a service object with a name is expected")
    name = raw["name"]
    config = ServiceConfig(name=name,
                           workers=_integer(raw, "workers", 1, where, 1, 10000),
                           queue_capacity=_integer(raw, "queue_capacity", None, where),
                           startup_s=float(_number(raw, "startup_s", 0.0, where, 0, 1e6)))
    modules = raw.get("modules") or []
    if modules:
        config.monolith = True
        for i, mod in enumerate(modules):
            if not isinstance(mod, dict) or not isinstance(mod.get("name"), str):
                raise ValueError(f"{where}.modules[{i}]: a module with a name is expected")
            config.components[mod["name"]] = _component(mod, mod["name"], True, name,
                                                        f"{where}.modules[{i}]")
    else:
        config.components[name] = _component(raw, name, False, name, where)
    for comp in config.components:
        config.hosts[comp] = name
    return config


def from_scenario(path: str, service: str) -> ServiceConfig:
    try:
        with open(path, encoding="utf-8") as handle:
            scenario = json.load(handle)
    except (OSError, ValueError) as error:
        raise ValueError(f"{path}: {error}") from None
    services = scenario.get("services") if isinstance(scenario, dict) else None
    if not isinstance(services, list):
        raise ValueError(f"{path}: no services array")
    chosen = None
    hosts: Dict[str, str] = {}
    lb: Dict[str, str] = {}
    for i, raw in enumerate(services):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            continue
        lb[raw["name"]] = raw.get("lb", "round_robin")
        hosts[raw["name"]] = raw["name"]
        for mod in raw.get("modules") or []:
            if isinstance(mod, dict) and isinstance(mod.get("name"), str):
                hosts[mod["name"]] = raw["name"]
        if raw["name"] == service:
            chosen = (raw, f"{path}: /services/{i}")
    if chosen is None:
        if service in hosts:
            raise ValueError(f"{path}: {service!r} is a module of {hosts[service]!r}; "
                             f"start the host service")
        raise ValueError(f"{path}: no service named {service!r} "
                         f"(services: {', '.join(n for n in lb)})")
    config = from_service_object(*chosen)
    config.hosts.update(hosts)
    config.lb = lb
    seed = scenario.get("seed", 1)
    config.seed = seed if isinstance(seed, int) and not isinstance(seed, bool) else 1
    return config


def from_parts(name: str, workers: int, queue_capacity: Optional[int], service_time: str,
               error_rate: float, calls: List[str], startup_s: float = 0.0) -> ServiceConfig:
    """An agent not made from a scenario: ``service_time`` and each call are JSON text in
    the scenario format (``'{"dist": "exponential", "mean": 20}'`` or ``'20'``;
    ``'{"to": "billing", "mode": "async"}'``)."""
    raw: Dict[str, Any] = {"name": name, "workers": workers, "error_rate": error_rate,
                           "startup_s": startup_s}
    if queue_capacity is not None:
        raw["queue_capacity"] = queue_capacity
    try:
        raw["service_time_ms"] = json.loads(service_time)
        raw["calls"] = [json.loads(text) for text in calls]
    except ValueError as error:
        raise ValueError(f"not JSON: {error}") from None
    return from_service_object(raw, f"service {name}")
