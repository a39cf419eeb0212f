#!/usr/bin/env bash
# Sets up and builds ClusterScope, runs the engine's tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer (when the compiler can), then the whole test suite under CTest,
# whose summary ends the output. Fails when either run fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$(dirname "${BASH_SOURCE[0]}")/sanitize.sh"
if [ "$sanitize_status" -ne 0 ]; then
  echo "The sanitizer run FAILED (above). The whole suite follows."
fi
cd "$build_dir"
status=0
ctest --output-on-failure --parallel "$(nproc)" --timeout 600 || status=$?
if [ "$sanitize_status" -ne 0 ] && [ "$status" -eq 0 ]; then status=$sanitize_status; fi
exit "$status"
