"""The Prometheus page (docs/protocol.md, "/metrics"): the agents' families in the text
format 0.0.4, and a small HTTP server for it.

Contract: :class:`Page` collects samples family by family and renders them with one HELP and
one TYPE line each (base units, counters ending in ``_total``, label values escaped).
:func:`agent_page` builds an agent's page from its counters; it reads them, so it runs on
the loop's thread. :class:`MetricsServer` serves the last page given to :meth:`publish` at
``GET /metrics`` from a thread of its own: rendering stays on the loop thread, the server only
hands out bytes (a Python ``bytes`` assignment is atomic).
"""

from __future__ import annotations

import http.server
import socket
import threading
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .addresses import bind_address
from .histogram import LE_BOUNDS_NS, Histogram
from .jsonrules import REASONS
from .reqwire import CAUSES

Labels = Sequence[Tuple[str, str]]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# The nine failure causes, in their wire order; `none` is a failure without a cause (a reply
# that could not be sent): the document's `cause` label has no name for it (see
# PROTOCOL-QUESTIONS.md).
FAILURE_CAUSES = [CAUSES[n] for n in sorted(CAUSES)]
NO_CAUSE = "none"
PLANES = ("control", "request", "async")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(labels: Labels) -> str:
    if not labels:
        return ""
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in labels) + "}"


def _number(value) -> str:
    if isinstance(value, int):
        return str(value)
    return repr(float(value))  # shortest text that reads back as the same double


def _le(seconds_ns: int) -> str:
    # The shortest decimal ("5e-05", "0.00025", "1", "10"), as Prometheus' own client writes
    # its bounds, so equal bounds of different processes are equal label values.
    return format(seconds_ns / 1e9, "g")


class Page:
    def __init__(self) -> None:
        self._families: Dict[str, Tuple[str, str, List[str]]] = {}  # in insertion order

    def _family(self, name: str, kind: str, help_text: str) -> List[str]:
        family = self._families.setdefault(name, (kind, help_text, []))
        assert family[0] == kind, f"{name} declared twice with different types"
        return family[2]

    def counter(self, name: str, help_text: str, value: int, labels: Labels) -> None:
        self._family(name, "counter", help_text).append(
            f"{name}{_labels(labels)} {_number(value)}")

    def gauge(self, name: str, help_text: str, value, labels: Labels) -> None:
        self._family(name, "gauge", help_text).append(
            f"{name}{_labels(labels)} {_number(value)}")

    def histogram(self, name: str, help_text: str, histograms: Iterable[Histogram],
                  labels: Labels) -> None:
        """One histogram in seconds: the sum of ``histograms`` (several edges may share one
        label set), cumulative `le` buckets, then +Inf, _sum and _count."""
        histograms = list(histograms)
        lines = self._family(name, "histogram", help_text)
        cumulative = 0
        for i, bound in enumerate(LE_BOUNDS_NS):
            cumulative += sum(h.le_counts[i] for h in histograms)
            lines.append(f"{name}_bucket{_labels(list(labels) + [('le', _le(bound))])} "
                         f"{cumulative}")
        count = sum(h.count for h in histograms)
        lines.append(f"{name}_bucket{_labels(list(labels) + [('le', '+Inf')])} {count}")
        sum_s = sum(h.sum_ns for h in histograms) / 1e9
        lines.append(f"{name}_sum{_labels(labels)} {_number(sum_s)}")
        lines.append(f"{name}_count{_labels(labels)} {count}")

    def text(self) -> str:
        out: List[str] = []
        for name, (kind, help_text, lines) in self._families.items():
            out.append(f"# HELP {name} {help_text}")
            out.append(f"# TYPE {name} {kind}")
            out.extend(lines)
        return "\n".join(out) + "\n"


