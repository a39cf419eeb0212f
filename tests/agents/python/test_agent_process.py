"""The Python agent as a real process against a mock hub, mock callers, a mock callee and a
mock broker, all written from docs/protocol.md. Loopback only, ports chosen by the system,
every process reaped by the test's cleanup."""

from __future__ import annotations

import functools
import json
import math
import os
import random
import signal
import struct
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import zmq  # noqa: E402
import zmq.auth  # noqa: E402

from doc_checker import (REQ, check_agent_metrics, check_hello, check_report,  # noqa: E402
                         doc_percentile, parse_metrics)
from harness import AgentProcess, Caller, promtool_problems, scrape  # noqa: E402
from mock_hub import BYE, COMMAND_RESULT, HELLO, REPORT, MockHub  # noqa: E402

EXPONENTIAL_20 = '{"dist": "exponential", "mean": 20}'


def figure(text: str) -> None:
    """Figures the report quotes: printed so that a verbose run shows them."""
    print(f"\n  [figure] {text}", file=sys.stderr, flush=True)


class AgentTestCase(unittest.TestCase):
    def start_hub(self, **kwargs) -> MockHub:
        hub = MockHub(**kwargs)
        self.addCleanup(hub.close)
        return hub

    def start_agent(self, hub: MockHub, *args: str, service: str = "orders") -> AgentProcess:
        where = [] if "--connection" in args else ["--hub", hub.endpoint]
        agent = AgentProcess(["--service", service, *where, "--drain-s", "0.5", *args])
        self.addCleanup(agent.stop)
        return agent

    def joined(self, hub: MockHub, service: str = "orders"):
        """The agent's HELLO, once it reports ready."""
        hello = hub.wait(lambda m: m.kind == HELLO and m.body.get("service") == service)
        hub.wait(lambda m: m.kind == REPORT and m.identity == hello.identity
                 and m.body.get("state") == "ready")
        return hello

    def caller(self, endpoint: str) -> Caller:
        caller = Caller(endpoint)
        self.addCleanup(caller.close)
        return caller

    def latest_report(self, hub: MockHub, identity: bytes, after: float = 0.0) -> dict:
        """The next report the agent sends from now on (counters are cumulative)."""
        start = time.monotonic() + after
        return hub.wait(lambda m: m.kind == REPORT and m.identity == identity
                        and m.at >= start).body


class JoinAndReportTest(AgentTestCase):
    def test_hello_then_valid_reports_at_the_welcome_interval(self) -> None:
        hub = self.start_hub(report_interval_ms=40)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump({"format": 1, "name": "t", "duration_s": 10, "services": [
                {"name": "orders", "replicas": 2, "workers": 3, "queue_capacity": 7,
                 "service_time_ms": 1, "calls": [{"to": "billing", "mode": "async"},
                                                 {"to": "stock", "timeout_ms": 50}]},
                {"name": "billing", "service_time_ms": 1},
                {"name": "stock", "service_time_ms": 1}],
                "workload": {"entry": "orders", "rate_rps": 1}}, handle)
        self.addCleanup(os.unlink, handle.name)
        agent = self.start_agent(hub, "--scenario", handle.name, "--replica", "1",
                                 "--node", "node-a")
        hello = hub.wait_kind(HELLO)
        self.assertEqual(check_hello(hello.body), [])
        body = hello.body
        self.assertEqual((body["instance"], body["replica"], body["language"], body["pid"]),
                         ("orders#1", 1, "python", agent.proc.pid))
        self.assertEqual((body["workers"], body["queue_capacity"], body["node"]),
                         (3, 7, "node-a"))
        self.assertEqual(body["calls"], [{"to": "billing", "mode": "async"},
                                         {"to": "stock", "mode": "sync"}])
        reports = [hub.wait_kind(REPORT).body for _ in range(12)]
        for report in reports:
            self.assertEqual(check_report(report), [], report)
        self.assertEqual([r["seq"] for r in reports], list(range(1, 13)))
        self.assertEqual(reports[0]["state"], "starting")
        self.assertEqual(reports[-1]["state"], "ready")
        span_ms = (reports[-1]["time_ns"] - reports[1]["time_ns"]) / 1e6 / 10
        figure(f"report interval asked 40 ms, measured {span_ms:.1f} ms")
        self.assertAlmostEqual(span_ms, 40, delta=8)
        self.assertEqual([e["to"] for e in reports[-1]["service"]["edges"]],
                         ["billing", "stock"])


