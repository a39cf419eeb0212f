#!/usr/bin/python3
"""Checks scenarios/schema.json against the scenario files.

Every scenarios/*.json (except schema.json) and every valid example in the test data
directory must validate; every document in data/invalid/ must be rejected (the C++ loader
rejects them too: see test_scenario_syntax.cpp). Every numeric field's range in
data/ranges/fields.json must hold at both ends, as it does for the loader (see
test_scenario_ranges.cpp). Exit status 0 when all of that holds.
Needs Debian's python3-jsonschema (draft 2020-12 support).
"""

import argparse
import copy
import json
import math
import pathlib
import sys

import jsonschema


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def set_pointer(doc, pointer, value):
    """Sets the member named by a JSON pointer (its parent must exist)."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    if not tokens:
        return value
    parent = doc
    for t in tokens[:-1]:
        parent = parent[int(t)] if isinstance(parent, list) else parent[t]
    last = tokens[-1]
    if isinstance(parent, list):
        parent[int(last)] = value
    else:
        parent[last] = value
    return doc


def beyond(bound, integer, up):
    if integer:
        return bound + 1 if up else bound - 1
    return math.nextafter(float(bound), math.inf if up else -math.inf)


def check_ranges(validator, table):
    """The same bounds as test_scenario_ranges.cpp: on the bound accepted, past it refused."""
    failures = []
    base = table["base"]
    for field in table["fields"]:
        pointer = field["pointer"]
        integer = field.get("integer", False)

        def document(value):
            doc = copy.deepcopy(base)
            for at, v in field.get("with", {}).items():
                doc = set_pointer(doc, at, copy.deepcopy(v))
            return set_pointer(doc, pointer, value)

        def refused_at(value):
            # An error inside oneOf/anyOf (a distribution, a timeline action) comes with the
            # alternatives' own errors as its context.
            pending = list(validator.iter_errors(document(value)))
            while pending:
                error = pending.pop()
                if "/" + "/".join(str(p) for p in error.absolute_path) == pointer:
                    return True
                pending += error.context or []
            return False

        cases = []
        if "min" in field:
            cases += [(field["min"], True), (beyond(field["min"], integer, False), False)]
        if "above" in field:
            cases += [(field["above"], False), (beyond(field["above"], integer, True), True)]
        # A bound relative to another field (a time within duration_s) is beyond JSON Schema:
        # the schema states only the absolute one, checked with the loader's elsewhere.
        if "max" in field and not field.get("max_is_relative", False):
            cases += [(field["max"], True), (beyond(field["max"], integer, True), False)]
        for value, ok in cases:
            if ok and not validator.is_valid(document(value)):
                failures.append(f"ranges: {pointer} = {value!r} refused, but it is in range")
            if not ok and not refused_at(value):
                failures.append(f"ranges: {pointer} = {value!r} accepted, but it is out of range")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schema", required=True, type=pathlib.Path)
    parser.add_argument("--scenarios", required=True, type=pathlib.Path)
    parser.add_argument("--data", required=True, type=pathlib.Path)
    parser.add_argument("--ranges", type=pathlib.Path,
                        help="the table of numeric ranges (default: DATA/ranges/fields.json)")
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
    ranges = load(args.ranges or args.data / "ranges" / "fields.json")
    failures += check_ranges(validator, ranges)

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(valid)} valid and {len(invalid)} invalid documents and "
          f"{len(ranges['fields'])} ranges checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
