"""Sync calls: one DEALER per callee replica (from ROUTES), timeouts, retries with backoff,
circuit breakers and bulkheads (docs/protocol.md, "Requests (sync calls)"; the policies of
docs/scenario-format.md, "Calls").

Contract: :meth:`Caller.call` starts one call for a job and later invokes ``done(cause)``
exactly once — ``None`` on success, else the failure cause of the last attempt. It may invoke
``done`` before returning (an immediate failure); the server defers resumption itself.
"""

from __future__ import annotations

import collections
import itertools
import logging
import random
from typing import Callable, Deque, Dict, List, Optional, Tuple

import zmq

from . import reqwire
from .config import BreakerConfig, CallConfig, ServiceConfig
from .control import Replica, Routes
from .faults import FaultState
from .jsonrules import DecodeError
from .loop import Loop, Timer
from .server import Job, Knobs
from .sockets import make_caller, recv_bounded
from .stats import EdgeStats

log = logging.getLogger("clusterscope.agent")

Done = Callable[[Optional[str]], None]


class Breaker:
    """The scenario format's circuit breaker over the last ``window`` attempts."""

    def __init__(self, config: BreakerConfig) -> None:
        self.config = config
        self.outcomes: Deque[bool] = collections.deque(maxlen=config.window)
        self.state = "closed"
        self.open_until = 0
        self.trials_left = 0
        self.trial_failed = False
        self.trials_pending = 0

    def allow(self, now: int) -> bool:
        if self.state == "open":
            if now < self.open_until:
                return False
            self.state = "half_open"
            self.trials_left = self.config.half_open_calls
            self.trials_pending = 0
            self.trial_failed = False
        if self.state == "half_open":
            if self.trials_left == 0:
                return False
            self.trials_left -= 1
            self.trials_pending += 1
        return True

    def record(self, ok: bool, now: int) -> None:
        if self.state == "half_open":
            self.trials_pending -= 1
            self.trial_failed |= not ok
            if self.trial_failed:
                self._open(now)
            elif self.trials_left == 0 and self.trials_pending == 0:
                self.state = "closed"
                self.outcomes.clear()
            return
        if self.state != "closed":
            return
        self.outcomes.append(ok)
        failures = self.outcomes.count(False)
        if len(self.outcomes) >= self.config.min_calls and \
                failures / len(self.outcomes) >= self.config.failure_ratio:
            self._open(now)

    def _open(self, now: int) -> None:
        self.state = "open"
        self.open_until = now + int(self.config.open_s * 1e9)
        self.outcomes.clear()


class Attempt:
    __slots__ = ("run", "endpoint", "sent_ns", "timer", "request_id")

    def __init__(self, run: "CallRun", endpoint: str, request_id: int) -> None:
        self.run = run
        self.endpoint = endpoint
        self.request_id = request_id
        self.sent_ns = 0
        self.timer: Optional[Timer] = None


class CallRun:
    """One call of one job: its attempts, in order."""

    def __init__(self, caller: "Caller", call: CallConfig, job: Job, done: Done) -> None:
        self.caller = caller
        self.call = call
        self.job = job
        self.done = done
        self.attempts = 0


