#!/usr/bin/env bash
# The main job on the embedded default: synthetic population -> indicators (DuckDB)
# -> disclosure-controlled release -> check -> web app (SQLite) serving it.
# By default the real size of Groningen and Drenthe: 1 100 000 persons, 2003-2022 (about
# 12 minutes on a 2-core machine, see README); DEMO_PERSONS=100000 in make is quicker.
set -euo pipefail
out=${1:-demo}
persons=${2:-1100000}
am=.venv/bin/armoedemonitor
# Demo settings (plain HTTP, demo accounts) for import and serve alike; production is the default.
export DJANGO_SETTINGS_MODULE=armoedemonitor.web.settings.demo
mkdir -p "$out"
export ARMOEDEMONITOR_HOME="$(cd "$out" && pwd)/web"  # DEMO_DIR may be relative or absolute
export ARMOEDEMONITOR_GEO_FILE="${ARMOEDEMONITOR_GEO_FILE:-$(ls ../shared/geo/gemeente_2023.topojson 2>/dev/null || true)}"
rm -rf "$out/microdata" "$out/results"
$am synth --out "$out/microdata" --persons "$persons" --seed 1
# compute validates its input first (the same rules as `armoedemonitor validate`)
$am compute "$out/microdata" --out "$out/results"
release="$out/releases/demo-$(date +%Y%m%d-%H%M%S)"
# The demo publishes the last five years at every level down to buurt (all twenty years
# take about four times as long). A smaller population stops at wijk: its buurt cells are
# nearly all too small, and protecting them is the slow case (100 000 persons: 11 min
# down to buurt; see README, Benchmarks).
levels=()
if [ "$persons" -lt 1000000 ]; then levels=(--levels totaal,gemeente,wijk,regiosets); fi
$am release "$out/results" --out "$release" --years 2018-2022 "${levels[@]}"
echo "Release: $release"
# import-release runs the same check as `armoedemonitor check` before it stores anything.
$am import-release "$release" --current
echo "Dashboard: http://127.0.0.1:8000"
exec $am serve --demo
