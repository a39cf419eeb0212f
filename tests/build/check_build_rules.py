#!/usr/bin/env python3
"""Rules of the build that a compiler cannot check.

1. Every file(GLOB ...) in a CMakeLists.txt has CONFIGURE_DEPENDS, so that a new scenario file
   is picked up by the next build without re-running CMake by hand.
2. The views (app/topology, app/charts, app/panels) and what they share (app/common,
   app/backend) know nothing of the simulator: their CMakeLists link no engine-side target and
   their sources include no header of the engine, its reports, its scenario loader or the
   simulation back end. They speak the model library only.

Prints one line per violation, FILE:LINE: what is wrong, and exits 1 if there is any.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1]).resolve()
problems = []

for cmake in sorted(root.rglob("CMakeLists.txt")):
    if any(part.startswith("build") for part in cmake.relative_to(root).parts):
        continue
    text = cmake.read_text()
    for m in re.finditer(r"file\s*\(\s*GLOB(_RECURSE)?\b([^)]*)\)", text):
        if "CONFIGURE_DEPENDS" not in m.group(2):
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{cmake.relative_to(root)}:{line}: file(GLOB) without CONFIGURE_DEPENDS")

# Headers that belong to the simulator's side of the seam.
engine_side = set()
for folder in ["sim-engine/engine", "sim-engine/report", "sim-engine/scenario",
               "sim-engine/metrics", "app/simulation"]:
    for header in (root / folder).rglob("*.h"):
        engine_side.add(header.name)
engine_targets = ["clusterscope::engine", "clusterscope::report", "clusterscope::scenario",
                  "clusterscope::metrics", "clusterscope::app_simulation", "cs_engine", "cs_report",
                  "cs_scenario", "cs_metrics", "cs_app_simulation"]

for folder in ["app/topology", "app/charts", "app/panels", "app/common", "app/backend"]:
    for cmake in (root / folder).glob("CMakeLists.txt"):
        for n, line in enumerate(cmake.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            for target in engine_targets:
                if re.search(re.escape(target) + r"\b", code):
                    problems.append(f"{cmake.relative_to(root)}:{n}: links {target}")
    for source in sorted((root / folder).glob("*")):
        if source.suffix not in (".h", ".cpp"):
            continue
        for n, line in enumerate(source.read_text().splitlines(), 1):
            m = re.match(r'\s*#\s*include\s*"([^"]+)"', line)
            if m and pathlib.PurePath(m.group(1)).name in engine_side:
                problems.append(f"{source.relative_to(root)}:{n}: includes {m.group(1)}, "
                                "a header of the simulator")

for p in problems:
    print(p)
print(f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
