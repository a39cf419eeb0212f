"""The agent's command line.

Contract: :func:`main` parses ``argv``, builds the service's configuration (from a scenario,
a one-service config file, or flags), reads how to reach the hub, runs the agent and returns
the process exit status: 0 after a clean stop, 2 for a usage or configuration error, 3 when
the hub refused this process for good.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import List, Optional

from . import config as configs
from . import connection
from .jsonrules import INSTANCE_RE, NAME_RE
from .addresses import ADVERTISE_RE, is_wildcard

EPILOG = """\
examples:
  # replica 0 of "orders" from a scenario, hub and keys from the launcher's connection file
  %(prog)s --scenario shop.json --service orders --replica 0

  # listening on every interface, announced to the hub as node-a.example:PORT
  %(prog)s --scenario shop.json --service orders --bind 0.0.0.0 --advertise node-a.example

  # an agent not made from a scenario, against a hub without CURVE
  %(prog)s --service orders --replica 0 --hub tcp://127.0.0.1:40000 \\
      --workers 4 --queue-capacity 100 \\
      --service-time '{"dist": "exponential", "mean": 20}' \\
      --call '{"to": "billing", "mode": "async"}'

The connection file is read from --connection, else from
$XDG_RUNTIME_DIR/clusterscope/connection.json, else /tmp/clusterscope-$UID/connection.json.
Exit status: 0 after SIGTERM/SIGINT (BYE sent), 2 usage or configuration error,
3 refused by the hub (duplicate_instance, bad_version).
"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="clusterscope_agent.py",
        description="A ClusterScope service agent in Python: one replica of one service, "
                    "joined to a hub over ZeroMQ (docs/protocol.md).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = p.add_argument_group("what to run")
    what.add_argument("--scenario", metavar="FILE",
                      help="scenario JSON file to take the service's configuration from")
    what.add_argument("--config", metavar="FILE",
                      help="a JSON file holding one service object in the scenario format, "
                           "for an agent not made from a scenario")
    what.add_argument("--service", required=True, metavar="NAME",
                      help="the service this process is a replica of")
    what.add_argument("--replica", type=int, default=0, metavar="N",
                      help="its replica number, 0 … 19999 (default 0)")
    what.add_argument("--instance", metavar="ID",
                      help="instance id announced in HELLO (default SERVICE#REPLICA)")
    what.add_argument("--node", metavar="NAME",
                      help="node this replica runs on (partitions act on nodes)")
    hub = p.add_argument_group("reaching the hub")
    hub.add_argument("--connection", metavar="FILE",
                     help="connection file written by the launcher (default: see below)")
    hub.add_argument("--hub", metavar="ENDPOINT",
                     help="hub control endpoint instead of a connection file")
    hub.add_argument("--hub-key", metavar="Z85",
                     help="with --hub: the hub's CURVE public key (absent: no CURVE)")
    hub.add_argument("--certificate", metavar="PATH",
                     help="with --hub-key: this agent's secret certificate (NAME.key_secret)")
    net = p.add_argument_group("network")
    net.add_argument("--bind", default="127.0.0.1", metavar="HOST",
                     help="address the request socket binds to (default 127.0.0.1); "
                          "0.0.0.0, * or :: for every interface")
    net.add_argument("--advertise", metavar="HOST",
                     help="with a wildcard --bind: the host announced to the hub with the "
                          "port the socket got (default: this machine's host name)")
    net.add_argument("--no-metrics", action="store_true",
                     help="serve no Prometheus /metrics page (default: served on --bind, a "
                          "port the system chooses, announced in HELLO)")
    flags = p.add_argument_group("the service, without --scenario or --config")
    flags.add_argument("--workers", type=int, default=1, help="requests served at once")
    flags.add_argument("--queue-capacity", type=int, metavar="N",
                       help="requests that may wait for a worker (default unbounded)")
    flags.add_argument("--service-time", default="0", metavar="DIST",
                       help='service time in ms, a scenario distribution as JSON: '
                            '\'{"dist": "exponential", "mean": 20}\' or a number (default 0)')
    flags.add_argument("--error-rate", type=float, default=0.0, metavar="R",
                       help="share of requests answered with error, 0 … 1")
    flags.add_argument("--call", action="append", default=[], metavar="JSON",
                       help="a call in the scenario format, repeatable: "
                            '\'{"to": "stock", "timeout_ms": 200, "retries": 2}\'')
    flags.add_argument("--startup-s", type=float, default=0.0, metavar="S",
                       help="seconds from start to ready")
    run = p.add_argument_group("running")
    run.add_argument("--seed", type=int, help="random seed (default: from the scenario, "
                                              "the service and the replica)")
    run.add_argument("--drain-s", type=float, default=2.0, metavar="S",
                     help="on SIGTERM, wait at most this long for requests in hand "
                          "(default 2)")
    run.add_argument("-v", "--verbose", action="count", default=0,
                     help="log more (-v info, -vv debug)")
    return p


