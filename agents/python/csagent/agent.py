"""One replica of one service: the pieces wired together, commands obeyed, a clean exit.

Contract: ``Agent(...).run()`` blocks until SIGTERM or SIGINT (then drains for at most
``drain_s`` seconds, sends BYE and returns 0) or until the hub refuses this process for good
(returns 3). Everything runs on the calling thread. On return every socket is closed and the
ZeroMQ context terminated.
"""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import socket
import sys
import zlib
from typing import Dict, Optional, Tuple

import zmq

from . import control
from .actions import Fault
from .addresses import advertised
from .broker import BrokerClient
from .calls import Caller
from .config import ServiceConfig
from .connection import Connection
from .faults import ActiveFault, FaultState
from .hub import HubSession
from .loop import Loop, drain_fd, lower_timer_slack
from .metrics import MetricsServer, agent_page
from .server import Knobs, Server
from .sockets import make_control, make_requests
from .stats import EdgeStats, causes_json

log = logging.getLogger("clusterscope.agent")

EXIT_REFUSED = 3
BYE_LINGER_MS = 500
METRICS_EVERY_NS = 1_000_000_000  # /metrics shows figures at most this old
# Actions a replica carries out itself; the others belong to the launcher, the broker or
# the load generator, and are answered "unsupported".
AGENT_ACTIONS = {"slow_replica", "slow_service", "set_error_rate", "partition",
                 "heal_partition", "set_call_mode", "set_resilience"}


