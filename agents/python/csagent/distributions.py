"""Service-time distributions as docs/scenario-format.md defines them, in milliseconds.

Contract: :func:`parse` reads one distribution (an object or a bare number) and raises
``ValueError`` with a readable message when it breaks the format's rules; the result's
``sample(rng)`` draws one value in milliseconds (never negative) and ``mean`` is its
theoretical mean.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

MAX_MS = 1e9


@dataclass(frozen=True)
class Distribution:
    dist: str
    a: float = 0.0  # constant: value; exponential: mean; uniform: min; lognormal: mean
    b: float = 0.0  # uniform: max; lognormal: stddev

    @property
    def mean(self) -> float:
        if self.dist == "uniform":
            return (self.a + self.b) / 2
        return self.a

    def sample(self, rng: random.Random) -> float:
        if self.dist == "constant":
            return self.a
        if self.dist == "exponential":
            return rng.expovariate(1.0 / self.a)
        if self.dist == "uniform":
            return rng.uniform(self.a, self.b)
        if self.b == 0:
            return self.a
        # The format gives the samples' mean and standard deviation, not the logarithm's.
        sigma2 = math.log1p((self.b / self.a) ** 2)
        return rng.lognormvariate(math.log(self.a) - sigma2 / 2, math.sqrt(sigma2))


def _param(obj: dict, key: str, where: str) -> float:
    if key not in obj:
        raise ValueError(f"{where}: missing {key!r}")
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            not 0 <= value <= MAX_MS or math.isnan(value):
        raise ValueError(f"{where}.{key}: a number 0 … 1e9 is expected")
    return float(value)


def parse(raw: Any, where: str = "distribution") -> Distribution:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return Distribution("constant", _param({"value": raw}, "value", where))
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: a distribution object or a number is expected")
    kind = raw.get("dist")
    keys = {"constant": ("value",), "exponential": ("mean",), "uniform": ("min", "max"),
            "lognormal": ("mean", "stddev")}
    if kind not in keys:
        raise ValueError(f"{where}.dist: constant, exponential, uniform or lognormal")
    unknown = set(raw) - {"dist", *keys[kind]}
    if unknown:
        raise ValueError(f"{where}: unknown key {sorted(unknown)[0]!r} for {kind}")
    params = [_param(raw, key, where) for key in keys[kind]]
    if kind in ("exponential", "lognormal") and params[0] <= 0:
        raise ValueError(f"{where}.mean must be > 0")
    if kind == "uniform" and params[0] > params[1]:
        raise ValueError(f"{where}: min must not exceed max")
    return Distribution(kind, *params)