class ServingTest(AgentTestCase):
    def test_latency_of_an_exponential_service_matches_theory(self) -> None:
        """M/M/c with c = 8, mean 20 ms, Poisson at 150/s: ρ = 0.375 per worker."""
        hub = self.start_hub()
        # Seed 141's first 1200 service times average 20.00 ms (median 13.89 ms): sampling
        # luck is out of the comparison, what remains is the agent's own error.
        agent = self.start_agent(hub, "--workers", "8", "--service-time", EXPONENTIAL_20,
                                 "--seed", "141")
        hello = self.joined(hub)
        caller = self.caller(hello.body["endpoints"]["requests"])
        rate, count, mean_s, workers = 150.0, 1200, 0.020, 8
        rng = random.Random(5)
        sent_at, latencies = {}, []
        next_send = time.monotonic()
        while len(latencies) < count:
            now = time.monotonic()
            if len(sent_at) < count and now >= next_send:
                sent_at[caller.send()] = now
                next_send += rng.expovariate(rate)
                continue
            wait = max(0.0, next_send - now) if len(sent_at) < count else 2.0
            answer = caller.recv(timeout_s=wait)
            if answer is not None:
                kind, _, rid, _ = answer
                self.assertEqual(kind, 2)
                latencies.append(time.monotonic() - sent_at[rid])
            elif len(sent_at) == count:
                self.fail("replies missing")
        # Erlang C: the probability that a request waits, then the mean response time.
        a = rate * mean_s
        tail = a**workers / math.factorial(workers) * workers / (workers - a)
        wait_p = tail / (sum(a**k / math.factorial(k) for k in range(workers)) + tail)
        theory = mean_s + wait_p * mean_s / (workers - a)
        report = self.latest_report(hub, hello.identity, after=0.05)
        self.assertEqual(check_report(report), [])
        latency = report["service"]["latency"]
        n = sum(c for _, c in latency["buckets"])
        self.assertEqual(n, count)
        service_mean = latency["sum_ns"] / n / 1e9
        caller_mean = sum(latencies) / len(latencies)
        draws = random.Random(141)
        drawn = sum(draws.expovariate(1 / mean_s) for _ in range(count)) / count
        figure(f"M/M/8, mean 20 ms, 150 req/s, {count} requests: theory "
               f"{theory * 1e3:.2f} ms, agent's histogram {service_mean * 1e3:.2f} ms "
               f"({(service_mean / theory - 1) * 100:+.1f} %; its draws averaged "
               f"{drawn * 1e3:.2f} ms), caller {caller_mean * 1e3:.2f} ms")
        self.assertAlmostEqual(service_mean, theory, delta=0.10 * theory)
        self.assertAlmostEqual(caller_mean, theory, delta=0.10 * theory + 0.002)
        # The median of an (almost) exponential response: 20 ms · ln 2, read from the
        # agent's histogram as a monitor would.
        p50 = doc_percentile(latency, 50) / 1e9
        figure(f"agent's p50 from its histogram {p50 * 1e3:.2f} ms, theory "
               f"{mean_s * math.log(2) * 1e3:.2f} ms")
        self.assertAlmostEqual(p50, mean_s * math.log(2), delta=0.10 * mean_s * math.log(2))
        self.assertEqual(agent.terminate(), 0)
        late = agent.summary()["timer_lateness_us"]
        figure(f"timer lateness over {late['count']} service times: mean {late['mean']} us, "
               f"p50 {late['p50']:.0f} us, p99 {late['p99']:.0f} us, max {late['max']:.0f} us")
        self.assertLess(late["p50"], 1000)

    def test_queue_full_at_capacity_and_expired_requests(self) -> None:
        hub = self.start_hub()
        self.start_agent(hub, "--workers", "1", "--queue-capacity", "2",
                         "--service-time", "300")
        hello = self.joined(hub)
        caller = self.caller(hello.body["endpoints"]["requests"])
        start = time.monotonic()
        for _ in range(4):
            caller.send()
        caller.send(timeout_ns=100_000_000)  # refused too: the queue holds two already
        answers = [caller.recv() + (time.monotonic() - start,) for _ in range(2)]
        self.assertEqual(sorted(a[2] for a in answers), [4, 5])
        for kind, cause, _, _, at in answers:
            self.assertEqual((kind, cause), (3, 2))  # ERROR queue_full, at once
            self.assertLess(at, 0.15)
        answers = [caller.recv() + (time.monotonic() - start,) for _ in range(3)]
        self.assertEqual([a[2] for a in answers], [1, 2, 3])
        for i, answer in enumerate(answers):
            self.assertEqual(answer[0], 2)
            self.assertAlmostEqual(answer[4], 0.3 * (i + 1), delta=0.06)
        # A request whose budget runs out in the queue is answered timeout, not served.
        caller.send()
        caller.send(timeout_ns=50_000_000)
        self.assertEqual(caller.recv()[:3], (2, 0, 6))
        self.assertEqual(caller.recv()[:3], (3, 1, 7))
        report = self.latest_report(hub, hello.identity)
        service = report["service"]
        self.assertEqual((service["arrivals"], service["completed"], service["failed"]),
                         (7, 4, 3))
        self.assertEqual(service["failed_by_cause"], {"queue_full": 2, "timeout": 1})


