"""The fixed log-linear latency histogram (docs/protocol.md, "Histograms").

Contract: :class:`Histogram` records integer nanoseconds (negative ones as 0) and keeps the
exact count per bucket, sum, minimum and maximum; :meth:`Histogram.to_json` gives the sparse
form REPORT carries; it also counts values exactly against :data:`LE_BOUNDS_NS`, the bounds of
the /metrics latency histograms. Bucket layout: one bucket per value below 128 ns, then 64 per
power of two, everything from 2**44 ns up in the last bucket (index 2495).
"""

from __future__ import annotations

import bisect
import math
from typing import Dict, List

BUCKETS = 2496
LAST = BUCKETS - 1

# The upper bounds of the Prometheus latency histograms (docs/protocol.md, "/metrics": "from
# 50 µs to 10 s"; the 1-2.5-5 steps in between are this agent's reading, noted in
# PROTOCOL-QUESTIONS.md), in nanoseconds.
LE_BOUNDS_NS = (50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000,
                10_000_000, 25_000_000, 50_000_000, 100_000_000, 250_000_000, 500_000_000,
                1_000_000_000, 2_500_000_000, 5_000_000_000, 10_000_000_000)


def bucket_index(ns: int) -> int:
    if ns < 128:
        return max(ns, 0)
    shift = ns.bit_length() - 7  # 1 for 128..255, 2 for 256..511, ...
    if shift > 37:
        return LAST
    return 128 + (shift - 1) * 64 + ((ns >> shift) - 64)


def bucket_lower_bound(index: int) -> int:
    if index < 128:
        return index
    shift = (index - 128) // 64 + 1
    return ((index - 128) % 64 + 64) << shift


def bucket_width(index: int) -> int:
    return 1 if index < 128 else 1 << ((index - 128) // 64 + 1)


class Histogram:
    """Cumulative latency histogram with exact sum and extremes (not thread-safe)."""

    def __init__(self) -> None:
        self.counts: Dict[int, int] = {}
        self.count = 0
        self.sum_ns = 0
        self.min_ns = 0
        self.max_ns = 0
        # Values per /metrics bound: [i] counts those in (LE_BOUNDS_NS[i-1], LE_BOUNDS_NS[i]],
        # the last entry those above 10 s. Counted exactly here because the log-linear buckets
        # do not fall on these bounds (50 µs is inside a 512 ns wide bucket).
        self.le_counts = [0] * (len(LE_BOUNDS_NS) + 1)

    def record(self, ns: int) -> None:
        ns = max(int(ns), 0)
        i = bucket_index(ns)
        self.counts[i] = self.counts.get(i, 0) + 1
        self.le_counts[bisect.bisect_left(LE_BOUNDS_NS, ns)] += 1  # a value on a bound is "le"
        if self.count == 0:
            self.min_ns = self.max_ns = ns
        else:
            self.min_ns = min(self.min_ns, ns)
            self.max_ns = max(self.max_ns, ns)
        self.count += 1
        self.sum_ns += ns

    def to_json(self) -> dict:
        buckets: List[List[int]] = [[i, self.counts[i]] for i in sorted(self.counts)]
        return {"buckets": buckets, "sum_ns": self.sum_ns, "min_ns": self.min_ns,
                "max_ns": self.max_ns}

    def percentile(self, p: float) -> int:
        """Nearest-rank percentile as the document defines it (0 when empty)."""
        if not self.count:
            return 0
        rank = max(1, math.ceil(p * self.count / 100))
        running = 0
        for i in sorted(self.counts):
            running += self.counts[i]
            if running >= rank:
                width = bucket_width(i)
                mid = bucket_lower_bound(i) + width // 2 if width > 1 else i
                return min(max(mid, self.min_ns), self.max_ns)
        return self.max_ns
