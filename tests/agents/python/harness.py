"""Starting the agent (and the real hub) as real processes and talking to them as a caller
or a monitor would.

Every process started here is killed and reaped by :meth:`AgentProcess.stop` or
:meth:`HubProcess.stop`, which tests call from ``addCleanup``, and dies with the test process
whatever kills it; sockets bind loopback on ports the system chooses.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import select
import shutil
import signal
import subprocess
import time
import urllib.request
from typing import List, Optional

import zmq

from doc_checker import check_answer, request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
AGENT = os.path.join(REPO, "agents", "python", "clusterscope_agent.py")
PYTHON = "/usr/bin/python3"


def _die_with_parent() -> None:
    """In the child: SIGKILL when the test process dies, whatever kills it (a CTest timeout
    included), so no agent outlives its test."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


class AgentProcess:
    def __init__(self, args: List[str]) -> None:
        self.proc = subprocess.Popen([PYTHON, AGENT] + args, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
        self.stderr = ""

    def terminate(self, timeout: float = 10.0) -> int:
        self.proc.send_signal(signal.SIGTERM)
        _, err = self.proc.communicate(timeout=timeout)
        self.stderr = err.decode(errors="replace")
        return self.proc.returncode

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            _, err = self.proc.communicate(timeout=10)
            self.stderr = err.decode(errors="replace")
        elif self.proc.stderr and not self.proc.stderr.closed:
            self.stderr += self.proc.stderr.read().decode(errors="replace")
            self.proc.stderr.close()

    def summary(self) -> dict:
        for line in self.stderr.splitlines():
            if line.startswith("clusterscope-agent summary "):
                return json.loads(line.split(" ", 2)[2])
        raise AssertionError("no summary line in the agent's stderr:\n" + self.stderr)


def scrape(url: str) -> str:
    """The page at ``url`` (an agent's /metrics), within 5 s."""
    with urllib.request.urlopen(url, timeout=5) as answer:
        assert answer.status == 200, answer.status
        assert answer.headers["Content-Type"].startswith("text/plain; version=0.0.4"), \
            answer.headers["Content-Type"]
        return answer.read().decode()


def promtool_problems(page: str) -> str:
    """What `promtool check metrics` says of ``page``: empty when it is clean (exit 0, no
    output). promtool is Debian's prometheus package, installed by .ci/setup.sh."""
    promtool = shutil.which("promtool")
    if promtool is None:
        return "promtool is needed (Debian: prometheus, see .ci/setup.sh)"
    done = subprocess.run([promtool, "check", "metrics"], input=page.encode(),
                          capture_output=True, timeout=30)
    said = (done.stdout + done.stderr).decode(errors="replace").strip()
    if done.returncode != 0 or said:
        return f"promtool exit {done.returncode}: {said}"
    return ""


class HubProcess:
    """The real clusterscope-hub (its path in $CLUSTERSCOPE_HUB, set by CMake), without CURVE
    (development mode: anyone may join and watch), on a port the system chooses."""

    def __init__(self, path: str) -> None:
        self.proc = subprocess.Popen([path, "--no-curve", "--no-connection-file",
                                      "--no-metrics"], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        # The banner's first line: "clusterscope-hub ID listening on tcp://127.0.0.1:PORT (…)".
        ready, _, _ = select.select([self.proc.stdout], [], [], 10.0)
        line = self.proc.stdout.readline().decode(errors="replace") if ready else ""
        found = re.search(r"listening on (tcp://\S+)", line)
        if not found:
            self.stop()
            raise AssertionError(f"clusterscope-hub did not start: {line!r}")
        self.endpoint = found.group(1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc.stdout.close()


class Monitor:
    """A monitor of the real hub, written from docs/protocol.md: HELLO as `monitor`,
    SUBSCRIBE, and the HELLO of every peer as the hub relays it (SNAPSHOT, PEER_STATE). It
    reports every 100 ms while it waits: the reports are its heartbeat."""

    def __init__(self, endpoint: str) -> None:
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.connect(endpoint)
        self.seq = 0
        self.hellos = {}  # instance -> the HELLO body the hub holds
        self._send(1, {"minor": 0, "role": "monitor",
                       "instance": f"monitor@test:{os.getpid()}"})
        self._pump(lambda: self.seq > 0, 5.0, "no WELCOME from the hub")  # WELCOME starts seq
        self._send(7, {})  # SUBSCRIBE

    def _send(self, kind: int, body: dict) -> None:
        self.sock.send_multipart([b"CS\x01" + bytes([kind]), json.dumps(body).encode()])

    def _pump(self, done, timeout_s: float, what: str) -> None:
        deadline = time.monotonic() + timeout_s
        next_report = 0.0
        while not done():
            now = time.monotonic()
            if now >= deadline:
                raise AssertionError(what)
            if self.seq > 0 and now >= next_report:
                self.seq += 1
                self._send(5, {"seq": self.seq, "time_ns": time.monotonic_ns(),
                               "state": "ready"})
                next_report = now + 0.1
            if not self.sock.poll(20):
                continue
            head, body = self.sock.recv_multipart()[:2]
            kind, msg = head[3], json.loads(body)
            if kind == 2 and self.seq == 0:  # WELCOME
                self.seq = 1
                self._send(5, {"seq": 1, "time_ns": time.monotonic_ns(), "state": "ready"})
            elif kind == 8:  # SNAPSHOT
                for peer in msg.get("peers", []):
                    self.hellos[peer["hello"]["instance"]] = peer["hello"]
            elif kind == 10 and "hello" in msg:  # PEER_STATE of a peer that (re)joined
                self.hellos[msg["instance"]] = msg["hello"]

    def hello(self, instance: str, timeout_s: float = 10.0) -> dict:
        """The HELLO of ``instance`` as the hub relays it, once it has joined."""
        self._pump(lambda: instance in self.hellos, timeout_s,
                   f"the hub never showed {instance} joined")
        return self.hellos[instance]

    def close(self) -> None:
        self.ctx.destroy(linger=0)


class Caller:
    """A DEALER talking the request plane to one agent."""

    def __init__(self, endpoint: str) -> None:
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.connect(endpoint)
        self.next_id = 1

    def send(self, timeout_ns: int = 0, target: bytes = b"", flags: int = 0,
             depth: int = 0) -> int:
        rid = self.next_id
        self.next_id += 1
        self.sock.send(request(rid, timeout_ns=timeout_ns, target=target, flags=flags,
                               depth=depth, origin_ns=time.time_ns()))
        return rid

    def recv(self, timeout_s: float = 5.0) -> Optional[tuple]:
        if not self.sock.poll(int(timeout_s * 1000)):
            return None
        return check_answer(self.sock.recv_multipart())

    def close(self) -> None:
        self.ctx.destroy(linger=0)
