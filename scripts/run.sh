#!/usr/bin/env bash
# Quick start: set up, build, and run the reference scenario (extra arguments go to simulate).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
exec ./build/sim/cli/simulate scenarios/hague.yaml "$@"
