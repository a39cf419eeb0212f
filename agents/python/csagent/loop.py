"""A single-threaded event loop: a deadline heap and ZeroMQ sockets, woken precisely.

Contract: everything runs on the thread that calls :meth:`Loop.run`. Timers fire in
(deadline, creation order); a cancelled timer never fires. Readers are called while their
socket has a message pending and must read without blocking. :meth:`Loop.pause` emulates a
stopped process: until :meth:`Loop.resume`, only timers and readers marked
``during_pause`` run.

Why not ``zmq.Poller``: its timeout is whole milliseconds, so a 20 ms service time would end
up to 1 ms late. Instead each socket's ``ZMQ_FD`` goes into ``select()``, whose timeout has
microsecond resolution, with the timer slack lowered to 1 µs. ``ZMQ_FD`` is edge-triggered:
the loop sleeps only after an iteration in which it read nothing, fired nothing and so sent
nothing, having checked ``ZMQ_EVENTS`` of every socket — the documented safe pattern.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import logging
import os
import select
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

import zmq

from .histogram import Histogram

log = logging.getLogger("clusterscope.agent")

PR_SET_TIMERSLACK = 29
READ_BATCH = 64  # messages read from one socket before the others get a turn


def lower_timer_slack() -> bool:
    """Ask the kernel for 1 µs timer slack (default 50 µs); harmless if refused."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_TIMERSLACK, 1000, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


class Timer:
    __slots__ = ("when", "fn", "args", "cancelled", "precise", "during_pause")

    def __init__(self, when: int, fn: Callable[..., Any], args: Tuple[Any, ...],
                 precise: bool, during_pause: bool) -> None:
        self.when = when
        self.fn = fn
        self.args = args
        self.cancelled = False
        self.precise = precise
        self.during_pause = during_pause

    def cancel(self) -> None:
        self.cancelled = True


class Loop:
    def __init__(self) -> None:
        self._heaps: Dict[bool, List[Tuple[int, int, Timer]]] = {False: [], True: []}
        self._order = itertools.count()
        self._readers: Dict[zmq.Socket, Tuple[Callable[[zmq.Socket], None], bool]] = {}
        self._fd_readers: Dict[int, Tuple[Callable[[int], None], bool]] = {}
        self._running = False
        self._paused = False
        self._pause_started = 0
        self.errors = 0  # exceptions caught around callbacks: each one is a bug
        # Lateness of precise timers (service times): how long after its deadline each fired.
        self.lateness = Histogram()

    # -- timers -----------------------------------------------------------------------
    @staticmethod
    def now() -> int:
        return time.monotonic_ns()

    def at(self, when_ns: int, fn: Callable[..., Any], *args: Any, precise: bool = False,
           during_pause: bool = False) -> Timer:
        timer = Timer(when_ns, fn, args, precise, during_pause)
        heapq.heappush(self._heaps[during_pause], (when_ns, next(self._order), timer))
        return timer

    def later(self, delay_ns: int, fn: Callable[..., Any], *args: Any, precise: bool = False,
              during_pause: bool = False) -> Timer:
        return self.at(time.monotonic_ns() + max(0, int(delay_ns)), fn, *args,
                       precise=precise, during_pause=during_pause)

    # -- sockets ----------------------------------------------------------------------
    def add_reader(self, sock: zmq.Socket, handler: Callable[[zmq.Socket], None],
                   during_pause: bool = False) -> None:
        self._readers[sock] = (handler, during_pause)

    def remove_reader(self, sock: zmq.Socket) -> None:
        self._readers.pop(sock, None)

    def add_fd_reader(self, fd: int, handler: Callable[[int], None],
                      during_pause: bool = True) -> None:
        self._fd_readers[fd] = (handler, during_pause)

    # -- pause emulation --------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        if not self._paused:
            self._paused = True
            self._pause_started = time.monotonic_ns()

    def resume(self) -> None:
        self._paused = False

    # -- running ----------------------------------------------------------------------
    def stop(self) -> None:
        self._running = False

    def _guarded(self, fn: Callable[..., Any], *args: Any) -> None:
        """A bug in one callback must not take the replica down: log it, count it, go on.
        (Malformed input never gets here: decoders refuse it before any callback.)"""
        try:
            fn(*args)
        except Exception:  # noqa: BLE001 - the loop is the last line of defence
            self.errors += 1
            log.exception("internal error in %s (carrying on)", getattr(fn, "__name__", fn))

    def _fire_due(self) -> bool:
        fired = False
        for held in (False, True):
            if held is False and self._paused:
                continue
            heap = self._heaps[held]
            now = time.monotonic_ns()
            while heap and heap[0][0] <= now:
                _, _, timer = heapq.heappop(heap)
                if timer.cancelled:
                    continue
                # Timers held back by a pause are late on purpose: keep them out of the figure.
                if timer.precise and timer.when >= self._pause_started:
                    self.lateness.record(time.monotonic_ns() - timer.when)
                self._guarded(timer.fn, *timer.args)
                fired = True
                if not self._running:
                    return True
        return fired

    def _next_deadline(self) -> Optional[int]:
        deadlines = []
        for held in (False, True):
            if held is False and self._paused:
                continue
            heap = self._heaps[held]
            while heap and heap[0][2].cancelled:
                heapq.heappop(heap)
            if heap:
                deadlines.append(heap[0][0])
        return min(deadlines) if deadlines else None

    def _read_sockets(self) -> bool:
        got = False
        for sock, (handler, during_pause) in list(self._readers.items()):
            if self._paused and not during_pause:
                continue
            if sock.closed or sock not in self._readers:
                continue
            if sock.getsockopt(zmq.EVENTS) & zmq.POLLIN:
                self._guarded(handler, sock)
                got = True
                if not self._running:
                    break
        return got

    def run(self) -> None:
        self._running = True
        while self._running:
            if self._fire_due() | self._read_sockets():
                continue  # something may have been sent: look at every socket again
            deadline = self._next_deadline()
            timeout = None
            if deadline is not None:
                timeout = max(0, deadline - time.monotonic_ns()) / 1e9
            fds = [fd for fd, (_, dp) in self._fd_readers.items() if dp or not self._paused]
            socks = {s.getsockopt(zmq.FD): s for s, (_, dp) in self._readers.items()
                     if (dp or not self._paused) and not s.closed}
            try:
                ready, _, _ = select.select(fds + list(socks), [], [], timeout)
            except (OSError, ValueError):
                # ValueError: a descriptor above FD_SETSIZE; fall back to a short nap.
                time.sleep(0.0005 if timeout is None else min(timeout, 0.0005))
                continue
            for fd in ready:
                if fd in self._fd_readers:
                    self._fd_readers[fd][0](fd)


def drain_fd(fd: int) -> None:
    try:
        while os.read(fd, 512):
            pass
    except (BlockingIOError, InterruptedError):
        pass
