"""Async calls through the broker: publishing, and consuming this service's queue(s)
(docs/protocol.md, "Async plane" and "Broker delivery").

Contract: one DEALER to the broker named in ROUTES, used both to publish and to consume.
:meth:`BrokerClient.publish` never blocks the caller; the edge counts the publish completed
on PUBLISH_ACK ``accepted`` and failed (``broker_rejected``) on ``outage``/``full``, on EAGAIN,
with no broker, or after 1 s without an answer. Consuming starts with :meth:`start_consuming`;
credit never exceeds the workers that are free, per queue.
"""

from __future__ import annotations

import collections
import itertools
import logging
import time
from typing import Dict, Optional, Tuple

import zmq

from . import asyncwire
from .config import CallConfig, ServiceConfig
from .faults import FaultState
from .jsonrules import DecodeError
from .loop import Loop, Timer
from .server import Job, Server
from .sockets import make_caller, recv_bounded
from .stats import EdgeStats

log = logging.getLogger("clusterscope.agent")

ACK_TIMEOUT_NS = 1_000_000_000
HEARTBEAT_NS = 250_000_000
SILENCE_NS = 1_000_000_000


class BrokerClient:
    def __init__(self, loop: Loop, ctx: zmq.Context, config: ServiceConfig, server: Server,
                 faults: FaultState, edges: Dict[Tuple[Optional[str], str], EdgeStats]) -> None:
        self.loop = loop
        self.ctx = ctx
        self.config = config
        self.server = server
        self.faults = faults
        self.edges = edges
        self.endpoint: Optional[str] = None
        self.sock: Optional[zmq.Socket] = None
        # Message ids are unique per publisher run: start at the wall clock and count.
        self.message_ids = itertools.count(time.time_ns())
        self.pending: Dict[int, Tuple[Tuple[Optional[str], str], int, Timer]] = {}
        self.consuming = False
        self.credit: collections.Counter = collections.Counter()  # granted, per queue
        self.last_sent = 0
        self.last_heard = 0
        self.drops: collections.Counter = collections.Counter()
        self.queues = list(config.components)  # the service itself, or a monolith's modules
        server.delivery_done = self._delivery_done
        server.workers_changed = self.top_up
        loop.later(HEARTBEAT_NS, self._tick)

    # -- connection -------------------------------------------------------------------
    def set_endpoint(self, endpoint: Optional[str]) -> None:
        if endpoint == self.endpoint:
            return
        if self.sock is not None:
            self.loop.remove_reader(self.sock)
            self.sock.close(0)
            self.sock = None
        self.endpoint = endpoint
        self.credit.clear()
        if endpoint is not None:
            self.sock = make_caller(self.ctx)
            try:
                self.sock.connect(endpoint)
            except zmq.ZMQError as error:  # a scheme ZeroMQ cannot dial: no broker
                log.warning("cannot connect to the broker at %s: %s", endpoint, error)
                self.sock.close(0)
                self.sock = None
                return
            self.loop.add_reader(self.sock, self._on_readable)
            self.last_heard = self.loop.now()
            if self.consuming:
                self.top_up()

    def _send(self, frames: list) -> bool:
        if self.sock is None:
            return False
        try:
            self.sock.send_multipart(frames, zmq.NOBLOCK)
        except zmq.ZMQError:
            return False
        self.last_sent = self.loop.now()
        return True

    # -- publishing -------------------------------------------------------------------
    def publish(self, call: CallConfig, job: Job) -> None:
        key = (call.from_, call.to)
        edge = self.edges[key]
        edge.count_call("async")
        fault_key = (call.from_ or self.config.name, call.to)
        if self.sock is None or self.faults.call_fail_first(fault_key):
            edge.fail("broker_rejected" if self.sock is None else "error", "async")
            return
        message_id = next(self.message_ids)
        edge.in_flight += 1
        timer = self.loop.later(ACK_TIMEOUT_NS, self._ack_missing, message_id)
        self.pending[message_id] = (key, self.loop.now(), timer)
        if self.faults.call_dropped(fault_key):
            return  # lost on the way: the missing PUBLISH_ACK fails it
        frames = asyncwire.pack(asyncwire.PUBLISH, call.to, id=message_id,
                                origin_ns=job.origin_ns)
        delay_ms = self.faults.call_delay_ms(fault_key)
        if delay_ms > 0:
            self.loop.later(int(delay_ms * 1e6), self._send_publish, message_id, frames)
        else:
            self._send_publish(message_id, frames)

    def _send_publish(self, message_id: int, frames: list) -> None:
        if message_id in self.pending and not self._send(frames):
            self._settle(message_id, False)

    def _settle(self, message_id: int, accepted: bool) -> None:
        key, sent_ns, timer = self.pending.pop(message_id)
        timer.cancel()
        edge = self.edges[key]
        edge.in_flight -= 1
        if accepted:
            edge.completed += 1
            edge.latency.record(self.loop.now() - sent_ns)
        else:
            edge.fail("broker_rejected", "async")

    def _ack_missing(self, message_id: int) -> None:
        if message_id in self.pending:
            self._settle(message_id, False)

    # -- consuming --------------------------------------------------------------------
    def start_consuming(self) -> None:
        self.consuming = True
        self.top_up()

    def stop_consuming(self) -> None:
        self.consuming = False

    def _grant(self, queue: str) -> int:
        """Credit to add so that this queue's credit matches the free workers."""
        if not self.consuming:
            return 0
        return max(0, min(self.server.free_workers, asyncwire.MAX_CREDIT) - self.credit[queue])

    def top_up(self) -> None:
        """Grant each queue what free workers can take (CONSUMER_READY is additive)."""
        if self.sock is None:
            return
        for queue in self.queues:
            more = self._grant(queue)
            if more > 0 and self._send(asyncwire.pack(asyncwire.CONSUMER_READY, queue,
                                                      credit=more)):
                self.credit[queue] += more

    def _restart_consumer(self) -> None:
        """The broker forgot us (RESET, or silent for 1 s): start again from no credit."""
        self.credit.clear()
        self.last_heard = self.loop.now()
        self.top_up()

    def _delivery_done(self, job: Job, ok: bool) -> None:
        delivery_id, queue = job.delivery
        more = self._grant(queue)
        # A processed message is acknowledged; one whose processing failed is dropped
        # (NACK without requeue): redelivering an injected error would loop for ever.
        kind = asyncwire.ACK if ok else asyncwire.NACK
        if self._send(asyncwire.pack(kind, queue, id=delivery_id, credit=more)):
            self.credit[queue] += more

    def _on_readable(self, sock: zmq.Socket) -> None:
        for _ in range(64):
            frames = recv_bounded(sock, 3)
            if frames is None:
                return
            try:
                msg = asyncwire.unpack(frames)
            except DecodeError as error:
                self.drops[error.reason] += 1
                continue
            self.last_heard = self.loop.now()
            if msg.kind == asyncwire.PUBLISH_ACK:
                if msg.id in self.pending:
                    self._settle(msg.id, msg.status == asyncwire.STATUS_ACCEPTED)
            elif msg.kind == asyncwire.DELIVER:
                self._deliver(msg)
            elif msg.kind == asyncwire.RESET:
                self._restart_consumer()
            elif msg.kind != asyncwire.HEARTBEAT:
                self.drops["unexpected"] += 1

    def _deliver(self, msg: asyncwire.AsyncFrame) -> None:
        self.credit[msg.service] = max(0, self.credit[msg.service] - 1)
        component = self.config.components.get(msg.service)
        if component is None or not self.consuming:
            # Not ours (or we are leaving): give it back for someone else.
            self._send(asyncwire.pack(asyncwire.NACK, msg.service, id=msg.id,
                                      flags=asyncwire.FLAG_REQUEUE))
            return
        job = Job(component=component, received_ns=self.loop.now(), deadline_ns=None,
                  depth=0, origin_ns=msg.origin_ns, delivery=(msg.id, msg.service))
        self.server.stats.arrivals += 1
        self.server.submit(job, invited=True)

    def _tick(self) -> None:
        self.loop.later(HEARTBEAT_NS // 2, self._tick)
        if self.sock is None or not self.consuming:
            return
        now = self.loop.now()
        if now - self.last_heard >= SILENCE_NS:
            self._restart_consumer()
        elif now - self.last_sent >= HEARTBEAT_NS:
            self._send(asyncwire.pack(asyncwire.HEARTBEAT))

    def release(self) -> None:
        """At exit: hand back deliveries still waiting for a worker, then close."""
        for job in list(self.server.queue):
            if job.delivery is not None:
                delivery_id, queue = job.delivery
                self._send(asyncwire.pack(asyncwire.NACK, queue, id=delivery_id,
                                          flags=asyncwire.FLAG_REQUEUE))
        if self.sock is not None:
            self.loop.remove_reader(self.sock)
            self.sock.close(0)
            self.sock = None
