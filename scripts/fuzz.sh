#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan, build-fuzz/) and runs each for SECONDS
# (default 60) from its committed seed corpus in tests/fuzz/corpus/, then prints executions,
# coverage (libFuzzer's cov: edges, ft: features) and corpus size per target.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      TARGET: scenario, results (default both)
#
# New inputs go to build-fuzz/corpus/TARGET (kept between runs; the committed seeds are only
# read), crashes to build-fuzz/crashes/ and fail the script. Long campaigns: a larger SECONDS,
# e.g. `scripts/fuzz.sh 3600`, or `FUZZ_JOBS=2 scripts/fuzz.sh 3600` for parallel workers.
# Turn a crash into a regression test in the ordinary suite (tests/scenario/bad/ or a
# GoogleTest case), then reproduce with: build-fuzz/tests/fuzz/TARGET_fuzzer CRASH_FILE
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(scenario results)
JOBS=${FUZZ_JOBS:-1}
BUILD=$ROOT/build-fuzz

./scripts/setup.sh
mkdir -p "$BUILD"
LOG=$BUILD/build.log
# Configured every time (seconds when nothing changed): see scripts/ci_sanitize.sh.
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang \
      -DCMAKE_CXX_COMPILER=clang++ -DRAMPUP_FUZZ=ON -DRAMPUP_BUILD_TESTS=OFF \
      > "$LOG" 2>&1 || { cat "$LOG"; exit 1; }
cmake --build "$BUILD" -j 2 --target scenario_fuzzer results_fuzzer >> "$LOG" 2>&1 \
  || { tail -50 "$LOG"; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$BUILD/crashes"
status=0
summary=()
for t in "${TARGETS[@]}"; do
  bin=$BUILD/tests/fuzz/${t}_fuzzer
  corpus=$BUILD/corpus/$t
  log=$BUILD/fuzz-$t.log
  mkdir -p "$corpus"
  # A fixed seed by default, so a CI run explores the same inputs every time (a slower machine
  # a prefix of them); FUZZ_SEED=0 picks a random seed for exploratory campaigns.
  args=(-seed="${FUZZ_SEED:-20251130}" -max_total_time="$SECONDS_EACH" -timeout=10
        -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$BUILD/crashes/$t-")
  case $t in
    scenario) args+=(-max_len=8192 -dict="$ROOT/tests/fuzz/scenario.dict")
              workdir=$ROOT/tests/fuzz/scenario_files ;;
    results)  args+=(-max_len=655360)
              workdir=$BUILD ;;
    *) echo "fuzz: unknown target $t (scenario, results)"; exit 2 ;;
  esac
  [ "$JOBS" -gt 1 ] && args+=(-jobs="$JOBS" -workers="$JOBS")
  echo "fuzz: $t for ${SECONDS_EACH} s (log $log)"
  # New inputs go to the first folder; the committed seeds are read only.
  rc=0
  (cd "$workdir" && "$bin" "${args[@]}" "$corpus" "$ROOT/tests/fuzz/corpus/$t" \
     < /dev/null > "$log" 2>&1) || rc=$?
  [ "$JOBS" -gt 1 ] && cat "$workdir"/fuzz-*.log >> "$log" 2>/dev/null && rm -f "$workdir"/fuzz-*.log
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(grep -E 'stat::number_of_executed_units' "$log" | awk '{s+=$2} END {print s+0}' || true)
  files=$(find "$corpus" -type f | wc -l)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  line="$t: ${execs} executions in ${SECONDS_EACH} s, cov ${cov:-?} edges, ft ${ft:-?} features, corpus ${files} new files (+ $(ls "$ROOT/tests/fuzz/corpus/$t" | wc -l) seeds)"
  if [ $rc -ne 0 ]; then
    line+=" - FAILED (exit $rc)"
    status=1
    grep -E 'ERROR|SUMMARY|unexpected|runtime error|Test unit written' "$log" | head -20 || true
  fi
  summary+=("$line")
done
printf 'fuzz: %s\n' "${summary[@]}"
ls "$BUILD/crashes" 2>/dev/null | grep -q . && echo "fuzz: crash inputs in $BUILD/crashes/"
exit $status
