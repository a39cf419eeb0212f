"""Unit tests of the agent's pieces that need no process: histogram, distributions, decoders,
actions, the connection file."""

from __future__ import annotations

import json
import os
import random
import statistics
import struct
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "agents", "python"))

import zmq.auth  # noqa: E402

from csagent import asyncwire, config, connection, control, distributions  # noqa: E402
from csagent import histogram, metrics, reqwire  # noqa: E402
from csagent.jsonrules import DecodeError, Fields, parse_body  # noqa: E402
from doc_checker import check_histogram, doc_bucket_index, doc_bucket_lower_bound  # noqa
from doc_checker import LE_BOUNDS_S, parse_metrics  # noqa: E402


class HistogramTest(unittest.TestCase):
    def test_buckets_follow_the_document(self) -> None:
        rng = random.Random(7)
        values = [0, 1, 127, 128, 129, 255, 256, 2**43, 2**44 - 1, 2**44, 2**60, -5]
        values += [int(rng.lognormvariate(14, 4)) for _ in range(5000)]
        for ns in values:
            i = histogram.bucket_index(ns)
            self.assertEqual(i, doc_bucket_index(ns), ns)
            self.assertEqual(histogram.bucket_lower_bound(i), doc_bucket_lower_bound(i))
            if 0 <= ns < 2**44:
                low = histogram.bucket_lower_bound(i)
                self.assertTrue(low <= ns < low + histogram.bucket_width(i), ns)
        self.assertEqual(histogram.bucket_index(2**70), 2495)

    def test_exact_sum_and_extremes(self) -> None:
        h = histogram.Histogram()
        self.assertEqual(h.to_json(), {"buckets": [], "sum_ns": 0, "min_ns": 0, "max_ns": 0})
        values = [900_000, 35_000_000, 1_200_000, 1_200_001, 3]
        for v in values:
            h.record(v)
        body = h.to_json()
        self.assertEqual(body["sum_ns"], sum(values))
        self.assertEqual((body["min_ns"], body["max_ns"]), (3, 35_000_000))
        self.assertEqual(sum(c for _, c in body["buckets"]), len(values))
        self.assertEqual(check_histogram(json.loads(json.dumps(body))), [])
        self.assertEqual(h.percentile(0.1), 3)
        # The midpoint of the last bucket, clamped to [min, max]: within 1/64 of the max.
        self.assertAlmostEqual(h.percentile(100), 35_000_000, delta=35_000_000 / 64)


class MetricsPageTest(unittest.TestCase):
    def test_le_buckets_are_exact_and_cumulative(self) -> None:
        """A value on a bound counts under it ("less or equal"), one just above does not,
        whatever the log-linear bucket they share; above 10 s only +Inf holds it."""
        h = histogram.Histogram()
        for ns in (0, 50_000, 50_001, 2_500_000, 10_000_000_000, 10_000_000_001):
            h.record(ns)
        page = metrics.Page()
        page.histogram("clusterscope_x_seconds", "x", [h, h], [("service", "a\"b")])
        families = parse_metrics(page.text())
        buckets = {s[1]["le"]: s[2] for s in families["clusterscope_x_seconds"]["samples"]
                   if s[0].endswith("_bucket")}
        self.assertEqual([float(le) for le in buckets], LE_BOUNDS_S)
        self.assertEqual((buckets["5e-05"], buckets["0.0001"], buckets["0.0025"]), (4, 6, 8))
        self.assertEqual((buckets["10"], buckets["+Inf"]), (10, 12))
        self.assertIn('service="a\\"b"', page.text())  # label values escaped
        self.assertIn("clusterscope_x_seconds_sum{service=\"a\\\"b\"} 40.0052", page.text())


class DistributionTest(unittest.TestCase):
    def test_means_and_spread(self) -> None:
        rng = random.Random(3)
        cases = [({"dist": "constant", "value": 4}, 4, 0),
                 (7.5, 7.5, 0),
                 ({"dist": "exponential", "mean": 20}, 20, 20),
                 ({"dist": "uniform", "min": 2, "max": 6}, 4, 4 / 12**0.5),
                 ({"dist": "lognormal", "mean": 20, "stddev": 10}, 20, 10)]
        for raw, mean, stdev in cases:
            dist = distributions.parse(raw)
            samples = [dist.sample(rng) for _ in range(40000)]
            self.assertAlmostEqual(statistics.fmean(samples), mean, delta=0.03 * mean, msg=raw)
            self.assertAlmostEqual(statistics.pstdev(samples), stdev,
                                   delta=0.05 * mean + 1e-9, msg=raw)
            self.assertGreaterEqual(min(samples), 0)

    def test_refusals(self) -> None:
        for raw in ({"dist": "exponential", "mean": 0}, {"dist": "uniform", "min": 3, "max": 1},
                    {"dist": "exponential", "mean": 5, "stddev": 1}, {"dist": "pareto"},
                    "5", None, -1, {"dist": "constant"}):
            with self.assertRaises(ValueError, msg=raw):
                distributions.parse(raw)