class CommandTest(AgentTestCase):
    def test_slow_errors_faults_reset_and_unsupported(self) -> None:
        hub = self.start_hub()
        self.start_agent(hub, "--service-time", "20", "--workers", "2")
        hello = self.joined(hub)
        ident = hello.identity
        caller = self.caller(hello.body["endpoints"]["requests"])

        def served_ms() -> float:
            caller.send()
            kind, cause, _, elapsed = caller.recv()
            self.assertEqual(kind, 2)
            return elapsed / 1e6

        self.assertAlmostEqual(served_ms(), 20, delta=5)
        result = hub.command(ident, 1, action={"action": "slow_service", "service": "orders",
                                               "factor": 4})
        self.assertEqual(result, {"id": 1, "ok": True})
        self.assertAlmostEqual(served_ms(), 80, delta=8)
        self.assertEqual(self.latest_report(hub, ident)["service"]["slow_factor"], 4)
        result = hub.command(ident, 2, action={"action": "slow_replica", "service": "orders",
                                               "replica": 0, "factor": 0.5})
        self.assertTrue(result["ok"])
        self.assertAlmostEqual(served_ms(), 10, delta=4)

        self.assertTrue(hub.command(ident, 3, action={"action": "set_error_rate",
                                                      "service": "orders", "rate": 1})["ok"])
        caller.send()
        self.assertEqual(caller.recv()[:2], (3, 3))  # ERROR cause error

        self.assertTrue(hub.command(ident, 4, reset_faults=True)["ok"])
        self.assertAlmostEqual(served_ms(), 20, delta=5)

        self.assertTrue(hub.command(ident, 5, fault={"fault": "fail_first", "service": "orders",
                                                     "count": 2})["ok"])
        report = self.latest_report(hub, ident)
        self.assertEqual(report["service"]["faults"][0]["fault"], "fail_first")
        for _ in range(2):
            caller.send()
            self.assertEqual(caller.recv()[:2], (3, 3))
        self.assertAlmostEqual(served_ms(), 20, delta=5)

        self.assertTrue(hub.command(ident, 6, fault={"fault": "latency", "service": "orders",
                                                     "ms": 60, "duration_s": 0.6})["ok"])
        start = time.monotonic()
        caller.send()
        self.assertEqual(caller.recv()[0], 2)
        self.assertAlmostEqual(time.monotonic() - start, 0.080, delta=0.02)
        time.sleep(0.7)  # the fault ends by itself
        start = time.monotonic()
        served_ms()
        self.assertLess(time.monotonic() - start, 0.05)

        result = hub.command(ident, 7, action={"action": "kill_replica", "service": "orders",
                                               "replica": 0})
        self.assertEqual(result, {"id": 7, "ok": False, "error": "unsupported"})
        # A misspelt action is refused whole (bad_action): no result at all.
        hub.send(ident, 11, {"id": 8, "action": {"action": "slow_service",
                                                 "service": "orders", "factr": 2}})
        with self.assertRaises(AssertionError):
            hub.wait(lambda m: m.kind == COMMAND_RESULT and m.body.get("id") == 8, 0.4)
        self.assertEqual(check_report(self.latest_report(hub, ident)), [])

    def test_pause_emulation_stops_reports_and_serving(self) -> None:
        hub = self.start_hub()
        self.start_agent(hub, "--service-time", "1")
        hello = self.joined(hub)
        caller = self.caller(hello.body["endpoints"]["requests"])
        self.assertTrue(hub.command(hello.identity, 1, fault={
            "fault": "pause", "service": "orders", "duration_s": 0.5})["ok"])
        paused_at = time.monotonic()
        caller.send()
        self.assertIsNotNone(caller.recv())
        resumed = time.monotonic() - paused_at
        report = self.latest_report(hub, hello.identity)
        gaps = [m.at for m in hub.log if m.kind == REPORT and m.identity == hello.identity]
        longest = max(b - a for a, b in zip(gaps, gaps[1:]))
        figure(f"pause 0.5 s: answered after {resumed:.2f} s, longest report gap "
               f"{longest:.2f} s")
        self.assertGreater(resumed, 0.45)
        self.assertGreater(longest, 0.4)
        self.assertEqual(check_report(report), [])


