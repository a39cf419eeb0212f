#!/usr/bin/python3
"""Checks scenarios/schema.json against the scenario files.

Every scenarios/*.json (except schema.json) and every valid example in the test data
directory must validate; every document in data/invalid/ must be rejected (the C++ loader
rejects them too: see test_scenario_syntax.cpp). Exit status 0 when all of that holds.
Needs Debian's python3-jsonschema (draft 2020-12 support).
"""

import argparse
import json
import pathlib
import sys

import jsonschema


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schema", required=True, type=pathlib.Path)
    parser.add_argument("--scenarios", required=True, type=pathlib.Path)
    parser.add_argument("--data", required=True, type=pathlib.Path)
    args = parser.parse_args()

    schema = load(args.schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    valid = [p for p in sorted(args.scenarios.glob("*.json")) if p.name != "schema.json"]
    valid += sorted(args.data.glob("*.json"))
    invalid = sorted((args.data / "invalid").glob("*.json"))
    failures = []
    for path in valid:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.absolute_path))
        for error in errors:
            pointer = "/" + "/".join(str(p) for p in error.absolute_path)
            failures.append(f"{path}: {pointer}: {error.message}")
    for path in invalid:
        if validator.is_valid(load(path)):
            failures.append(f"{path}: accepted, but it is an invalid scenario")
    if not invalid:
        failures.append(f"no invalid examples in {args.data / 'invalid'}")

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(valid)} valid and {len(invalid)} invalid documents checked, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