def _control(kind: int, body) -> list:
    return [b"CS\x01" + bytes([kind]), json.dumps(body).encode()]


class ControlDecodeTest(unittest.TestCase):
    def reason(self, frames) -> str:
        with self.assertRaises(DecodeError) as caught:
            control.decode(frames)
        return caught.exception.reason

    def test_welcome_and_defaults(self) -> None:
        kind, msg = control.decode(_control(2, {"minor": 0, "hub": "hub-7f3a", "x": [1]}))
        self.assertEqual((kind, msg.report_interval_ms, msg.down_after_ms), (2, 100, 1000))
        self.assertEqual(self.reason(_control(2, {"minor": 0, "hub": "h",
                                                  "report_interval_ms": 600})), "inconsistent")

    def test_refusal_reasons(self) -> None:
        welcome = {"minor": 0, "hub": "h"}
        self.assertEqual(self.reason([b"CS\x01\x02"]), "frame_count")
        self.assertEqual(self.reason([b"CS\x01\x02\x00", b"{}"]), "frame_size")
        self.assertEqual(self.reason([b"XS\x01\x02", b"{}"]), "bad_magic")
        self.assertEqual(self.reason([b"CS\x02\x02", b"{}"]), "bad_version")
        self.assertEqual(self.reason([b"CS\x01\x63", b"{}"]), "unknown_type")
        self.assertEqual(self.reason([b"CS\x01\x02", b"{"]), "bad_json")
        self.assertEqual(self.reason([b"CS\x01\x02", b'{"minor": NaN, "hub": "h"}']),
                         "bad_json")
        self.assertEqual(self.reason([b"CS\x01\x02", b'{"minor": 1e999, "hub": "h"}']),
                         "bad_json")
        self.assertEqual(self.reason([b"CS\x01\x02", b'{"hub": "\\ud800", "minor": 0}']),
                         "bad_json")
        self.assertEqual(self.reason([b"CS\x01\x02", b"\xff{}"]), "bad_json")
        self.assertEqual(self.reason([b"CS\x01\x02", b"[" * 17 + b"]" * 17]), "too_deep")
        self.assertEqual(self.reason([b"CS\x01\x02", b"[]"]), "wrong_type")
        self.assertEqual(self.reason(_control(2, {**welcome, "minor": None})), "wrong_type")
        self.assertEqual(self.reason(_control(2, {**welcome, "minor": 0.5})), "wrong_type")
        self.assertEqual(self.reason(_control(2, {"minor": 0})), "missing_field")
        self.assertEqual(self.reason(_control(2, {**welcome, "minor": 70000})), "out_of_range")
        self.assertEqual(self.reason(_control(2, {**welcome, "hub": "x" * 129})), "too_long")
        self.assertEqual(self.reason(_control(2, {**welcome, "hub": "a b"})), "bad_value")
        self.assertEqual(self.reason(_control(3, {"code": "x", "message": "\x07"})),
                         "bad_value")
        kind, body = control.decode(_control(2, {**welcome, "minor": 3.0}))
        self.assertEqual(body.minor, 3)

    def test_routes_and_commands(self) -> None:
        routes = {"version": 4, "broker": "tcp://127.0.0.1:40100", "services": [
            {"service": "orders", "replicas": [{"instance": "orders#0", "replica": 0,
                                                "node": "node-a",
                                                "endpoint": "tcp://127.0.0.1:40001"}]},
            {"service": "shop", "modules": ["cart", "pay"], "replicas": []}]}
        _, msg = control.decode(_control(13, routes))
        self.assertEqual(msg.services[1].modules, ["cart", "pay"])
        self.assertEqual(msg.services[0].replicas[0].node, "node-a")
        _, cmd = control.decode(_control(11, {"id": 7, "action": {
            "action": "slow_service", "service": "orders", "factor": 3}}))
        self.assertEqual(cmd.action["factor"], 3)
        for bad in ({"id": 1, "action": {"action": "slow_service", "service": "o",
                                         "factor": 3, "at_s": 1}},
                    {"id": 1, "action": {"action": "set_call_mode", "mode": "sync",
                                         "form": "a", "to": "b"}},
                    {"id": 1, "action": {"action": "set_call_mode", "mode": "sync",
                                         "to": "b"}},
                    {"id": 1, "action": {"action": "partition", "nodes": ["a", "a"]}},
                    {"id": 1, "action": {"action": "set_resilience"}},
                    {"id": 1, "action": {"action": "slow_service", "service": "o",
                                         "factor": 0}}):
            self.assertEqual(self.reason(_control(11, bad)), "bad_action", bad)
        self.assertEqual(self.reason(_control(11, {"id": 1})), "missing_field")
        self.assertEqual(self.reason(_control(11, {"id": 1, "reset_faults": True,
                                                   "fault": {"fault": "loss"}})),
                         "inconsistent")
        _, cmd = control.decode(_control(11, {"id": 2, "fault": {
            "fault": "latency", "from": "a", "to": "b", "ms": 5, "future_key": 1}}))
        self.assertTrue(cmd.fault.on_edge)
        self.assertEqual(self.reason(_control(11, {"id": 2, "fault": {"fault": "latency",
                                                                      "service": "a"}})),
                         "missing_field")
        self.assertEqual(self.reason(_control(11, {"id": 2, "fault": {
            "fault": "pause", "from": "a", "to": "b"}})), "inconsistent")