class SyncCallTest(AgentTestCase):
    def test_chain_of_two_agents_then_timeouts_with_retries(self) -> None:
        hub = self.start_hub()
        self.start_agent(hub, "--service-time", "10", "--workers", "4", service="stock")
        back = self.joined(hub, "stock")
        self.start_agent(hub, "--service-time", "1", "--workers", "4", "--call",
                         '{"to": "stock", "timeout_ms": 150, "retries": 1, "backoff_ms": 20}')
        front = self.joined(hub)
        hub.set_routes({"version": 2, "services": [{"service": "stock", "replicas": [
            {"instance": "stock#0", "replica": 0,
             "endpoint": back.body["endpoints"]["requests"]}]}]})
        time.sleep(0.1)
        caller = self.caller(front.body["endpoints"]["requests"])
        for _ in range(10):
            caller.send()
            kind, _, _, elapsed = caller.recv()
            self.assertEqual(kind, 2)
            self.assertGreater(elapsed, 11_000_000)
        edge = self.latest_report(hub, front.identity)["service"]["edges"][0]
        self.assertEqual((edge["to"], edge["calls"], edge["completed"], edge["failed"]),
                         ("stock", 10, 10, 0))

        # A callee that never answers: each attempt times out, the retry is flagged.
        ctx = zmq.Context()
        self.addCleanup(ctx.destroy, 0)
        silent = ctx.socket(zmq.ROUTER)
        self.addCleanup(silent.close, 0)
        silent.bind("tcp://127.0.0.1:*")
        endpoint = silent.getsockopt(zmq.LAST_ENDPOINT).decode()
        hub.set_routes({"version": 3, "services": [{"service": "stock", "replicas": [
            {"instance": "stock#1", "replica": 1, "endpoint": endpoint}]}]})
        time.sleep(0.1)
        start = time.monotonic()
        caller.send(timeout_ns=2_000_000_000)
        seen = []
        while len(seen) < 2 and silent.poll(2000):
            seen.append((REQ.unpack(silent.recv_multipart()[1]), time.monotonic() - start))
        kind, cause, _, _ = caller.recv()
        took = time.monotonic() - start
        self.assertEqual((kind, cause), (3, 1))  # ERROR timeout
        self.assertAlmostEqual(took, 0.150 + 0.020 + 0.150 + 0.001, delta=0.05)
        (first, _), (second, second_at) = seen
        self.assertEqual((first[3] & 1, second[3] & 1), (0, 1))  # the retry flag
        self.assertEqual((first[5], second[5]), (1, 1))           # depth 1
        self.assertLessEqual(first[9], 150_000_000)               # timeout_ns
        self.assertAlmostEqual(second_at, 0.170, delta=0.04)
        edge = self.latest_report(hub, front.identity)["service"]["edges"][0]
        self.assertEqual((edge["calls"], edge["failed"], edge["failed_by_cause"]),
                         (12, 2, {"timeout": 2}))
        # No replica at all: ERROR no_replica.
        hub.set_routes({"version": 4, "services": [{"service": "stock", "replicas": []}]})
        time.sleep(0.1)
        caller.send()
        self.assertEqual(caller.recv()[:2], (3, 4))


class LocalRefusalTest(AgentTestCase):
    """docs/protocol.md, "What an agent does", Calls: a failed attempt is retried, except
    refusals decided by the caller itself (circuit_open, bulkhead_full, too_deep). Every
    attempt, refused locally or sent, counts in the edge's `calls`."""

    def test_circuit_open_bulkhead_full_and_too_deep_are_not_retried(self) -> None:
        hub = self.start_hub()
        # Three retries 1 ms apart: without the rule, each refusal would be made four times.
        # A breaker that opens on one failure and stays open for the whole test.
        call = {"to": "stock", "retries": 3, "backoff_ms": 1, "bulkhead": 1,
                "circuit_breaker": {"window": 1, "min_calls": 1, "failure_ratio": 1,
                                    "open_s": 60, "half_open_calls": 1}}
        self.start_agent(hub, "--workers", "4", "--call", json.dumps(call))
        front = self.joined(hub)
        ctx = zmq.Context()
        self.addCleanup(ctx.destroy, 0)
        stock = ctx.socket(zmq.ROUTER)  # the callee, driven by hand below
        stock.setsockopt(zmq.LINGER, 0)
        self.addCleanup(stock.close, 0)
        stock.bind("tcp://127.0.0.1:*")
        hub.set_routes({"version": 2, "services": [{"service": "stock", "replicas": [
            {"instance": "stock#0", "replica": 0,
             "endpoint": stock.getsockopt(zmq.LAST_ENDPOINT).decode()}]}]})
        time.sleep(0.1)
        caller = self.caller(front.body["endpoints"]["requests"])
        seen = []  # the requests that reached the callee: (identity, header fields)

        def receive(timeout_s: float) -> bool:
            if not stock.poll(int(timeout_s * 1000)):
                return False
            frames = stock.recv_multipart()
            seen.append((frames[0], REQ.unpack_from(frames[1])))
            return True

        def answer(index: int, kind: int, cause: int = 0) -> None:
            identity, head = seen[index]
            stock.send_multipart([identity, REQ.pack(b"CR", 1, kind, 0, cause, head[5], 0,
                                                     head[7], head[8], 0, 1000)])

        # circuit_open: the callee's ERROR `error` is retried, the breaker (open now)
        # refuses the retry, and that refusal ends the call.
        caller.send()
        self.assertTrue(receive(2.0))
        answer(0, 3, 3)
        self.assertEqual(caller.recv()[:2], (3, 5))  # ERROR circuit_open
        caller.send()  # refused at once by the open breaker, once
        self.assertEqual(caller.recv()[:2], (3, 5))
        self.assertFalse(receive(0.1), "a refused call reached the callee")

        # bulkhead_full: with the breaker switched off, one call holds the only slot...
        result = hub.command(front.identity, 1, action={"action": "set_resilience",
                                                        "circuit_breaker": False})
        self.assertEqual(result, {"id": 1, "ok": True})
        held = caller.send()
        self.assertTrue(receive(2.0))
        caller.send()  # ...so this one is refused, and not retried while the slot is held
        kind, cause, rid, _ = caller.recv()
        self.assertEqual((kind, cause), (3, 6))  # ERROR bulkhead_full
        time.sleep(0.05)  # room for retries 1, 2 and 4 ms later, had there been any
        answer(1, 2)
        self.assertEqual(caller.recv()[:3], (2, 0, held))

        # too_deep: a request at depth 64 may not call on; the refusal is an attempt.
        caller.send(depth=64)
        self.assertEqual(caller.recv()[:2], (3, 9))  # ERROR too_deep
        self.assertFalse(receive(0.1), "a refused call reached the callee")

        self.assertEqual(len(seen), 2)
        self.assertEqual([head[3] & 1 for _, head in seen], [0, 0])  # never a retry
        edge = self.latest_report(hub, front.identity, after=0.05)["service"]["edges"][0]
        figure(f"edge after 5 requests with 3 retries each allowed: calls {edge['calls']}, "
               f"by cause {edge['failed_by_cause']}")
        self.assertEqual((edge["calls"], edge["completed"], edge["failed"]), (6, 1, 5))
        self.assertEqual(edge["failed_by_cause"], {"error": 1, "circuit_open": 2,
                                                   "bulkhead_full": 1, "too_deep": 1})


