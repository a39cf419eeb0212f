#!/usr/bin/env bash
# Takes the user guide's screenshots from the real application under Xvfb:
#   bash docs/screenshots/make-screenshots.sh [path/to/clusterscope]
# Each shot starts the GUI with fresh settings, lets it run, and grabs the whole screen with
# ImageMagick's `import -window root`.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
gui=${1:-$repo/build/app/gui/clusterscope}
out=$repo/docs/screenshots
scenarios=$repo/scenarios
[ -x "$gui" ] || { echo "no GUI at $gui: build first (bash .ci/test.sh)" >&2; exit 2; }

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
work=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=$display QT_QPA_PLATFORM=xcb
sleep 1

# shot NAME SECONDS [KEYS] -- ARGS...: runs the GUI with ARGS, waits, presses KEYS (a
# "sleep:N" among them waits N seconds), grabs.
shot() {
  local name=$1 wait=$2 keys=$3
  shift 4
  # Fresh settings for every shot, so that a saved window layout does not leak in.
  # --lang en: the guide is in English whatever the machine's locale.
  XDG_CONFIG_HOME=$work/config-$name "$gui" --lang en "$@" >"$work/$name.log" 2>&1 &
  local app=$!
  sleep "$wait"
  if [ -n "$keys" ]; then
    xdotool search --sync --onlyvisible --name "ClusterScope" windowfocus --sync >/dev/null 2>&1 || true
    for k in $keys; do
      case $k in
        sleep:*) sleep "${k#sleep:}" ;;  # wait for the run to get somewhere
        *) xdotool key "$k"; sleep 0.5 ;;
      esac
    done
    sleep 1
  fi
  import -window root "$out/$name.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  echo "wrote $out/$name.png"
}

# The default lesson in the middle of the payment slowdown (cluster time ~100 s).
shot main-window 6 "" -- --run --speed 20
# Presenter mode: full screen, large type, on the node failure.
shot presenter 8 "" -- "$scenarios/node-failure.json" --run --speed 10 --presenter
# An invalid file: the loader's messages in a dialog, the default lesson behind it.
printf '{"format": 1, "name": "typo", "duration_s": 10,\n "services": [{"name": "a", "replicass": 2}],\n "workload": {"entry": "b", "rate_rps": 10}}\n' >"$work/broken.json"
shot invalid-file 3 "" -- "$work/broken.json"
# Sync vs async side by side on the cascading chain.
shot compare-sync-async 9 "" -- "$scenarios/sync-chain-slow-db.json" --compare sync-async --run --speed 10
# Monolith vs microservices after the crash of recommendations.
shot compare-monolith 9 "" -- "$scenarios/monolith.json" --compare monolith --run --speed 10
# The course in French: the start screen lists the lessons by part (no file given).
shot lessons-fr 5 "" -- --lang fr
# A question asked in French: the lesson on the cost of hops holds the run at 0 s for the room.
shot question-asked-fr 5 "" -- "$scenarios/cost-of-hops.json" --lang fr --run --speed 20
# A question answered: the lesson on coexisting languages holds the run at 40 s (a Python
# replica is killed), Page Down lets it go on through the question's window (40-55 s), and the
# step that follows shows the measured answer; the charts mark it.
shot question-answered-fr 7 "Next sleep:1.5" -- "$scenarios/coexisting-languages.json" --lang fr --run --speed 10
# The same chain on real processes (File ▸ Run on real agents), after the database slowed down
# at 60 s: agents, load generator and hub are local processes, ended with the window.
shot live-agents 80 "" -- "$scenarios/sync-chain-slow-db.json" --live
# The queueing model against the measured cluster: the chain simulated and on real processes,
# paced together, after the database slowed down (Compare ▸ Simulation vs real agents).
shot compare-real-agents 80 "" -- "$scenarios/sync-chain-slow-db.json" --compare real-agents
