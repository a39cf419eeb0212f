"""The control-plane session with the hub: join, report, rejoin, commands, routes, leave
(docs/protocol.md, "Control plane" and "State machines").

Contract: :class:`HubSession` sends HELLO at start, again every second until WELCOMEd, and
again on ERROR ``unknown_peer``; it sends REPORT every ``report_interval_ms`` only while
WELCOMEd; it hands each COMMAND to ``on_command`` and sends back the result; it hands each
newer ROUTES to ``on_routes``; ``on_fatal(message)`` is called for the refusals after which
this process must not go on (``duplicate_instance``, ``bad_version``).
"""

from __future__ import annotations

import collections
import logging
from typing import Callable, Optional, Tuple

import zmq

from . import control
from .jsonrules import DecodeError
from .loop import Loop, Timer
from .sockets import recv_bounded

log = logging.getLogger("clusterscope.agent")

HELLO_RETRY_NS = 1_000_000_000


class HubSession:
    def __init__(self, loop: Loop, sock: zmq.Socket, hello: Callable[[], dict],
                 report: Callable[[], dict],
                 on_command: Callable[[control.Command], Tuple[bool, Optional[str]]],
                 on_routes: Callable[[control.Routes], None],
                 on_fatal: Callable[[str], None]) -> None:
        self.loop = loop
        self.sock = sock
        self.hello = hello
        self.report = report
        self.on_command = on_command
        self.on_routes = on_routes
        self.on_fatal = on_fatal
        self.welcomed = False
        self.welcome: Optional[control.Welcome] = None
        self.hub_id: Optional[str] = None
        self.interval_ns = 100_000_000
        self.seq = 0
        self.routes_version = -1
        self.report_timer: Optional[Timer] = None
        self.hello_timer: Optional[Timer] = None
        self.drops: collections.Counter = collections.Counter()
        self.unsent = 0
        self.joins = 0
        # Commands must be read even during an emulated pause: reset_faults ends it.
        loop.add_reader(sock, self._on_readable, during_pause=True)

    def send(self, kind: int, body: dict) -> bool:
        try:
            self.sock.send_multipart(control.encode(kind, body), zmq.NOBLOCK)
            return True
        except zmq.ZMQError:
            # EAGAIN at the high-water mark: the next report carries the same counters.
            self.unsent += 1
            return False

    # -- joining ----------------------------------------------------------------------
    def start(self) -> None:
        self._send_hello()

    def _send_hello(self) -> None:
        self.welcomed = False
        if self.report_timer is not None:
            self.report_timer.cancel()
            self.report_timer = None
        if self.hello_timer is not None:
            self.hello_timer.cancel()
        self.send(control.HELLO, self.hello())
        # No WELCOME yet (a hub that is not up, a HELLO lost on a broken connection): again.
        self.hello_timer = self.loop.later(HELLO_RETRY_NS, self._send_hello)

    def _welcomed(self, msg: control.Welcome) -> None:
        if self.hello_timer is not None:
            self.hello_timer.cancel()
            self.hello_timer = None
        if self.hub_id is not None and msg.hub != self.hub_id:
            log.info("the hub restarted (%s, was %s): joined again", msg.hub, self.hub_id)
            # A new hub numbers its ROUTES afresh: an old, higher version must not mask them.
            self.routes_version = -1
        self.hub_id = msg.hub
        self.welcome = msg
        self.interval_ns = msg.report_interval_ms * 1_000_000
        self.joins += 1
        if not self.welcomed:
            self.welcomed = True
            self.report_now()

    # -- reporting --------------------------------------------------------------------
    def report_now(self) -> None:
        if self.report_timer is not None:
            self.report_timer.cancel()
        self._report_tick(self.loop.now())

    def _report_tick(self, due: int) -> None:
        if not self.welcomed:
            return
        self.seq += 1
        body = self.report()
        body["seq"] = self.seq
        self.send(control.REPORT, body)
        # A fixed rate, not a fixed gap; after a stall (a pause), start again from now.
        due += self.interval_ns
        now = self.loop.now()
        if due < now:
            due = now + self.interval_ns
        self.report_timer = self.loop.at(due, self._report_tick, due)

    # -- receiving --------------------------------------------------------------------
    def _on_readable(self, sock: zmq.Socket) -> None:
        for _ in range(64):
            frames = recv_bounded(sock, 2)
            if frames is None:
                return
            try:
                kind, msg = control.decode(frames)
            except DecodeError as error:
                self.drops[error.reason] += 1
                log.debug("dropped a control message: %s", error)
                continue
            if kind == control.WELCOME:
                self._welcomed(msg)
            elif kind == control.ERROR:
                self._error(msg)
            elif kind == control.COMMAND:
                ok, why = self.on_command(msg)
                result = {"id": msg.id, "ok": ok}
                if not ok:
                    result["error"] = why or "unsupported"
                self.send(control.COMMAND_RESULT, result)
            elif kind == control.ROUTES:
                if msg.version >= self.routes_version:
                    self.routes_version = msg.version
                    self.on_routes(msg)
            else:
                self.drops["unexpected"] += 1  # only the hub's own messages reach a peer

    def _error(self, msg: control.ErrorMsg) -> None:
        if msg.code == "unknown_peer":
            log.info("the hub does not know this process: joining again")
            self._send_hello()
        elif msg.code in ("duplicate_instance", "bad_version"):
            self.on_fatal(f"the hub refused this process: {msg.code} {msg.message}".strip())
        else:
            # malformed, not_allowed, and codes of newer versions: the message was dropped.
            self.drops["error_" + msg.code] += 1
            log.warning("hub error %s: %s", msg.code, msg.message)

    def bye(self, reason: str) -> None:
        if self.welcomed:
            self.send(control.BYE, {"reason": reason})