class MetricsTest(AgentTestCase):
    """docs/protocol.md, "/metrics": the agents' families, text format 0.0.4, base units,
    `le` buckets from 50 µs to 10 s, clean under `promtool check metrics`."""

    def page_when(self, url: str, predicate, timeout_s: float = 5.0) -> tuple:
        """(text, parsed families) of the first page that satisfies ``predicate``; the
        page is rendered once a second, so it may lag the reports by that much."""
        deadline = time.monotonic() + timeout_s
        while True:
            text = scrape(url)
            families = parse_metrics(text)
            if predicate(families) or time.monotonic() > deadline:
                return text, families
            time.sleep(0.1)

    @staticmethod
    def value(families: dict, sample: str, **labels) -> float:
        family = sample
        for suffix in ("_bucket", "_sum", "_count"):
            if sample.endswith(suffix) and sample[:-len(suffix)] in families:
                family = sample[:-len(suffix)]
        found = [v for name, got, v in families[family]["samples"]
                 if name == sample and all(got.get(k) == w for k, w in labels.items())]
        if len(found) != 1:
            raise AssertionError(f"{len(found)} samples of {sample} {labels}")
        return found[0]

    def test_families_units_buckets_and_promtool(self) -> None:
        hub = self.start_hub()
        self.start_agent(hub, "--service-time", "2", "--workers", "2", service="stock")
        back = self.joined(hub, "stock")
        self.start_agent(hub, "--workers", "2", "--replica", "3", "--call",
                         '{"to": "stock", "timeout_ms": 500}', "--call",
                         '{"to": "billing", "mode": "async", "required": false}')
        front = self.joined(hub)
        url = front.body["endpoints"]["metrics"]
        self.assertRegex(url, r"^http://127\.0\.0\.1:\d+/metrics$")
        self.assertEqual(check_hello(front.body), [])
        hub.set_routes({"version": 2, "services": [{"service": "stock", "replicas": [
            {"instance": "stock#0", "replica": 0,
             "endpoint": back.body["endpoints"]["requests"]}]}]})
        time.sleep(0.1)
        caller = self.caller(front.body["endpoints"]["requests"])
        for _ in range(8):  # each: a sync call to stock, a publish refused (no broker)
            caller.send()
            self.assertEqual(caller.recv()[0], 2)
        caller.send(depth=64)  # its call to stock is refused: too_deep
        self.assertEqual(caller.recv()[:2], (3, 9))
        # set_call_mode moves the edge to async: its sync attempts stay where they were.
        mode = {"action": "set_call_mode", "mode": "async", "from": "orders", "to": "stock"}
        self.assertEqual(hub.command(front.identity, 1, action=mode), {"id": 1, "ok": True})
        caller.send()
        self.assertEqual(caller.recv()[0], 2)  # both publishes refused, neither required

        text, families = self.page_when(url, lambda f: self.value(
            f, "clusterscope_requests_received_total") == 10)
        self.assertEqual(promtool_problems(text), "")
        self.assertEqual(check_agent_metrics(families, "orders", 3), [])
        report = self.latest_report(hub, front.identity)["service"]
        edges = {e["to"]: e for e in report["edges"]}
        v = functools.partial(self.value, families)
        self.assertEqual(v("clusterscope_requests_received_total"), report["arrivals"])
        self.assertEqual(v("clusterscope_requests_completed_total"), report["completed"])
        self.assertEqual(v("clusterscope_requests_failed_total", cause="too_deep"), 1)
        self.assertEqual(v("clusterscope_requests_failed_total", cause="none"), 0)
        self.assertEqual(v("clusterscope_workers"), 2)
        self.assertEqual(v("clusterscope_calls_total", to="stock", mode="sync"), 9)
        self.assertEqual(v("clusterscope_calls_total", to="stock", mode="async"), 1)
        self.assertEqual(edges["stock"]["calls"], 10)
        self.assertEqual(v("clusterscope_calls_failed_total", to="stock", mode="sync",
                           cause="too_deep"), 1)
        self.assertEqual(v("clusterscope_calls_failed_total", to="billing", mode="async",
                           cause="broker_rejected"), 9)
        self.assertEqual(v("clusterscope_dropped_messages_total", plane="request",
                           reason="bad_magic"), 0)
        # Base units: seconds. 9 completed requests of about 2 ms, and their calls.
        count = v("clusterscope_request_duration_seconds_count")
        mean_s = v("clusterscope_request_duration_seconds_sum") / count
        self.assertEqual(count, 9)
        self.assertAlmostEqual(mean_s, report["latency"]["sum_ns"] / 9 / 1e9, delta=1e-6)
        self.assertTrue(0.002 <= mean_s < 0.5, mean_s)
        self.assertEqual(v("clusterscope_call_duration_seconds_bucket", to="stock",
                           le="0.00025"), 0)  # no call to a 2 ms service took 250 µs
        self.assertEqual(v("clusterscope_call_duration_seconds_bucket", to="stock",
                           le="+Inf"), 8)
        figure(f"/metrics: {len(text.splitlines())} lines, {len(families)} families, "
               f"mean request {mean_s * 1e3:.2f} ms")


