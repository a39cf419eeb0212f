"""Starting the agent as a real process and talking to it as a caller would.

Every process started here is killed and reaped by :meth:`AgentProcess.stop`, which tests
call from ``addCleanup``; sockets bind loopback on ports the system chooses.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import time
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
