"""Counters that REPORT carries (docs/protocol.md, "Service section").

Contract: plain cumulative counters and gauges, owned by the loop thread; ``to_json`` gives
the sections exactly as the tables name their keys.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .histogram import Histogram


def causes_json(by_cause: Counter) -> dict:
    return {cause: n for cause, n in sorted(by_cause.items()) if n > 0}


@dataclass
class EdgeStats:
    """One call this replica makes, as the caller sees it."""

    to: str
    from_: Optional[str]
    mode: str
    calls: int = 0
    completed: int = 0
    failed: int = 0
    by_cause: Counter = field(default_factory=Counter)
    in_flight: int = 0
    latency: Histogram = field(default_factory=Histogram)
    # For /metrics, whose `mode` label must not move a counter's past when set_call_mode
    # switches the edge: attempts by the mode they were made in, failures by (mode, cause).
    calls_by_mode: Counter = field(default_factory=Counter)
    failed_by_mode: Counter = field(default_factory=Counter)

    def count_call(self, mode: Optional[str] = None) -> None:
        """One attempt (async: one publish); ``mode`` absent: the edge's mode now."""
        self.calls += 1
        self.calls_by_mode[mode or self.mode] += 1

    def fail(self, cause: Optional[str], mode: Optional[str] = None) -> None:
        self.failed += 1
        if cause:
            self.by_cause[cause] += 1
        self.failed_by_mode[(mode or self.mode, cause)] += 1

    def to_json(self, breaker: str) -> dict:
        body = {"to": self.to, "mode": self.mode, "calls": self.calls,
                "completed": self.completed, "failed": self.failed,
                "in_flight": self.in_flight, "breaker": breaker,
                "latency": self.latency.to_json()}
        if self.from_ is not None:
            body["from"] = self.from_
        causes = causes_json(self.by_cause)
        if causes:
            body["failed_by_cause"] = causes
        return body


@dataclass
class ServiceStats:
    arrivals: int = 0
    completed: int = 0
    failed: int = 0
    by_cause: Counter = field(default_factory=Counter)
    latency: Histogram = field(default_factory=Histogram)

    def fail(self, cause: Optional[str]) -> None:
        self.failed += 1
        if cause:
            self.by_cause[cause] += 1