def _service_config(args: argparse.Namespace) -> configs.ServiceConfig:
    if args.scenario and args.config:
        raise ValueError("give --scenario or --config, not both")
    if args.scenario:
        return configs.from_scenario(args.scenario, args.service)
    if args.config:
        import json
        try:
            with open(args.config, encoding="utf-8") as handle:
                raw = json.load(handle)
        except (OSError, ValueError) as error:
            raise ValueError(f"{args.config}: {error}") from None
        if isinstance(raw, dict) and raw.get("name", args.service) != args.service:
            raise ValueError(f"{args.config} describes {raw.get('name')!r}, "
                             f"not {args.service!r}")
        if isinstance(raw, dict):
            raw.setdefault("name", args.service)
        return configs.from_service_object(raw, args.config)
    return configs.from_parts(args.service, args.workers, args.queue_capacity,
                              args.service_time, args.error_rate, args.call, args.startup_s)


def _connection(args: argparse.Namespace) -> connection.Connection:
    if args.hub:
        if args.connection:
            raise ValueError("give --connection or --hub, not both")
        conn = connection.Connection(hub=connection.check_endpoint(args.hub, "--hub"))
        if args.hub_key:
            if len(args.hub_key) != 40:
                raise ValueError("--hub-key: a 40-character Z85 key is expected")
            if not args.certificate:
                raise ValueError("--hub-key needs --certificate (the hub's ZAP handler "
                                 "accepts listed keys only)")
            conn.hub_public_key = args.hub_key.encode("ascii")
            conn.public_key, conn.secret_key = connection.load_key_pair(args.certificate)
        elif args.certificate:
            raise ValueError("--certificate needs --hub-key")
        return conn
    if args.hub_key or args.certificate:
        raise ValueError("--hub-key and --certificate go with --hub")
    return connection.read(args.connection or connection.default_path())


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="clusterscope-agent: %(levelname)s: %(message)s")
    try:
        if not NAME_RE.match(args.service):
            raise ValueError(f"--service: not a name: {args.service!r}")
        if not 0 <= args.replica <= 19999:
            raise ValueError("--replica: 0 … 19999")
        if args.node is not None and not NAME_RE.match(args.node):
            raise ValueError(f"--node: not a name: {args.node!r}")
        if args.instance is not None and not INSTANCE_RE.match(args.instance):
            raise ValueError(f"--instance: not an instance id: {args.instance!r}")
        if args.advertise is not None and not ADVERTISE_RE.match(args.advertise):
            raise ValueError(f"--advertise: not a host name or address: {args.advertise!r}")
        if args.advertise is not None and not is_wildcard(args.bind):
            # The document's rule: only a wildcard address needs another name.
            logging.warning("--advertise %s is ignored: --bind %s is announced as it is",
                            args.advertise, args.bind)
        service = _service_config(args)
        conn = _connection(args)
    except ValueError as error:  # a configuration problem, not a usage one: no usage text
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 2
    from .agent import Agent, print_summary  # after parsing: --help needs no ZeroMQ
    try:
        agent = Agent(service, args.replica, conn, args.bind, advertise=args.advertise,
                      node=args.node, metrics=not args.no_metrics,
                      instance=args.instance, seed=args.seed, drain_s=args.drain_s)
    except Exception as error:  # a bind or connect refused by ZeroMQ: say so, plainly
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 2
    status = agent.run()
    print_summary(agent)
    return status
