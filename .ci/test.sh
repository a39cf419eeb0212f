#!/usr/bin/env bash
# Sets up and builds ClusterScope, then runs the whole test suite under CTest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600
