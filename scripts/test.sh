#!/usr/bin/env bash
# Quick start: set up, build, and run the whole test suite (C++ unit tests, end-to-end CLI
# tests and the Python tests, all through ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