class PlaneDecodeTest(unittest.TestCase):
    def test_request_frames(self) -> None:
        good = reqwire.pack(reqwire.REQUEST, 9, 5, depth=3, timeout_ns=100, target="cart")
        req = reqwire.unpack([good, b"payload"])
        self.assertEqual((req.request_id, req.depth, req.target), (9, 3, "cart"))
        head = struct.Struct("<2sBBBBBBQqqq")
        bad = {
            "frame_count": [good, b"", b""],
            "frame_size": [good + b"x"],
            "bad_magic": [b"CX" + good[2:]],
            "bad_version": [good[:2] + b"\x02" + good[3:]],
            "unknown_type": [head.pack(b"CR", 1, 4, 0, 0, 0, 0, 1, 0, 0, 0)],
            "bad_value": [head.pack(b"CR", 1, 3, 0, 10, 0, 0, 1, 0, 0, 0)],
            "inconsistent": [head.pack(b"CR", 1, 2, 0, 0, 0, 1, 1, 0, 0, 0) + b"a"],
            "out_of_range": [head.pack(b"CR", 1, 1, 0, 0, 65, 0, 1, 0, 0, 0)],
        }
        bad_payload = [head.pack(b"CR", 1, 1, 0, 0, 0, 0, 1, 0, 0, 0), b"x" * 65537]
        for reason, frames in list(bad.items()) + [("frame_size", bad_payload)]:
            with self.assertRaises(DecodeError, msg=reason) as caught:
                reqwire.unpack(frames)
            self.assertEqual(caught.exception.reason, reason)
        with self.assertRaises(DecodeError):
            reqwire.unpack([head.pack(b"CR", 1, 1, 0, 0, 0, 0, 1, -1, 0, 0)])

    def test_async_frames(self) -> None:
        msg = asyncwire.unpack(asyncwire.pack(asyncwire.DELIVER, "billing", attempt=1, id=9,
                                              message_id=42, origin_ns=5, payload=b"p"))
        self.assertEqual((msg.kind, msg.service, msg.message_id), (asyncwire.DELIVER,
                                                                    "billing", 42))
        for frames in (asyncwire.pack(asyncwire.DELIVER, "billing", id=1),       # attempt 0
                       asyncwire.pack(asyncwire.HEARTBEAT, "billing"),           # a service
                       asyncwire.pack(asyncwire.ACK, ""),                        # none
                       asyncwire.pack(asyncwire.PUBLISH_ACK, "b", status=3),
                       asyncwire.pack(asyncwire.ACK, "b", credit=65537),
                       asyncwire.pack(asyncwire.ACK, "b") + [b"payload"],
                       [b"CB\x01\x07" + bytes(35), b""]):
            with self.assertRaises(DecodeError, msg=frames):
                asyncwire.unpack(frames)