def agent_page(agent) -> str:
    """An agent's families, as the document's table lists them, with `service` and `replica`
    on every sample. ``agent`` is a :class:`csagent.agent.Agent`."""
    base = [("service", agent.config.name), ("replica", str(agent.replica))]
    server, stats = agent.server, agent.server.stats
    page = Page()
    page.counter("clusterscope_requests_received_total", "Requests received (arrivals)",
                 stats.arrivals, base)
    page.counter("clusterscope_requests_completed_total", "Requests answered with a REPLY",
                 stats.completed, base)
    failed_help = ("Requests answered with an ERROR, or dropped (cause none: a reply that "
                   "could not be sent)")
    for cause in FAILURE_CAUSES:
        page.counter("clusterscope_requests_failed_total", failed_help,
                     stats.by_cause.get(cause, 0), base + [("cause", cause)])
    page.counter("clusterscope_requests_failed_total", failed_help,
                 stats.failed - sum(stats.by_cause.values()), base + [("cause", NO_CAUSE)])
    page.histogram("clusterscope_request_duration_seconds",
                   "Receipt to reply of completed requests", [stats.latency], base)
    page.gauge("clusterscope_queued_requests", "Requests waiting for a worker",
               len(server.queue), base)
    page.gauge("clusterscope_busy_workers", "Workers holding a request", server.busy, base)
    page.gauge("clusterscope_workers", "Workers of the pool", agent.config.workers, base)
    page.gauge("clusterscope_slow_factor", "Service-time factor in force",
               float(agent.knobs.slow_factor), base)
    page.gauge("clusterscope_error_rate", "Largest error rate in force",
               float(agent.error_rate()), base)

    # The document's labels are `to` and `mode`: edges of a monolith's modules that call the
    # same target add up. An edge counts under each mode it has made calls in, and always
    # under its mode now (a zero until it calls).
    calls: Dict[Tuple[str, str], int] = {}
    failed: Dict[Tuple[str, str, Optional[str]], int] = {}
    latency: Dict[str, List[Histogram]] = {}
    for edge in agent.edges.values():
        calls.setdefault((edge.to, edge.mode), 0)
        for mode, n in edge.calls_by_mode.items():
            calls[(edge.to, mode)] = calls.get((edge.to, mode), 0) + n
        for (mode, cause), n in edge.failed_by_mode.items():
            failed[(edge.to, mode, cause)] = failed.get((edge.to, mode, cause), 0) + n
        latency.setdefault(edge.to, []).append(edge.latency)
    for (to, mode), n in sorted(calls.items()):
        page.counter("clusterscope_calls_total",
                     "Call attempts made on each edge, retries and local refusals included "
                     "(async: publishes)", n, base + [("to", to), ("mode", mode)])
    for to, mode in sorted(calls):
        for cause in FAILURE_CAUSES + [None]:
            n = failed.get((to, mode, cause), 0)
            if cause is None and n == 0:
                continue  # edges fail with a cause; none is listed only if it happens
            page.counter("clusterscope_calls_failed_total", "Call attempts that failed", n,
                         base + [("to", to), ("mode", mode), ("cause", cause or NO_CAUSE)])
    for to, histograms in sorted(latency.items()):
        page.histogram("clusterscope_call_duration_seconds",
                       "Call latency of completed calls (async: PUBLISH to PUBLISH_ACK)",
                       histograms, base + [("to", to)])

    drops = {"control": [agent.hub.drops], "request": [server.drops, agent.caller.drops],
             "async": [agent.broker.drops]}
    for plane in PLANES:
        for reason in REASONS:
            page.counter("clusterscope_dropped_messages_total",
                         "Incoming messages refused by the decoders",
                         sum(d.get(reason, 0) for d in drops[plane]),
                         base + [("plane", plane), ("reason", reason)])
    return page.text()


class _Handler(http.server.BaseHTTPRequestHandler):
    timeout = 5  # seconds a client may take: one slow client cannot hold the server long

    def do_GET(self) -> None:  # noqa: N802 (the http.server naming)
        if self.path.split("?", 1)[0] != "/metrics":
            self.send_error(404, "only /metrics is served here")
            return
        body = self.server.page  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:
        pass  # a scrape a second is not news


class _Server(http.server.HTTPServer):
    page = b""


class _Server6(_Server):
    address_family = socket.AF_INET6


class MetricsServer:
    """``GET /metrics`` on ``host`` (the agent's --bind), a port the system chooses."""

    def __init__(self, host: str) -> None:
        if host == "*":
            host = "0.0.0.0"
        host = host.strip("[]")
        cls = _Server6 if ":" in host else _Server
        self._server = cls((host, 0), _Handler)
        bound_host, port = self._server.server_address[:2]
        self.url = f"http://{bind_address(bound_host)}:{port}/metrics"  # before --advertise
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.2,),
                                        name="metrics", daemon=True)
        self._thread.start()

    def publish(self, text: str) -> None:
        self._server.page = text.encode()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