class Agent:
    def __init__(self, config: ServiceConfig, replica: int, conn: Connection, bind: str,
                 advertise: Optional[str] = None, node: Optional[str] = None,
                 instance: Optional[str] = None, seed: Optional[int] = None,
                 drain_s: float = 2.0, metrics: bool = True) -> None:
        self.config = config
        self.replica = replica
        self.node = node
        self.instance = instance or f"{config.name}#{replica}"
        self.drain_ns = int(drain_s * 1e9)
        self.exit_code = 0
        self.stopping = False
        self.ready = False
        self.announced_starting = False
        self.timer_slack_lowered = lower_timer_slack()
        if seed is None:
            # Reproducible per replica, unlike hash() of a string.
            seed = zlib.crc32(f"{config.seed}/{config.name}/{replica}".encode())
        self.rng = random.Random(seed)
        self.ctx = zmq.Context()
        self.loop = Loop()
        self.started_ns = self.loop.now()
        self.faults = FaultState(self.rng)
        self.knobs = Knobs()
        self.edges: Dict[Tuple[Optional[str], str], EdgeStats] = {
            (c.from_, c.to): EdgeStats(c.to, c.from_, c.mode) for c in config.all_calls()}
        requests, bound = make_requests(self.ctx, bind)
        # What HELLO announces: a wildcard address cannot be dialled, a host name can.
        self.endpoint = advertised(bound, bind, advertise)
        # /metrics on the same address, announced in HELLO the same way.
        self.metrics: Optional[MetricsServer] = None
        self.metrics_url: Optional[str] = None
        if metrics:
            self.metrics = MetricsServer(bind)
            self.metrics_url = advertised(self.metrics.url, bind, advertise)
        self.server = Server(self.loop, requests, config, self.rng, self.faults, self.knobs,
                             self.edges)
        self.caller = Caller(self.loop, self.ctx, config, self.rng, self.faults, self.knobs,
                             self.edges, node)
        self.broker = BrokerClient(self.loop, self.ctx, config, self.server, self.faults,
                                   self.edges)
        self.server.sync_call = self.caller.call
        self.server.publish = self.broker.publish
        hub_sock = make_control(self.ctx, conn.hub_public_key, conn.public_key,
                                conn.secret_key)
        hub_sock.connect(conn.hub)
        self.hub = HubSession(self.loop, hub_sock, self._hello, self._report,
                              self._command, self._routes, self._fatal)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self.loop.add_fd_reader(self._wake_r.fileno(), self._on_wakeup)
        self._signals: list = []

    # -- life cycle -------------------------------------------------------------------
    def run(self) -> int:
        old_fd = signal.set_wakeup_fd(self._wake_w.fileno())
        previous = {sig: signal.signal(sig, self._on_signal)
                    for sig in (signal.SIGTERM, signal.SIGINT)}
        log.info("%s serving on %s", self.instance, self.endpoint)
        try:
            if self.metrics is not None:
                self._render_metrics()
            self.hub.start()
            self.loop.run()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            signal.set_wakeup_fd(old_fd)
            self._close()
        return self.exit_code

    def _on_signal(self, signum: int, _frame: object) -> None:
        self._signals.append(signum)  # acted on by the loop, woken through the wakeup fd

    def _on_wakeup(self, fd: int) -> None:
        drain_fd(fd)
        while self._signals:
            self._signals.pop(0)
            self.request_stop()

    def request_stop(self) -> None:
        if self.stopping:
            self._leave()  # a second signal: leave now
            return
        self.stopping = True
        self.loop.resume()
        self.server.draining = True
        self.broker.stop_consuming()
        self.hub.report_now()  # tell the hub at once: state "draining"
        deadline = self.loop.now() + self.drain_ns
        self._drain_check(deadline)

    def _drain_check(self, deadline: int) -> None:
        if self.server.in_flight == 0 or self.loop.now() >= deadline:
            self._leave()
        else:
            self.loop.later(10_000_000, self._drain_check, deadline)

    def _leave(self) -> None:
        self.hub.bye("shutting down")
        self.loop.stop()

    def _fatal(self, message: str) -> None:
        log.error("%s", message)
        self.exit_code = EXIT_REFUSED
        self.loop.stop()

    def _render_metrics(self) -> None:
        self.metrics.publish(agent_page(self))
        # On through an emulated pause too: the page is the process's, not the service's.
        self.loop.later(METRICS_EVERY_NS, self._render_metrics, during_pause=True)

    def _close(self) -> None:
        if self.metrics is not None:
            self.metrics.close()
        self.broker.release()
        self.caller.close()
        self.server.cancel_all()
        self.server.sock.close(0)
        # LINGER 0 everywhere, except a bounded wait here so that the BYE leaves.
        self.hub.sock.close(BYE_LINGER_MS)
        self.ctx.term()
        self._wake_r.close()
        self._wake_w.close()

    # -- what the hub reads -----------------------------------------------------------
    def _hello(self) -> dict:
        body: dict = {"minor": control.MINOR, "role": "agent", "instance": self.instance,
                      "service": self.config.name, "replica": self.replica,
                      "language": "python", "pid": os.getpid(),
                      "workers": self.config.workers,
                      "calls": [self._call_json(c) for c in self.config.all_calls()][:256],
                      "endpoints": {"requests": self.endpoint}}
        if self.metrics_url is not None:
            body["endpoints"]["metrics"] = self.metrics_url
        if self.node is not None:
            body["node"] = self.node
        if self.config.queue_capacity is not None:
            body["queue_capacity"] = self.config.queue_capacity
        if self.config.monolith:
            body["modules"] = self.config.modules
        return body

    def _call_json(self, call) -> dict:
        body = {"to": call.to, "mode": self.knobs.modes.get((call.from_, call.to), call.mode)}
        if call.from_ is not None:
            body["from"] = call.from_
        return body

    def state(self) -> str:
        if self.stopping:
            return "draining"
        if not self.announced_starting:
            self.announced_starting = True
            return "starting"
        if not self.ready and \
                self.loop.now() - self.started_ns >= self.config.startup_s * 1e9:
            self.ready = True
            self.broker.start_consuming()
        return "ready" if self.ready else "starting"

    def error_rate(self) -> float:
        """The largest error rate in force, the scenario's own included."""
        return max((self.server.error_rate(c) for c in self.config.components.values()),
                   default=0.0)

    def _report(self) -> dict:
        server = self.server
        stats = server.stats
        section: dict = {
            "arrivals": stats.arrivals, "completed": stats.completed, "failed": stats.failed,
            "queued": len(server.queue), "busy": server.busy,
            "workers": self.config.workers, "in_flight": server.in_flight,
            "slow_factor": self.knobs.slow_factor, "error_rate": self.error_rate(),
            "edges": [edge.to_json(self.caller.breaker_state(key))
                      for key, edge in self.edges.items()][:256],
            "latency": stats.latency.to_json()}
        causes = causes_json(stats.by_cause)
        if causes:
            section["failed_by_cause"] = causes
        faults = self.faults.to_json()
        if faults:
            section["faults"] = faults
        return {"time_ns": self.loop.now(), "state": self.state(), "service": section}

    def _routes(self, routes: control.Routes) -> None:
        self.caller.update_routes(routes)
        self.broker.set_endpoint(routes.broker)

    # -- commands ---------------------------------------------------------------------
    def _mine(self, service: str) -> bool:
        """A service name or one of this host's modules (a module stands for its host)."""
        return service == self.config.name or service in self.config.components

    def _command(self, cmd: control.Command) -> Tuple[bool, Optional[str]]:
        if cmd.target is not None and cmd.target != self.instance:
            return False, f"this process is {self.instance}, not {cmd.target}"
        if cmd.reset_faults:
            self._reset_faults()
            return True, None
        if cmd.fault is not None:
            return self._fault(cmd.fault)
        action = cmd.action
        name = action["action"]
        if name not in AGENT_ACTIONS:
            return False, "unsupported"
        service = action.get("service")
        if name == "slow_replica":
            if self._mine(service) and action["replica"] == self.replica:
                self.knobs.slow_factor = action["factor"]
        elif name == "slow_service":
            if self._mine(service):
                self.knobs.slow_factor = action["factor"]
        elif name == "set_error_rate":
            if service == self.config.name:
                for comp in self.config.components:
                    self.knobs.error_rates[comp] = action["rate"]
            elif service in self.config.components:
                self.knobs.error_rates[service] = action["rate"]
        elif name == "partition":
            self.faults.partitions.add(frozenset(action["nodes"]))
        elif name == "heal_partition":
            self.faults.partitions.discard(frozenset(action["nodes"]))
        elif name == "set_call_mode":
            for call in self.config.all_calls():
                origin = call.from_ or self.config.name
                if "from" not in action or (origin == action["from"]
                                            and call.to == action["to"]):
                    key = (call.from_, call.to)
                    self.knobs.modes[key] = action["mode"]
                    self.edges[key].mode = action["mode"]
        elif name == "set_resilience":
            self.knobs.timeouts = action.get("timeouts", self.knobs.timeouts)
            self.knobs.retries = action.get("retries", self.knobs.retries)
            self.knobs.breakers = action.get("circuit_breaker", self.knobs.breakers)
        # An action that names another service or node changes nothing here: still ok.
        return True, None

    def _fault(self, fault: Fault) -> Tuple[bool, Optional[str]]:
        if fault.on_edge:
            if not self._mine(fault.from_):
                return True, None
        elif not self._mine(fault.service) or \
                (fault.replica is not None and fault.replica != self.replica):
            return True, None
        entry = self.faults.add(fault)
        if fault.fault == "pause":
            # Emulates SIGSTOP: nothing read, nothing fired, no report, until it ends.
            self.faults.remove(entry)
            self.loop.pause()
            if fault.duration_s > 0:
                self.loop.later(int(fault.duration_s * 1e9), self.loop.resume,
                                during_pause=True)
        elif entry.expires_ns is not None:
            self.loop.at(entry.expires_ns, self._expire, entry, during_pause=True)
        return True, None

    def _expire(self, entry: ActiveFault) -> None:
        self.faults.remove(entry)

    def _reset_faults(self) -> None:
        self.faults.clear()
        self.loop.resume()
        self.knobs.slow_factor = 1.0
        self.knobs.error_rates.clear()  # back to the scenario's own rates

    # -- figures at exit --------------------------------------------------------------
    def summary(self) -> dict:
        late = self.loop.lateness
        drops = {}
        for counter in (self.server.drops, self.caller.drops, self.broker.drops,
                        self.hub.drops):
            for reason, n in counter.items():
                drops[reason] = drops.get(reason, 0) + n
        return {"instance": self.instance, "arrivals": self.server.stats.arrivals,
                "completed": self.server.stats.completed, "failed": self.server.stats.failed,
                "joins": self.hub.joins, "reports": self.hub.seq,
                "internal_errors": self.loop.errors,
                "timer_slack_lowered": self.timer_slack_lowered,
                "timer_lateness_us": {
                    "count": late.count,
                    "mean": round(late.sum_ns / late.count / 1e3, 1) if late.count else 0,
                    "p50": late.percentile(50) / 1e3, "p90": late.percentile(90) / 1e3,
                    "p99": late.percentile(99) / 1e3, "max": late.max_ns / 1e3},
                "dropped": drops}


def print_summary(agent: Agent) -> None:
    print("clusterscope-agent summary " + json.dumps(agent.summary()), file=sys.stderr,
          flush=True)