class ConfigTest(unittest.TestCase):
    def test_scenario_service_and_monolith(self) -> None:
        scenario = {"format": 1, "name": "t", "duration_s": 10, "seed": 5, "services": [
            {"name": "api", "workers": 4, "queue_capacity": 10,
             "service_time_ms": {"dist": "lognormal", "mean": 5, "stddev": 2},
             "calls": [{"to": "cart", "timeout_ms": 50, "retries": 2,
                        "circuit_breaker": {"min_calls": 5, "window": 10}}]},
            {"name": "shop", "lb": "least_outstanding", "modules": [
                {"name": "cart", "service_time_ms": 3, "calls": [{"to": "pay"}]},
                {"name": "pay", "service_time_ms": 1, "error_rate": 0.1}]}],
            "workload": {"entry": "api", "rate_rps": 1}}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(scenario, handle)
        self.addCleanup(os.unlink, handle.name)
        api = config.from_scenario(handle.name, "api")
        self.assertEqual((api.workers, api.queue_capacity, api.seed), (4, 10, 5))
        self.assertEqual(api.components["api"].calls[0].breaker.min_calls, 5)
        self.assertEqual((api.hosts["cart"], api.lb["shop"]), ("shop", "least_outstanding"))
        shop = config.from_scenario(handle.name, "shop")
        self.assertEqual(shop.modules, ["cart", "pay"])
        self.assertIsNone(shop.serves(""))
        self.assertEqual(shop.serves("pay").error_rate, 0.1)
        self.assertEqual(shop.all_calls()[0].from_, "cart")
        with self.assertRaisesRegex(ValueError, "module of 'shop'"):
            config.from_scenario(handle.name, "cart")


class BreakerTest(unittest.TestCase):
    def test_opens_half_opens_and_closes(self) -> None:
        from csagent.calls import Breaker
        b = Breaker(config.BreakerConfig(failure_ratio=0.5, min_calls=4, window=4, open_s=1,
                                         half_open_calls=2))
        for ok in (True, False, True):
            self.assertTrue(b.allow(0))
            b.record(ok, 0)
        self.assertEqual(b.state, "closed")
        self.assertTrue(b.allow(0))
        b.record(False, 0)  # 2 of 4 failed: open for 1 s
        self.assertEqual(b.state, "open")
        self.assertFalse(b.allow(999_999_999))
        self.assertTrue(b.allow(1_000_000_000))
        self.assertEqual(b.state, "half_open")
        self.assertTrue(b.allow(1_000_000_000))
        self.assertFalse(b.allow(1_000_000_000))  # only two trial calls
        b.record(True, 1_000_000_001)
        b.record(True, 1_000_000_002)
        self.assertEqual(b.state, "closed")
        for _ in range(4):
            b.allow(2_000_000_000)
            b.record(False, 2_000_000_000)
        self.assertEqual(b.state, "open")
        self.assertTrue(b.allow(3_000_000_000))
        b.record(False, 3_000_000_000)  # a failed trial opens it again
        self.assertEqual(b.state, "open")


class ConnectionFileTest(unittest.TestCase):
    def test_reads_keys_relative_to_the_file(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            keys = os.path.join(tmp, "keys")
            os.mkdir(keys)
            hub_public, _ = zmq.auth.create_certificates(keys, "hub")
            _, agent_secret = zmq.auth.create_certificates(keys, "agent")
            hub_key = zmq.auth.load_certificate(hub_public)[0].decode()
            path = os.path.join(tmp, "connection.json")
            with open(path, "w") as handle:
                json.dump({"clusterscope_connection": 1, "hub": "tcp://127.0.0.1:4",
                           "hub_public_key": hub_key,
                           "agent_certificate": "keys/agent.key_secret"}, handle)
            conn = connection.read(path)
            self.assertEqual(conn.hub_public_key, hub_key.encode())
            self.assertEqual((conn.public_key, conn.secret_key),
                             zmq.auth.load_certificate(agent_secret))
            with open(path, "w") as handle:
                json.dump({"clusterscope_connection": 2, "hub": "tcp://127.0.0.1:4"}, handle)
            with self.assertRaises(ValueError):
                connection.read(path)


class FieldsTest(unittest.TestCase):
    def test_integers(self) -> None:
        f = Fields(parse_body(b'{"a": 3.0, "b": true, "c": -1}'))
        self.assertEqual(f.integer("a"), 3)
        for key in ("b", "c"):
            with self.assertRaises(DecodeError):
                f.integer(key)


if __name__ == "__main__":
    unittest.main()
