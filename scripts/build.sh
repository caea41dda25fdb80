#!/usr/bin/env bash
# Installs missing Debian packages, configures and builds in Release (build/), then installs
# `simulate` (and the scenarios, data and analysis package under share/rampup) into a prefix on
# the PATH: /usr/local as root, else ~/.local (RAMPUP_PREFIX overrides), so that
# `simulate scenarios/hague.yaml` works as typed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j "$(nproc)" >> build.log 2>&1 || { tail -50 build.log; exit 1; }
if [ "$(id -u)" -eq 0 ]; then prefix=${RAMPUP_PREFIX:-/usr/local}; else prefix=${RAMPUP_PREFIX:-$HOME/.local}; fi
cmake --install build --prefix "$prefix" >> build.log 2>&1 || { tail -20 build.log; exit 1; }
echo "build: ok (log in build.log); installed $prefix/bin/simulate"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "build: note: $prefix/bin is not on your PATH; add it, or call $prefix/bin/simulate" ;;
esac
