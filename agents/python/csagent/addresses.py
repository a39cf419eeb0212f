"""Which address a process announces for a socket it bound (docs/protocol.md, "What an
agent does", Addresses).

Contract: pure functions of their arguments (and the machine's host name); no ZeroMQ.
"""

from __future__ import annotations

import re
import socket
from typing import Optional

# Bind addresses that mean "every interface": what such a socket reads back
# (tcp://0.0.0.0:PORT) cannot be dialled.
WILDCARDS = ("*", "0.0.0.0", "::", "[::]")
# What --advertise may name: a host name, an IPv4 address or an IPv6 one (bracketed or not);
# it ends up inside an endpoint, which must be printable ASCII without spaces.
ADVERTISE_RE = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,199}"
                          r"|\[[0-9A-Fa-f:.]{2,45}\]|[0-9A-Fa-f]*:[0-9A-Fa-f:.]{1,44})$")


def is_wildcard(host: str) -> bool:
    return host in WILDCARDS


def bind_address(host: str) -> str:
    """``host`` as it goes into a ZeroMQ or HTTP bind: IPv6 addresses bracketed."""
    if ":" in host and not host.startswith("["):
        return f"[{host}]"
    return host


def advertised(endpoint: str, bind_host: str, advertise: Optional[str]) -> str:
    """The endpoint to announce for a socket bound on ``bind_host``: ``endpoint`` (read back
    from the socket) unchanged for a specific address; for a wildcard, its host replaced by
    ``advertise``, by default the machine's host name, keeping its port (and path)."""
    if not is_wildcard(bind_host):
        return endpoint
    host = advertise or socket.gethostname() or "localhost"
    scheme, rest = endpoint.split("://", 1)
    authority, slash, path = rest.partition("/")
    port = authority.rsplit(":", 1)[1]  # after the last ':': IPv6 hosts hold colons too
    return f"{scheme}://{bind_address(host)}:{port}{slash}{path}"
