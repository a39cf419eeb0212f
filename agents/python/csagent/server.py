"""Serving requests: the request ROUTER, the queue, the workers and each request's work.

Contract: :class:`Server` owns the request socket. A request (or a broker delivery) becomes a
:class:`Job`; a job holds a worker from when it leaves the queue until it is answered. A job's
work is a generator that yields what it waits for — :class:`Sleep` (its service time) or
:class:`SyncCall` — and returns a failure cause or None; the loop resumes it, so no worker
is ever a thread and no wait ever blocks the loop.
"""

from __future__ import annotations

import collections
import random
from dataclasses import dataclass, field
from typing import Callable, Deque, Dict, Generator, Optional, Tuple

import zmq

from . import reqwire
from .config import CallConfig, Component, ServiceConfig
from .faults import FaultState
from .jsonrules import DecodeError
from .loop import Loop, Timer
from .sockets import recv_bounded
from .stats import EdgeStats, ServiceStats

MAX_IN_PROCESS_DEPTH = 64


@dataclass
class Knobs:
    """What commands change at run time."""

    slow_factor: float = 1.0
    error_rates: Dict[str, float] = field(default_factory=dict)  # component -> rate in force
    modes: Dict[Tuple[Optional[str], str], str] = field(default_factory=dict)
    timeouts: bool = True
    retries: bool = True
    breakers: bool = True


@dataclass
class Sleep:
    ns: int


@dataclass
class SyncCall:
    call: CallConfig


@dataclass
class Job:
    component: Component
    received_ns: int
    deadline_ns: Optional[int]
    depth: int
    origin_ns: int
    # A request has a routing id; a broker delivery has its delivery id and service.
    identity: Optional[bytes] = None
    request_id: int = 0
    delivery: Optional[Tuple[int, str]] = None
    timer: Optional[Timer] = None
    work: Optional[Generator] = None
    done: bool = False


Work = Generator[object, Optional[str], Optional[str]]


