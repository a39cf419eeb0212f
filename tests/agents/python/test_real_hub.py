"""The Python agent against the real clusterscope-hub (built by CMake, its path in
$CLUSTERSCOPE_HUB): what the hub itself holds of the agent's HELLO. Ports chosen by the
system, every process stopped by the test's cleanup."""

from __future__ import annotations

import os
import re
import socket
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from doc_checker import check_agent_metrics, check_hello, parse_metrics  # noqa: E402
from harness import (AgentProcess, Caller, HubProcess, Monitor,  # noqa: E402
                     promtool_problems, scrape)


class RealHubTestCase(unittest.TestCase):
    def setUp(self) -> None:
        path = os.environ.get("CLUSTERSCOPE_HUB")
        if not path:
            # CTest always sets it; run by hand, point it at build/agents/hub/clusterscope-hub.
            self.skipTest("CLUSTERSCOPE_HUB is not set")
        self.hub = HubProcess(path)
        self.addCleanup(self.hub.stop)
        self.monitor = Monitor(self.hub.endpoint)
        self.addCleanup(self.monitor.close)

    def start_agent(self, replica: int, *args: str) -> AgentProcess:
        agent = AgentProcess(["--service", "orders", "--replica", str(replica),
                              "--hub", self.hub.endpoint, "--drain-s", "0.5", *args])
        self.addCleanup(agent.stop)
        return agent

    def served_on(self, port: str) -> None:
        """A request to the loopback address on ``port`` is answered: the announced port is
        the one the request socket got."""
        caller = Caller(f"tcp://127.0.0.1:{port}")
        self.addCleanup(caller.close)
        caller.send()
        answer = caller.recv(timeout_s=5)
        self.assertIsNotNone(answer, f"nothing answers on port {port}")
        self.assertEqual(answer[0], 2)


class AdvertiseTest(RealHubTestCase):
    """docs/protocol.md, "What an agent does", Addresses: a socket bound to a wildcard
    address announces the host it was told to advertise (default: the machine's host name)
    with the port it got; a specific address is announced as it is. The same for /metrics,
    whose page passes promtool with the document's families."""

    def test_wildcard_binds_announce_the_advertised_host(self) -> None:
        self.start_agent(0, "--bind", "0.0.0.0", "--advertise", "orders-0.example")
        self.start_agent(1, "--bind", "*")
        self.start_agent(2, "--bind", "127.0.0.1", "--advertise", "ignored.example")
        expected = {"orders#0": "orders-0.example", "orders#1": socket.gethostname(),
                    "orders#2": "127.0.0.1"}
        for instance, host in expected.items():
            hello = self.monitor.hello(instance)
            self.assertEqual(check_hello(hello), [], hello)
            requests = hello["endpoints"]["requests"]
            found = re.fullmatch(r"tcp://" + re.escape(host) + r":(\d+)", requests)
            self.assertIsNotNone(found, f"{instance} announced {requests}, not on {host}")
            self.served_on(found.group(1))
            # /metrics binds the same address and is announced the same way.
            metrics = hello["endpoints"]["metrics"]
            found = re.fullmatch(r"http://" + re.escape(host) + r":(\d+)/metrics", metrics)
            self.assertIsNotNone(found, f"{instance} announced {metrics}, not on {host}")
            page = scrape(f"http://127.0.0.1:{found.group(1)}/metrics")
            self.assertEqual(promtool_problems(page), "")
            replica = int(instance.split("#")[1])
            self.assertEqual(check_agent_metrics(parse_metrics(page), "orders", replica,
                                                 with_calls=False), [])


if __name__ == "__main__":
    unittest.main()
