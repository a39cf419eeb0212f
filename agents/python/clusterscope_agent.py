#!/usr/bin/python3
"""Entry point: ``python3 agents/python/clusterscope_agent.py --help``.

Runs with Debian's /usr/bin/python3 and its python3-zmq; no other third-party package.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from csagent.cli import main  # noqa: E402  (the path above must come first)

if __name__ == "__main__":
    sys.exit(main())
