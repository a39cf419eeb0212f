"""A minimal hub written from docs/protocol.md, for testing agents without the C++ hub.

It runs its sockets on one background thread: answers HELLO with WELCOME and ROUTES, ERROR
``unknown_peer`` (at most once a second per peer) to anything else from a peer without
HELLO, keeps every message it receives, and sends what the test asks. Optionally it is a
CURVE server with a ZAP handler that accepts one listed key with the role ``agent``.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from typing import Callable, List, Optional

import zmq

HELLO, WELCOME, ERROR, BYE, REPORT, COMMAND, COMMAND_RESULT, ROUTES = 1, 2, 3, 4, 5, 11, 12, 13


def frames(kind: int, body: dict) -> List[bytes]:
    return [b"CS\x01" + bytes([kind]), json.dumps(body).encode()]


class Received:
    def __init__(self, identity: bytes, kind: int, body, user_id: Optional[str]) -> None:
        self.identity = identity
        self.kind = kind
        self.body = body
        self.user_id = user_id
        self.at = time.monotonic()


class MockHub:
    def __init__(self, port: int = 0, report_interval_ms: int = 50, hub_id: str = "hub-1",
                 curve: Optional[dict] = None) -> None:
        """``curve``: {"secret": hub secret key, "allowed": agent public key} or None."""
        self.ctx = zmq.Context()
        self.hub_id = hub_id
        self.report_interval_ms = report_interval_ms
        self.received: "queue.Queue[Received]" = queue.Queue()
        self.log: List[Received] = []
        self.peers = {}  # identity -> HELLO body
        self.routes_body = {"version": 1, "services": []}
        self.outbox: "queue.Queue[tuple]" = queue.Queue()
        self.last_error = {}
        self.zap = None
        self.sock = self.ctx.socket(zmq.ROUTER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.setsockopt(zmq.ROUTER_MANDATORY, 1)
        if curve:
            # ZAP handler first, then the CURVE socket (the document's order).
            self.allowed = curve["allowed"]
            self.zap = self.ctx.socket(zmq.REP)
            self.zap.bind("inproc://zeromq.zap.01")
            self.sock.curve_server = True
            self.sock.curve_secretkey = curve["secret"]
            self.sock.setsockopt(zmq.ZAP_DOMAIN, b"clusterscope")
        self.sock.bind(f"tcp://127.0.0.1:{port or '*'}")
        self.endpoint = self.sock.getsockopt(zmq.LAST_ENDPOINT).decode()
        self.port = int(self.endpoint.rsplit(":", 1)[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    # -- test side --------------------------------------------------------------------
    def send(self, identity: bytes, kind: int, body: dict) -> None:
        self.outbox.put((identity, frames(kind, body)))

    def send_raw(self, identity: bytes, raw: List[bytes]) -> None:
        self.outbox.put((identity, raw))

    def set_routes(self, body: dict) -> None:
        """Sends the new ROUTES to every joined peer (and to later ones)."""
        self.routes_body = body
        for identity in list(self.peers):
            self.send(identity, ROUTES, body)

    def wait(self, predicate: Callable[[Received], bool], timeout: float = 5.0) -> Received:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("the mock hub did not receive the expected message")
            try:
                msg = self.received.get(timeout=left)
            except queue.Empty:
                continue
            if predicate(msg):
                return msg

    def wait_kind(self, kind: int, timeout: float = 5.0) -> Received:
        return self.wait(lambda m: m.kind == kind, timeout)

    def command(self, identity: bytes, cmd_id: int, timeout: float = 5.0, **body) -> dict:
        self.send(identity, COMMAND, dict(id=cmd_id, **body))
        return self.wait(lambda m: m.kind == COMMAND_RESULT and isinstance(m.body, dict)
                         and m.body.get("id") == cmd_id, timeout).body

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.ctx.destroy(linger=0)

    # -- hub thread -------------------------------------------------------------------
    def _answer_zap(self) -> None:
        req = self.zap.recv_multipart()
        version, request_id, _domain, _address, _identity, mechanism = req[:6]
        key = req[6] if len(req) > 6 else b""
        if mechanism == b"CURVE" and key == zmq.utils.z85.decode(self.allowed):
            self.zap.send_multipart([version, request_id, b"200", b"OK", b"agent", b""])
        else:
            self.zap.send_multipart([version, request_id, b"400", b"unknown key", b"", b""])

    def _run(self) -> None:
        poller = zmq.Poller()
        poller.register(self.sock, zmq.POLLIN)
        if self.zap is not None:
            poller.register(self.zap, zmq.POLLIN)
        while not self._stop.is_set():
            events = dict(poller.poll(5))
            if self.zap is not None and self.zap in events:
                self._answer_zap()
            if self.sock in events:
                while self.sock.getsockopt(zmq.EVENTS) & zmq.POLLIN:
                    parts = self.sock.recv_multipart(copy=False)
                    self._handle(parts)
            while not self.outbox.empty():
                identity, raw = self.outbox.get()
                try:
                    self.sock.send_multipart([identity] + raw, zmq.NOBLOCK)
                except zmq.ZMQError:
                    pass
        self.sock.close(0)
        if self.zap is not None:
            self.zap.close(0)

    def _handle(self, parts) -> None:
        identity = parts[0].bytes
        user_id = None
        try:
            user_id = parts[1].get("User-Id") if len(parts) > 1 else None
        except zmq.ZMQError:
            pass  # no User-Id property: the hub runs without CURVE
        raw = [p.bytes for p in parts[1:]]
        kind, body = 0, None
        if len(raw) == 2 and len(raw[0]) == 4 and raw[0][:3] == b"CS\x01":
            kind = raw[0][3]
            try:
                body = json.loads(raw[1])
            except ValueError:
                body = None
        msg = Received(identity, kind, body, user_id)
        self.log.append(msg)
        self.received.put(msg)
        if kind == HELLO and isinstance(body, dict):
            self.peers[identity] = body
            welcome = {"minor": 0, "hub": self.hub_id,
                       "report_interval_ms": self.report_interval_ms,
                       "suspect_after_ms": 10 * self.report_interval_ms,
                       "down_after_ms": 20 * self.report_interval_ms}
            self.sock.send_multipart([identity] + frames(WELCOME, welcome))
            self.sock.send_multipart([identity] + frames(ROUTES, self.routes_body))
        elif kind == BYE:
            self.peers.pop(identity, None)
        elif identity not in self.peers:
            now = time.monotonic()
            if now - self.last_error.get(identity, 0) >= 1.0:
                self.last_error[identity] = now
                self.sock.send_multipart([identity] + frames(
                    ERROR, {"code": "unknown_peer", "message": "send HELLO first"}))
