#!/bin/sh
# Reruns lupdate over the sources so that the translation files list every string in tr() or
# QCoreApplication::translate(): new strings come in as unfinished, strings gone from the code are
# dropped, translations already written are kept. Run it after merging code with new strings,
# then translate what is unfinished (app/translations/README.md).
#
#   tools/update-translations.sh              # updates app/translations/*.ts in place
#   tools/update-translations.sh --into DIR   # updates copies in DIR (what the test does)
#
# lupdate is Qt 6's: $LUPDATE if set, else the one qtpaths6 names, else lupdate on the PATH.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
into=""
if [ "${1:-}" = "--into" ]; then into=$2; fi

if [ -z "${LUPDATE:-}" ]; then
  if command -v qtpaths6 >/dev/null 2>&1 && [ -x "$(qtpaths6 --query QT_HOST_BINS)/lupdate" ]; then
    LUPDATE="$(qtpaths6 --query QT_HOST_BINS)/lupdate"
  else
    LUPDATE=lupdate
  fi
fi

ts_dir="$root/app/translations"
if [ -n "$into" ]; then
  mkdir -p "$into"
  cp "$ts_dir"/*.ts "$into"/
  ts_dir=$into
fi

cd "$root"
# The GUI: every folder of app/ but the CLI and the translations themselves, so that a new
# folder is swept without editing this script.
gui_dirs=$(for d in app/*/; do
  case "$d" in app/cli/ | app/translations/) ;; *) printf '%s ' "${d%/}" ;; esac
done)
# shellcheck disable=SC2086
"$LUPDATE" -silent -no-obsolete -locations relative -source-language en -target-language fr \
  $gui_dirs -ts "$ts_dir/clusterscope_fr.ts"
"$LUPDATE" -silent -no-obsolete -locations relative -source-language en -target-language fr \
  app/cli -ts "$ts_dir/clusterscope-cli_fr.ts"
# The engine's texts (run reports, claims, questions, the loader's diagnostics): every
# translate("Context", "...") in sim-engine (sim-engine/i18n/engine_text.h).
"$LUPDATE" -silent -no-obsolete -locations relative -source-language en -target-language fr \
  sim-engine -ts "$ts_dir/clusterscope-engine_fr.ts"
