"""Socket set-up per the document's socket table, and bounded receiving.

Contract: the ``make_*`` functions return configured sockets (LINGER 0, bounded HWMs,
MAXMSGSIZE of the plane, ZMTP heartbeats, reconnect intervals). :func:`recv_bounded` reads
one whole message without blocking and returns at most ``max_frames + 1`` frames, so a
message with too many frames is recognised without holding all of it.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import zmq

from .addresses import bind_address

CONTROL_MAX = 4 * 1024 * 1024
# A request frame may be the 40..104-byte header or a payload of 65536 bytes.
PLANE_MAX = 65536


def _common(sock: zmq.Socket, sndhwm: int, rcvhwm: int, maxmsgsize: int) -> None:
    sock.setsockopt(zmq.LINGER, 0)
    sock.setsockopt(zmq.SNDHWM, sndhwm)
    sock.setsockopt(zmq.RCVHWM, rcvhwm)
    sock.setsockopt(zmq.MAXMSGSIZE, maxmsgsize)
    sock.setsockopt(zmq.HEARTBEAT_IVL, 1000)
    sock.setsockopt(zmq.HEARTBEAT_TIMEOUT, 3000)
    sock.setsockopt(zmq.HEARTBEAT_TTL, 3000)


def _dealer(ctx: zmq.Context, sndhwm: int, rcvhwm: int, maxmsgsize: int) -> zmq.Socket:
    sock = ctx.socket(zmq.DEALER)
    _common(sock, sndhwm, rcvhwm, maxmsgsize)
    sock.setsockopt(zmq.RECONNECT_IVL, 100)
    sock.setsockopt(zmq.RECONNECT_IVL_MAX, 1000)
    return sock


def make_control(ctx: zmq.Context, server_key: Optional[bytes] = None,
                 public_key: Optional[bytes] = None,
                 secret_key: Optional[bytes] = None) -> zmq.Socket:
    sock = _dealer(ctx, 100, 1000, CONTROL_MAX)
    if server_key is not None:
        sock.curve_serverkey = server_key
        sock.curve_publickey = public_key
        sock.curve_secretkey = secret_key
    return sock


def make_requests(ctx: zmq.Context, host: str) -> Tuple[zmq.Socket, str]:
    """The request ROUTER bound on ``host`` (a port the system chooses) and the endpoint it
    reads back, before any --advertise."""
    sock = ctx.socket(zmq.ROUTER)
    _common(sock, 10000, 10000, PLANE_MAX)
    sock.setsockopt(zmq.ROUTER_MANDATORY, 1)
    if ":" in host:
        sock.setsockopt(zmq.IPV6, 1)
    sock.bind(f"tcp://{bind_address(host)}:*")
    return sock, sock.getsockopt(zmq.LAST_ENDPOINT).decode()


def make_caller(ctx: zmq.Context) -> zmq.Socket:
    return _dealer(ctx, 10000, 10000, PLANE_MAX)


def recv_bounded(sock: zmq.Socket, max_frames: int) -> Optional[List[bytes]]:
    """One whole message, or None when none is waiting. Frames past ``max_frames + 1`` are
    read and discarded: ZeroMQ has no frame-count limit of its own."""
    try:
        first = sock.recv(zmq.NOBLOCK)
    except zmq.Again:
        return None
    frames = [first]
    while sock.getsockopt(zmq.RCVMORE):
        part = sock.recv()
        if len(frames) <= max_frames:
            frames.append(part)
    return frames