class Server:
    def __init__(self, loop: Loop, sock: zmq.Socket, config: ServiceConfig,
                 rng: random.Random, faults: FaultState, knobs: Knobs,
                 edges: Dict[Tuple[Optional[str], str], EdgeStats]) -> None:
        self.loop = loop
        self.sock = sock
        self.config = config
        self.rng = rng
        self.faults = faults
        self.knobs = knobs
        self.edges = edges
        self.stats = ServiceStats()
        self.queue: Deque[Job] = collections.deque()
        self.busy = 0
        self.delayed = 0  # requests held back by a latency fault, not yet arrived
        self.draining = False
        self.drops: collections.Counter = collections.Counter()
        # Wired by the agent: sync calls, async publishes, delivery completion, credit.
        self.sync_call: Callable[[CallConfig, Job, Callable[[Optional[str]], None]], None]
        self.publish: Callable[[CallConfig, Job], None]
        self.delivery_done: Callable[[Job, bool], None]
        self.workers_changed: Callable[[], None] = lambda: None
        loop.add_reader(sock, self._on_readable)

    # -- gauges -----------------------------------------------------------------------
    @property
    def free_workers(self) -> int:
        return max(0, self.config.workers - self.busy - len(self.queue))

    @property
    def in_flight(self) -> int:
        return self.busy + len(self.queue)

    # -- receiving --------------------------------------------------------------------
    def _on_readable(self, sock: zmq.Socket) -> None:
        for _ in range(64):
            frames = recv_bounded(sock, 3)
            if frames is None:
                return
            read_ns = self.loop.now()
            if len(frames) < 2 or len(frames) > 3:
                self.drops["frame_count"] += 1
                continue
            try:
                req = reqwire.unpack(frames[1:])
            except DecodeError as error:
                self.drops[error.reason] += 1
                continue
            if req.kind != reqwire.REQUEST:
                self.drops["unknown_type"] += 1  # a reply or error has no business here
                continue
            self._received(frames[0], req, read_ns)

    def _received(self, identity: bytes, req: reqwire.ReqFrame, read_ns: int) -> None:
        # Emulated network faults: the request never reached the service, so it is
        # counted neither as an arrival nor as a failure (the caller learns by timeout).
        if self.faults.incoming_dropped():
            self.drops["fault"] += 1
            return
        delay_ms = self.faults.incoming_delay_ms()
        if delay_ms > 0:
            self.delayed += 1
            self.loop.later(int(delay_ms * 1e6), self._delayed_arrival, identity, req, read_ns)
            return
        self._arrive(identity, req, read_ns, read_ns)

    def _delayed_arrival(self, identity: bytes, req: reqwire.ReqFrame, read_ns: int) -> None:
        self.delayed -= 1
        self._arrive(identity, req, read_ns, self.loop.now())

    def _arrive(self, identity: bytes, req: reqwire.ReqFrame, read_ns: int,
                arrived_ns: int) -> None:
        self.stats.arrivals += 1
        # The budget counts from the socket read: an emulated delay eats into it.
        deadline = read_ns + req.timeout_ns if req.timeout_ns else None
        component = self.config.serves(req.target)
        job = Job(component=component, received_ns=arrived_ns, deadline_ns=deadline,
                  depth=req.depth, origin_ns=req.origin_ns, identity=identity,
                  request_id=req.request_id)
        if component is None or self.draining:
            self._answer(job, "no_replica")
        elif self.faults.incoming_fail_first():
            self._answer(job, "error")
        else:
            self.submit(job)

    def submit(self, job: Job, invited: bool = False) -> None:
        """Start ``job`` on a free worker or queue it. A broker delivery is ``invited`` (its
        credit was granted) and never refused for a full queue."""
        if self.busy < self.config.workers and not self.queue:
            self._start(job)
        elif (not invited and self.config.queue_capacity is not None
              and len(self.queue) >= self.config.queue_capacity):
            self._answer(job, "queue_full")
        else:
            self.queue.append(job)

    # -- working ----------------------------------------------------------------------
    def _start(self, job: Job) -> None:
        self.busy += 1
        job.work = self._work(job.component, job, 0)
        self._step(job, None)

    def _step(self, job: Job, value: Optional[str]) -> None:
        job.timer = None
        try:
            op = job.work.send(value)
        except StopIteration as stop:
            self._finish(job, stop.value)
            return
        if isinstance(op, Sleep):
            job.timer = self.loop.later(op.ns, self._step, job, None, precise=True)
        else:
            # The call may fail at once; resume from the loop, never from inside send().
            self.sync_call(op.call, job,
                           lambda cause: self.loop.later(0, self._step, job, cause))

    def error_rate(self, component: Component) -> float:
        return self.knobs.error_rates.get(component.name, component.error_rate)

    def _work(self, component: Component, job: Job, nesting: int) -> Work:
        """Service time, then the component's calls in order (docs/scenario-format.md)."""
        ns = int(component.service_time.sample(self.rng) * 1e6 * self.knobs.slow_factor)
        if ns > 0:
            yield Sleep(ns)
        rate = self.error_rate(component)
        if rate > 0 and self.rng.random() < rate:
            return "error"
        for call in component.calls:
            if call.probability < 1 and self.rng.random() >= call.probability:
                continue
            sibling = self.config.components.get(call.to) if self.config.monolith else None
            if sibling is not None:
                cause = yield from self._in_process(call, sibling, job, nesting)
            elif self.knobs.modes.get((call.from_, call.to), call.mode) == "async":
                self.publish(call, job)  # the caller goes on at once
                cause = None
            else:
                # The caller refuses a call too deep in the chain (too_deep) as an attempt
                # of the edge, counted there.
                cause = yield SyncCall(call)
            if cause is not None and call.required:
                return cause
        return None

    def _in_process(self, call: CallConfig, sibling: Component, job: Job,
                    nesting: int) -> Work:
        """A call between modules of one monolith runs on the caller's worker."""
        edge = self.edges[(call.from_, call.to)]
        edge.count_call()
        edge.in_flight += 1
        start = self.loop.now()
        if nesting >= MAX_IN_PROCESS_DEPTH:
            cause: Optional[str] = "too_deep"
        else:
            cause = yield from self._work(sibling, job, nesting + 1)
        edge.in_flight -= 1
        if cause is None:
            edge.completed += 1
            edge.latency.record(self.loop.now() - start)
        else:
            edge.fail(cause)
        return cause

    def _finish(self, job: Job, cause: Optional[str]) -> None:
        self.busy -= 1
        job.done = True
        if job.delivery is not None:
            self._count(job, cause, True)
            self.delivery_done(job, cause is None)
        else:
            self._answer(job, cause)
        self._next()

    def _next(self) -> None:
        while self.queue and self.busy < self.config.workers:
            job = self.queue.popleft()
            if job.deadline_ns is not None and self.loop.now() >= job.deadline_ns:
                # Its caller has given up: answer cheaply instead of serving it.
                if job.delivery is None:
                    self._answer(job, "timeout")
                    continue
            self._start(job)
        self.workers_changed()

    # -- answering --------------------------------------------------------------------
    def _count(self, job: Job, cause: Optional[str], sent: bool) -> None:
        if cause is None and sent:
            self.stats.completed += 1
            self.stats.latency.record(self.loop.now() - job.received_ns)
        else:
            self.stats.fail(cause)

    def _answer(self, job: Job, cause: Optional[str]) -> None:
        elapsed = max(0, self.loop.now() - job.received_ns)
        if cause is None:
            header = reqwire.pack(reqwire.REPLY, job.request_id, job.origin_ns,
                                  depth=job.depth, elapsed_ns=elapsed)
        else:
            header = reqwire.pack(reqwire.ERROR, job.request_id, job.origin_ns,
                                  cause=reqwire.CAUSE_NUMBERS[cause], depth=job.depth,
                                  elapsed_ns=elapsed)
        sent = False
        if self.faults.blackholed():
            self.drops["fault"] += 1
        else:
            try:
                self.sock.send_multipart([job.identity, header], zmq.NOBLOCK)
                sent = True
            except zmq.ZMQError:  # EHOSTUNREACH: the caller is gone; EAGAIN: it is full
                self.drops["reply_unsent"] += 1
        # An unsent reply is a failure without a cause: nobody got an answer.
        self._count(job, cause, sent)

    def cancel_all(self) -> None:
        """Forget every job (at exit): their timers must not fire into a closed socket."""
        for job in self.queue:
            job.done = True
        self.queue.clear()