class PartitionAndModeTest(AgentTestCase):
    def test_partition_by_node_then_heal_then_async_mode(self) -> None:
        hub = self.start_hub()
        self.start_agent(hub, "--service-time", "2", "--node", "node-b", service="stock")
        back = self.joined(hub, "stock")
        self.start_agent(hub, "--service-time", "1", "--node", "node-a", "--call",
                         '{"to": "stock", "timeout_ms": 100}')
        front = self.joined(hub)
        hub.set_routes({"version": 2, "services": [{"service": "stock", "replicas": [
            {"instance": "stock#0", "replica": 0, "node": "node-b",
             "endpoint": back.body["endpoints"]["requests"]}]}]})
        time.sleep(0.1)
        caller = self.caller(front.body["endpoints"]["requests"])
        caller.send()
        self.assertEqual(caller.recv()[0], 2)
        partition = {"action": "partition", "nodes": ["node-b", "node-a"]}
        self.assertTrue(hub.command(front.identity, 1, action=partition)["ok"])
        start = time.monotonic()
        caller.send()
        self.assertEqual(caller.recv()[:2], (3, 1))  # lost on the way: timeout
        self.assertAlmostEqual(time.monotonic() - start, 0.1, delta=0.04)
        heal = {"action": "heal_partition", "nodes": ["node-a", "node-b"]}
        self.assertTrue(hub.command(front.identity, 2, action=heal)["ok"])
        caller.send()
        self.assertEqual(caller.recv()[0], 2)
        # The edge becomes async: no broker is known, so the publish fails, the request not.
        mode = {"action": "set_call_mode", "mode": "async", "from": "orders", "to": "stock"}
        self.assertTrue(hub.command(front.identity, 3, action=mode)["ok"])
        caller.send()
        self.assertEqual(caller.recv()[0], 2)
        edge = self.latest_report(hub, front.identity)["service"]["edges"][0]
        self.assertEqual((edge["mode"], edge["calls"], edge["completed"]), ("async", 4, 2))
        self.assertEqual(edge["failed_by_cause"], {"timeout": 1, "broker_rejected": 1})


class MonolithTest(AgentTestCase):
    def test_modules_in_process_and_targets(self) -> None:
        hub = self.start_hub()
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump({"format": 1, "name": "m", "duration_s": 10, "services": [
                {"name": "shop", "workers": 2, "modules": [
                    {"name": "cart", "service_time_ms": 5, "calls": [{"to": "pay"}]},
                    {"name": "pay", "service_time_ms": 10}]}],
                "workload": {"entry": "cart", "rate_rps": 1}}, handle)
        self.addCleanup(os.unlink, handle.name)
        self.start_agent(hub, "--scenario", handle.name, service="shop")
        hello = self.joined(hub, "shop")
        self.assertEqual(hello.body["modules"], ["cart", "pay"])
        self.assertEqual(hello.body["calls"], [{"to": "pay", "mode": "sync", "from": "cart"}])
        caller = self.caller(hello.body["endpoints"]["requests"])
        caller.send(target=b"cart")
        kind, _, _, elapsed = caller.recv()
        self.assertEqual(kind, 2)
        self.assertAlmostEqual(elapsed / 1e6, 15, delta=4)  # cart, then pay in-process
        caller.send(target=b"pay")
        self.assertAlmostEqual(caller.recv()[3] / 1e6, 10, delta=4)
        for target in (b"", b"nope"):
            caller.send(target=target)
            self.assertEqual(caller.recv()[:2], (3, 4))  # nobody calls the host by name
        report = self.latest_report(hub, hello.identity)
        self.assertEqual(check_report(report), [])
        edge = report["service"]["edges"][0]
        self.assertEqual((edge["from"], edge["to"], edge["calls"], edge["completed"]),
                         ("cart", "pay", 1, 1))


