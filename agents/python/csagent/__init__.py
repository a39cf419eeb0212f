"""ClusterScope's Python agent: one replica of one service over ZeroMQ, written from
docs/protocol.md alone. ``python3 agents/python/clusterscope_agent.py --help`` runs it."""
