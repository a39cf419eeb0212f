"""The connection file and CURVE certificates (docs/protocol.md, "Keys and the connection
file").

Contract: :func:`read` returns a :class:`Connection` (the hub endpoint and, when the hub runs
CURVE, the hub's public key and this agent's key pair) or raises ``ValueError``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Optional, Tuple

import zmq.auth

from .jsonrules import ENDPOINT_RE


@dataclass
class Connection:
    hub: str
    hub_public_key: Optional[bytes] = None
    public_key: Optional[bytes] = None
    secret_key: Optional[bytes] = None


def default_path() -> str:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "clusterscope", "connection.json")
    return f"/tmp/clusterscope-{os.getuid()}/connection.json"


def load_key_pair(path: str) -> Tuple[bytes, bytes]:
    try:
        public, secret = zmq.auth.load_certificate(path)
    except (OSError, ValueError) as error:
        raise ValueError(f"{path}: {error}") from None
    if not secret:
        raise ValueError(f"{path}: a secret certificate (NAME.key_secret) is expected")
    return public, secret


def check_endpoint(text: str, what: str) -> str:
    if not isinstance(text, str) or len(text) > 256 or not ENDPOINT_RE.match(text):
        raise ValueError(f"{what}: not an endpoint: {text!r}")
    return text


def read(path: str) -> Connection:
    try:
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
    except (OSError, ValueError) as error:
        raise ValueError(f"connection file {path}: {error}") from None
    if not isinstance(raw, dict) or raw.get("clusterscope_connection") != 1:
        raise ValueError(f"connection file {path}: clusterscope_connection 1 is expected")
    conn = Connection(hub=check_endpoint(raw.get("hub"), f"{path}: hub"))
    key = raw.get("hub_public_key")
    if key is None:
        return conn  # the hub runs without CURVE
    if not isinstance(key, str) or len(key) != 40:
        raise ValueError(f"{path}: hub_public_key is not a 40-character Z85 key")
    cert = raw.get("agent_certificate")
    if not isinstance(cert, str):
        raise ValueError(f"{path}: the hub runs CURVE but agent_certificate is missing")
    base = os.path.dirname(os.path.abspath(path))
    conn.hub_public_key = key.encode("ascii")
    conn.public_key, conn.secret_key = load_key_pair(os.path.join(base, cert))
    return conn
