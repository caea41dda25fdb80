#!/usr/bin/env bash
# Quick start: set up, build, and run the reference scenario (extra arguments go to simulate).
# --force so that running it again replaces the previous results/hague.h5 (--force replaces
# only a results file of simulate; anything else at the target is still refused).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
exec ./build/sim/cli/simulate scenarios/hague.yaml --force "$@"