class AsyncTest(AgentTestCase):
    def test_publish_and_consume_through_a_broker(self) -> None:
        ctx = zmq.Context()
        self.addCleanup(ctx.destroy, 0)
        broker = ctx.socket(zmq.ROUTER)
        self.addCleanup(broker.close, 0)
        broker.bind("tcp://127.0.0.1:*")
        endpoint = broker.getsockopt(zmq.LAST_ENDPOINT).decode()
        hub = self.start_hub()
        hub.routes_body = {"version": 1, "broker": endpoint, "services": []}
        self.start_agent(hub, "--service-time", "5", "--workers", "3",
                         "--call", '{"to": "billing", "mode": "async"}')
        hello = self.joined(hub)
        head = struct.Struct("<2sBBBBHIIQQq")

        def recv(kind_wanted: int, timeout: float = 3.0):
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if broker.poll(100):
                    ident, *frames = broker.recv_multipart()
                    fields = head.unpack(frames[0])
                    if fields[2] == kind_wanted:
                        return ident, fields, frames[1].decode()
            self.fail(f"no async message of type {kind_wanted}")

        ident, ready, service = recv(3)  # CONSUMER_READY
        self.assertEqual((service, ready[6]), ("orders", 3))
        # A delivery is processed, then acknowledged with the worker's credit back.
        broker.send_multipart([ident, head.pack(b"CB", 1, 4, 0, 0, 1, 0, 0, 9001, 42, 7),
                               b"orders", b"payload"])
        # The delivered message is served like a request, calls included: it publishes,
        # then acknowledges.
        _, publish, service = recv(1)
        self.assertEqual((service, publish[10]), ("billing", 7))  # origin_ns passed on
        _, ack, service = recv(5)
        self.assertEqual((service, ack[8], ack[6]), ("orders", 9001, 1))
        broker.send_multipart([ident, head.pack(b"CB", 1, 2, 0, 0, 0, 0, 0, publish[8], 0, 0),
                               b"billing"])
        _, beat, service = recv(7, timeout=1.0)  # silent consumer: HEARTBEAT, empty service
        self.assertEqual(service, "")
        # A request publishes too; this time the broker is in an outage.
        caller = self.caller(hello.body["endpoints"]["requests"])
        caller.send()
        self.assertEqual(caller.recv()[0], 2)  # async: the caller does not wait
        _, publish, service = recv(1)
        broker.send_multipart([ident, head.pack(b"CB", 1, 2, 0, 1, 0, 0, 0, publish[8], 0, 0),
                               b"billing"])
        # Garbage from the broker's side is counted and dropped.
        rng = random.Random(2)
        for i in range(1000):
            frames = [rng.randbytes(rng.choice((40, 39, 3))) for _ in range(rng.randint(1, 4))]
            if i % 2:
                frames[0] = b"CB\x01" + bytes([rng.randint(0, 9)]) + frames[0][4:]
            broker.send_multipart([ident] + frames)
        # RESET: the consumer starts again with its free workers as credit.
        broker.send_multipart([ident, head.pack(b"CB", 1, 8, 0, 0, 0, 0, 0, 0, 0, 0), b""])
        _, ready, _ = recv(3)
        self.assertEqual(ready[6], 3)
        time.sleep(0.15)
        report = self.latest_report(hub, hello.identity)
        edge = report["service"]["edges"][0]
        self.assertEqual((edge["mode"], edge["calls"], edge["completed"], edge["failed"]),
                         ("async", 2, 1, 1))
        self.assertEqual(edge["failed_by_cause"], {"broker_rejected": 1})
        self.assertEqual(report["service"]["arrivals"], 2)  # the delivery and the request


