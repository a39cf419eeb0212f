"""Faults and scenario disturbances in force on this replica.

Contract: :class:`FaultState` answers the questions the request and async paths ask
("drop this incoming request?", "delay this call by how much?") and lists what is in force
for REPORT. Expiry is driven by the agent's timers; this class holds no clock of its own
except for ``remaining_s``.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import FrozenSet, List, Optional, Set

from .actions import Fault


@dataclass
class ActiveFault:
    fault: Fault
    expires_ns: Optional[int]  # None: until reset_faults
    remaining_count: int = 0   # fail_first

    def to_json(self) -> dict:
        body = self.fault.to_json()
        if self.fault.fault == "fail_first":
            body["count"] = self.remaining_count
        if self.expires_ns is not None:
            body["remaining_s"] = max(0.0, (self.expires_ns - time.monotonic_ns()) / 1e9)
        return body


class FaultState:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.active: List[ActiveFault] = []
        self.partitions: Set[FrozenSet[str]] = set()

    def add(self, fault: Fault) -> ActiveFault:
        expires = None
        if fault.duration_s > 0:
            expires = time.monotonic_ns() + int(fault.duration_s * 1e9)
        entry = ActiveFault(fault, expires, fault.count)
        self.active.append(entry)
        return entry

    def remove(self, entry: ActiveFault) -> None:
        if entry in self.active:
            self.active.remove(entry)

    def clear(self) -> None:
        self.active.clear()
        self.partitions.clear()

    def _matching(self, on_edge: bool, edge: Optional[tuple] = None) -> List[ActiveFault]:
        if not on_edge:
            return [f for f in self.active if not f.fault.on_edge]
        return [f for f in self.active
                if f.fault.on_edge and (f.fault.from_, f.fault.to) == edge]

    def _delay_ms(self, faults: List[ActiveFault]) -> float:
        total = 0.0
        for entry in faults:
            if entry.fault.fault == "latency":
                jitter = entry.fault.jitter_ms
                total += max(0.0, entry.fault.ms + self.rng.uniform(-jitter, jitter))
        return total

    def _dropped(self, faults: List[ActiveFault]) -> bool:
        for entry in faults:
            kind = entry.fault.fault
            if kind == "blackhole" or (kind == "loss" and self.rng.random() < entry.fault.rate):
                return True
        return False

    def _take_fail_first(self, faults: List[ActiveFault]) -> bool:
        for entry in faults:
            if entry.fault.fault == "fail_first" and entry.remaining_count > 0:
                entry.remaining_count -= 1
                if entry.remaining_count == 0:
                    self.remove(entry)
                return True
        return False

    # The request path of this process (process faults).
    def incoming_dropped(self) -> bool:
        return self._dropped(self._matching(False))

    def incoming_delay_ms(self) -> float:
        return self._delay_ms(self._matching(False))

    def incoming_fail_first(self) -> bool:
        return self._take_fail_first(self._matching(False))

    def blackholed(self) -> bool:
        return any(f.fault.fault == "blackhole" for f in self._matching(False))

    # The calls this process makes (edge faults, keyed by (from, to) component names).
    def call_dropped(self, edge: tuple) -> bool:
        return self._dropped(self._matching(True, edge))

    def call_delay_ms(self, edge: tuple) -> float:
        return self._delay_ms(self._matching(True, edge))

    def call_fail_first(self, edge: tuple) -> bool:
        return self._take_fail_first(self._matching(True, edge))

    def partitioned(self, my_node: Optional[str], other_node: Optional[str]) -> bool:
        if my_node is None or other_node is None or my_node == other_node:
            return False
        return frozenset((my_node, other_node)) in self.partitions

    def to_json(self) -> List[dict]:
        return [entry.to_json() for entry in self.active[:64]]