class Caller:
    def __init__(self, loop: Loop, ctx: zmq.Context, config: ServiceConfig,
                 rng: random.Random, faults: FaultState, knobs: Knobs,
                 edges: Dict[Tuple[Optional[str], str], EdgeStats],
                 node: Optional[str]) -> None:
        self.loop = loop
        self.ctx = ctx
        self.config = config
        self.rng = rng
        self.faults = faults
        self.knobs = knobs
        self.edges = edges
        self.node = node
        self.breakers = {key: Breaker(call.breaker) for call in config.all_calls()
                         for key in [(call.from_, call.to)] if call.breaker is not None}
        # component -> (target name in the header, ready replicas)
        self.targets: Dict[str, Tuple[str, List[Replica]]] = {}
        self.sockets: Dict[str, zmq.Socket] = {}
        self.outstanding: collections.Counter = collections.Counter()  # per endpoint
        self.pending: Dict[int, Attempt] = {}
        self.round_robin: collections.Counter = collections.Counter()
        self.ids = itertools.count(1)
        self.drops: collections.Counter = collections.Counter()

    def breaker_state(self, key: Tuple[Optional[str], str]) -> str:
        breaker = self.breakers.get(key)
        if breaker is None or not self.knobs.breakers:
            return "none"
        return breaker.state

    # -- routes -----------------------------------------------------------------------
    def update_routes(self, routes: Routes) -> None:
        self.targets.clear()
        for service in routes.services:
            self.targets[service.service] = ("", service.replicas)
            for module in service.modules:
                self.targets[module] = (module, service.replicas)
        wanted = {r.endpoint for _, reps in self.targets.values() for r in reps}
        for endpoint in list(self.sockets):
            # A socket that still waits for answers stays until they come or time out.
            if endpoint not in wanted and self.outstanding[endpoint] == 0:
                self.loop.remove_reader(self.sockets[endpoint])
                self.sockets.pop(endpoint).close(0)

    def _socket(self, endpoint: str) -> Optional[zmq.Socket]:
        """The DEALER for one replica; None when ZeroMQ cannot connect to that endpoint
        (ROUTES may name any scheme the document allows, http:// included)."""
        sock = self.sockets.get(endpoint)
        if sock is None:
            sock = make_caller(self.ctx)
            try:
                sock.connect(endpoint)
            except zmq.ZMQError as error:
                sock.close(0)
                log.warning("cannot connect to %s: %s", endpoint, error)
                return None
            self.sockets[endpoint] = sock
            self.loop.add_reader(sock, self._on_readable)
        return sock

    def _pick(self, component: str) -> Optional[Tuple[str, Replica]]:
        target, replicas = self.targets.get(component, ("", []))
        if not replicas:
            return None
        host = self.config.hosts.get(component, component)
        policy = self.config.lb.get(host, "round_robin")
        if policy == "random":
            choice = self.rng.choice(replicas)
        elif policy == "least_outstanding":
            choice = min(replicas, key=lambda r: self.outstanding[r.endpoint])
        elif policy == "power_of_two" and len(replicas) > 1:
            a, b = self.rng.sample(replicas, 2)
            choice = a if self.outstanding[a.endpoint] <= self.outstanding[b.endpoint] else b
        else:
            choice = replicas[self.round_robin[component] % len(replicas)]
            self.round_robin[component] += 1
        return target, choice

    # -- calling ----------------------------------------------------------------------
    def call(self, call: CallConfig, job: Job, done: Done) -> None:
        self._attempt(CallRun(self, call, job, done))

    def _fault_key(self, call: CallConfig) -> Tuple[str, str]:
        return (call.from_ or self.config.name, call.to)

    def _attempt(self, run: CallRun) -> None:
        call, key = run.call, (run.call.from_, run.call.to)
        edge = self.edges[key]
        now = self.loop.now()
        run.attempts += 1
        edge.count_call("sync")
        remaining = None if run.job.deadline_ns is None else run.job.deadline_ns - now
        if remaining is not None and remaining <= 0:
            return self._failed(run, "timeout", sent=False)
        # Refusals decided here, by the caller itself, are final: a retry would only be
        # refused again ("What an agent does", Calls). They still count as attempts.
        if run.job.depth >= reqwire.MAX_DEPTH:
            return self._failed(run, "too_deep", sent=False, retryable=False)
        if call.bulkhead is not None and edge.in_flight >= call.bulkhead:
            return self._failed(run, "bulkhead_full", sent=False, retryable=False)
        picked = self._pick(call.to)
        if picked is None:
            return self._failed(run, "no_replica", sent=False)
        # Asked last, so that every call it lets through (a half-open trial) gets an outcome.
        breaker = self.breakers.get(key) if self.knobs.breakers else None
        if breaker is not None and not breaker.allow(now):
            return self._failed(run, "circuit_open", sent=False, retryable=False)
        if self.faults.call_fail_first(self._fault_key(call)):
            return self._failed(run, "error", sent=True)
        target, replica = picked
        timeout = remaining
        if call.timeout_ms is not None and self.knobs.timeouts:
            own = int(call.timeout_ms * 1e6)
            timeout = own if timeout is None else min(timeout, own)
        attempt = Attempt(run, replica.endpoint, next(self.ids))
        header = reqwire.pack(reqwire.REQUEST, attempt.request_id, run.job.origin_ns,
                              flags=reqwire.FLAG_RETRY if run.attempts > 1 else 0,
                              depth=run.job.depth + 1, timeout_ns=timeout or 0,
                              target=target)
        attempt.sent_ns = now
        edge.in_flight += 1
        self.outstanding[replica.endpoint] += 1
        self.pending[attempt.request_id] = attempt
        if timeout is not None:
            attempt.timer = self.loop.later(timeout, self._timed_out, attempt)
        # Partitions and edge loss lose the request on the way: only the timeout tells.
        if self.faults.partitioned(self.node, replica.node) or \
                self.faults.call_dropped(self._fault_key(call)):
            return
        delay_ms = self.faults.call_delay_ms(self._fault_key(call))
        if delay_ms > 0:
            self.loop.later(int(delay_ms * 1e6), self._send, attempt, header)
        else:
            self._send(attempt, header)

    def _send(self, attempt: Attempt, header: bytes) -> None:
        if self.pending.get(attempt.request_id) is not attempt:
            return  # timed out while an emulated latency held it back
        sock = self._socket(attempt.endpoint)
        if sock is None:
            self._settle(attempt)
            self._failed(attempt.run, "no_replica", sent=False)
            return
        try:
            sock.send(header, zmq.NOBLOCK)
        except zmq.ZMQError:  # EAGAIN at the high-water mark
            self._settle(attempt)
            self._failed(attempt.run, "queue_full", sent=True)

    def _settle(self, attempt: Attempt) -> None:
        self.pending.pop(attempt.request_id, None)
        if attempt.timer is not None:
            attempt.timer.cancel()
        self.outstanding[attempt.endpoint] -= 1
        self.edges[(attempt.run.call.from_, attempt.run.call.to)].in_flight -= 1

    def _timed_out(self, attempt: Attempt) -> None:
        if self.pending.get(attempt.request_id) is attempt:
            self._settle(attempt)
            self._failed(attempt.run, "timeout", sent=True)

    def _on_readable(self, sock: zmq.Socket) -> None:
        for _ in range(64):
            frames = recv_bounded(sock, 2)
            if frames is None:
                return
            try:
                answer = reqwire.unpack(frames)
            except DecodeError as error:
                self.drops[error.reason] += 1
                continue
            attempt = self.pending.get(answer.request_id)
            if answer.kind == reqwire.REQUEST or attempt is None:
                self.drops["unexpected"] += 1  # late: its caller gave up on it
                continue
            self._settle(attempt)
            run = attempt.run
            if answer.kind == reqwire.REPLY:
                edge = self.edges[(run.call.from_, run.call.to)]
                edge.completed += 1
                edge.latency.record(self.loop.now() - attempt.sent_ns)
                self._record_breaker(run, True)
                run.done(None)
            else:
                self._failed(run, reqwire.CAUSES[answer.cause], sent=True)

    def _record_breaker(self, run: CallRun, ok: bool) -> None:
        breaker = self.breakers.get((run.call.from_, run.call.to))
        if breaker is not None and self.knobs.breakers:
            breaker.record(ok, self.loop.now())

    def _failed(self, run: CallRun, cause: str, sent: bool, retryable: bool = True) -> None:
        """One attempt failed. ``retryable`` is False for the caller's own refusals
        (``too_deep``, ``bulkhead_full``, ``circuit_open``); the same causes answered by a
        callee (its own calls refused) are retried like any other failure."""
        self.edges[(run.call.from_, run.call.to)].fail(cause, "sync")
        if sent:
            self._record_breaker(run, False)
        retries = run.call.retries if self.knobs.retries else 0
        if retryable and run.attempts <= retries:
            backoff_ns = int(run.call.backoff_ms * 1e6 * 2 ** (run.attempts - 1))
            self.loop.later(backoff_ns, self._attempt, run)
        else:
            run.done(cause)

    def close(self) -> None:
        for sock in self.sockets.values():
            self.loop.remove_reader(sock)
            sock.close(0)
        self.sockets.clear()