class ResilienceTest(AgentTestCase):
    def test_rejoins_after_the_hub_restarts(self) -> None:
        hub = MockHub(hub_id="hub-1")
        port = hub.port
        self.start_agent(hub, "--service-time", "1")
        hello = self.joined(hub)
        caller = self.caller(hello.body["endpoints"]["requests"])
        hub.close()
        caller.send()
        self.assertEqual(caller.recv()[0], 2)  # serving goes on without a hub
        second = self.start_hub(port=port, hub_id="hub-2")
        start = time.monotonic()
        again = second.wait_kind(HELLO, timeout=6)
        report = second.wait(lambda m: m.kind == REPORT, timeout=3)
        errors = [m for m in second.log if m.kind != HELLO and m.at < again.at]
        figure(f"rejoined the restarted hub after {again.at - start:.2f} s")
        self.assertTrue(errors, "the agent spoke before its HELLO and got unknown_peer")
        self.assertEqual(check_hello(again.body), [])
        self.assertGreater(report.body["seq"], 1)  # the same process: seq goes on
        self.assertEqual(check_report(report.body), [])

    def test_survives_garbage_on_every_socket(self) -> None:
        hub = self.start_hub()
        agent = self.start_agent(hub, "--service-time", "1")
        hello = self.joined(hub)
        endpoint = hello.body["endpoints"]["requests"]
        rng = random.Random(1)
        ctx = zmq.Context()
        self.addCleanup(ctx.destroy, 0)
        junk = ctx.socket(zmq.DEALER)
        self.addCleanup(junk.close, 0)
        junk.setsockopt(zmq.SNDHWM, 0)
        junk.connect(endpoint)
        valid = REQ.pack(b"CR", 1, 1, 0, 0, 0, 0, 1, 0, 0, 0)
        start = time.monotonic()
        for i in range(20000):
            frames = [rng.randbytes(rng.choice((0, 3, 39, 40, 41, 104, 200)))
                      for _ in range(rng.randint(1, 5))]
            if i % 3 == 0:  # near misses: a valid header with one byte changed
                mutated = bytearray(valid)
                mutated[rng.randrange(40)] = rng.randrange(256)
                frames[0] = bytes(mutated)
            junk.send_multipart(frames)
        bodies = [b"{", b"[]", b"null", b'{"id": null}', b"[" * 40, b'{"id": 1e999}',
                  b'{"id": 1, "action": {"action": "slow_service"}}', rng.randbytes(64),
                  b'{"version": 99, "services": [{"service": "x y", "replicas": []}]}',
                  b'{"minor": 0, "hub": "h", "report_interval_ms": 5}']
        for i in range(2000):
            head = b"CS\x01" + bytes([rng.choice((2, 3, 11, 13, 0, 99, 8))])
            if i % 10 == 0:
                hub.send_raw(hello.identity, [head])
            else:
                hub.send_raw(hello.identity, [head, rng.choice(bodies)])
        big = ctx.socket(zmq.DEALER)
        self.addCleanup(big.close, 0)
        big.connect(endpoint)
        big.send(b"x" * 70000)  # over MAXMSGSIZE: libzmq drops this connection
        figure(f"20000 garbage messages to the request socket and 2000 to the control "
               f"socket sent in {time.monotonic() - start:.2f} s")
        caller = self.caller(endpoint)
        caller.send()
        answer = caller.recv(timeout_s=15)
        self.assertIsNotNone(answer, "still serving after the garbage")
        self.assertEqual(answer[0], 2)
        report = self.latest_report(hub, hello.identity)
        self.assertEqual(check_report(report), [])
        self.assertEqual(report["service"]["slow_factor"], 1)
        self.assertEqual(agent.terminate(), 0)
        dropped = agent.summary()["dropped"]
        figure(f"drops counted by reason: {dropped}")
        self.assertGreater(sum(dropped.values()), 15000)
        self.assertEqual(agent.summary()["internal_errors"], 0)

    def test_sigterm_and_sigint_send_bye_and_exit_cleanly(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT):
            hub = self.start_hub()
            agent = self.start_agent(hub, "--service-time", "1")
            hello = self.joined(hub)
            start = time.monotonic()
            agent.proc.send_signal(sig)
            bye = hub.wait(lambda m: m.kind == BYE and m.identity == hello.identity)
            agent.proc.wait(timeout=5)
            took = time.monotonic() - start
            self.assertEqual(agent.proc.returncode, 0)
            self.assertEqual(bye.body, {"reason": "shutting down"})
            self.assertLess(took, 2.0)
            states = [m.body["state"] for m in hub.log
                      if m.kind == REPORT and m.identity == hello.identity]
            self.assertEqual(states[-1], "draining")

    def test_curve_join_through_a_connection_file(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            keys = os.path.join(tmp, "keys")
            os.mkdir(keys, 0o700)
            hub_public, hub_secret = zmq.auth.create_certificates(keys, "hub")
            agent_public, _ = zmq.auth.create_certificates(keys, "agent")
            hub_pub, hub_sec = zmq.auth.load_certificate(hub_secret)
            agent_pub, _ = zmq.auth.load_certificate(agent_public)
            hub = self.start_hub(curve={"secret": hub_sec, "allowed": agent_pub})
            path = os.path.join(tmp, "connection.json")
            with open(path, "w") as handle:
                json.dump({"clusterscope_connection": 1, "hub": hub.endpoint,
                           "hub_public_key": hub_pub.decode(),
                           "agent_certificate": "keys/agent.key_secret"}, handle)
            os.chmod(path, 0o600)
            agent = self.start_agent(hub, "--connection", path)
            hello = hub.wait_kind(HELLO)
            self.assertEqual(hello.user_id, "agent")
            hub.wait(lambda m: m.kind == REPORT and m.body.get("state") == "ready")
            self.assertEqual(agent.terminate(), 0)


if __name__ == "__main__":
    unittest.main()
