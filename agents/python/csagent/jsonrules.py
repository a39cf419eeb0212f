"""The protocol's JSON rules (docs/protocol.md, "JSON rules" and "Conventions").

Contract: :func:`parse_body` turns a control-plane body into a ``dict`` or raises
:class:`DecodeError` carrying one of the document's decode reasons. :class:`Fields` reads the
keys of one object with the document's types and ranges, raising the same error. Nothing here
touches a socket.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Iterable, Optional

MAX_DEPTH = 16
MAX_TEXT = 4096
U64_MAX = 2**64 - 1
GAUGE_MAX = 2**31 - 1
ID_MAX = 2**53 - 1

NAME_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}\Z")
INSTANCE_RE = re.compile(r"[A-Za-z0-9_.:#@\-]{1,128}\Z")
TOKEN_RE = re.compile(r"[a-z0-9_.\-]{1,32}\Z")
ENDPOINT_RE = re.compile(r"(tcp|ipc|inproc|http|https)://[!-~]+\Z")
# Free text may hold tab, CR and LF but no other control character (it reaches terminals).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

REASONS = ("frame_count", "frame_size", "bad_magic", "bad_version", "unknown_type",
           "bad_json", "too_deep", "wrong_type", "missing_field", "out_of_range",
           "too_long", "bad_value", "inconsistent", "bad_action")


class DecodeError(Exception):
    """A refused message: ``reason`` is one of :data:`REASONS`, ``detail`` is for people."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def nesting_depth(data: bytes) -> int:
    """Deepest ``[``/``{`` nesting of a JSON text, strings skipped; read before parsing so
    that a hostile body cannot exhaust the parser's recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):  # 1e999: a number beyond a double
        raise ValueError("number beyond a double")
    return value


def _check_strings(value: Any) -> None:
    """Lone surrogates (``"\\ud800"``) are valid JSON escapes but not UTF-8 text."""
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, dict):
        for key, item in value.items():
            key.encode("utf-8")
            _check_strings(item)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item)


def parse_body(data: bytes) -> dict:
    """Parse one JSON body under the protocol's rules; the result is always a dict."""
    if nesting_depth(data) > MAX_DEPTH:
        raise DecodeError("too_deep")
    try:
        text = data.decode("utf-8")  # strict: ill-formed UTF-8 is refused
        if text.startswith("\ufeff"):
            raise ValueError("BOM")
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
        _check_strings(value)
    except (ValueError, UnicodeError, RecursionError) as error:
        raise DecodeError("bad_json", str(error)[:200]) from None
    if not isinstance(value, dict):
        raise DecodeError("wrong_type", "the body is not an object")
    return value


_MISSING = object()


class Fields:
    """Typed reads of one JSON object's keys; every getter raises :class:`DecodeError`.

    A getter returns ``default`` when the key is absent and ``required`` is false. ``null`` is
    never accepted (the document refuses it rather than reading it as absent).
    """

    def __init__(self, obj: Any, where: str = "") -> None:
        if not isinstance(obj, dict):
            raise DecodeError("wrong_type", f"{where or 'value'} is not an object")
        self.obj = obj
        self.where = where

    def has(self, key: str) -> bool:
        return key in self.obj

    def _raw(self, key: str, required: bool) -> Any:
        value = self.obj.get(key, _MISSING)
        if value is _MISSING:
            if required:
                raise DecodeError("missing_field", self.where + key)
            return _MISSING
        if value is None:
            raise DecodeError("wrong_type", f"{self.where}{key} is null")
        return value

    def integer(self, key: str, lo: int = 0, hi: int = U64_MAX, required: bool = False,
                default: Optional[int] = None) -> Optional[int]:
        value = self._raw(key, required)
        if value is _MISSING:
            return default
        return as_integer(value, self.where + key, lo, hi)

    def number(self, key: str, lo: float = 0.0, hi: float = 1e300, required: bool = False,
               default: Optional[float] = None) -> Optional[float]:
        value = self._raw(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise DecodeError("wrong_type", self.where + key)
        if not lo <= value <= hi:
            raise DecodeError("out_of_range", self.where + key)
        return float(value)

    def boolean(self, key: str, required: bool = False,
                default: Optional[bool] = None) -> Optional[bool]:
        value = self._raw(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            raise DecodeError("wrong_type", self.where + key)
        return value

    def text(self, key: str, limit: int = MAX_TEXT, required: bool = False,
             default: Optional[str] = None) -> Optional[str]:
        value = self._raw(key, required)
        if value is _MISSING:
            return default
        return as_text(value, self.where + key, limit)

    def matching(self, key: str, pattern: "re.Pattern[str]", limit: int,
                 required: bool = False, default: Optional[str] = None) -> Optional[str]:
        """A name, instance id, token or endpoint: checked length first, then characters."""
        value = self._raw(key, required)
        if value is _MISSING:
            return default
        return as_matching(value, self.where + key, pattern, limit)

    def choice(self, key: str, allowed: Iterable[str], required: bool = False,
               default: Optional[str] = None) -> Optional[str]:
        value = self._raw(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, str):
            raise DecodeError("wrong_type", self.where + key)
        if value not in allowed:
            raise DecodeError("bad_value", f"{self.where}{key}: {value[:64]!r}")
        return value

    def array(self, key: str, limit: int, required: bool = False) -> Optional[list]:
        value = self._raw(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, list):
            raise DecodeError("wrong_type", self.where + key)
        if len(value) > limit:
            raise DecodeError("too_long", self.where + key)
        return value

    def object(self, key: str, required: bool = False) -> Optional["Fields"]:
        value = self._raw(key, required)
        if value is _MISSING:
            return None
        return Fields(value, f"{self.where}{key}.")


def as_integer(value: Any, where: str, lo: int = 0, hi: int = U64_MAX) -> int:
    """An integer written ``3`` or ``3.0`` (never ``3.5``, never a boolean) within [lo, hi]."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DecodeError("wrong_type", where)
    if isinstance(value, float):
        if not value.is_integer():
            raise DecodeError("wrong_type", f"{where} is fractional")
        value = int(value)
    if not lo <= value <= hi:
        raise DecodeError("out_of_range", where)
    return value


def as_text(value: Any, where: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise DecodeError("wrong_type", where)
    if len(value.encode("utf-8")) > limit:
        raise DecodeError("too_long", where)
    if CONTROL_RE.search(value):
        raise DecodeError("bad_value", f"{where} holds a control character")
    return value


def as_matching(value: Any, where: str, pattern: "re.Pattern[str]", limit: int) -> str:
    if not isinstance(value, str):
        raise DecodeError("wrong_type", where)
    if len(value.encode("utf-8")) > limit:
        raise DecodeError("too_long", where)
    if not pattern.match(value):
        raise DecodeError("bad_value", f"{where}: {value[:64]!r}")
    return value


def as_name(value: Any, where: str) -> str:
    return as_matching(value, where, NAME_RE, 64)
