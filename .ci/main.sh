#!/usr/bin/env bash
# Sets up and builds ClusterScope, then runs the main job: the GUI on the default lesson.
# Without a display it runs the same lesson headless with the command-line tool.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$build_dir/app/gui/clusterscope" "$@"
fi
echo "No display: running the default lesson headless."
exec "$build_dir/app/cli/clusterscope-cli" run "$repo_root/scenarios/lesson-microservices.json"
