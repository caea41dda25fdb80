#!/usr/bin/env bash
# Sanitizer runs for CI (.ci/run), each in its own build folder (Release + -g, every report
# fatal: cmake/Sanitizers.cmake):
#   asan  the whole test suite (ctest) under AddressSanitizer + UndefinedBehaviorSanitizer,
#         in build-asan/ (the end-to-end and Python tests run the instrumented `simulate`);
#   tsan  the parallel runner and merge tests under ThreadSanitizer, in build-tsan/: the
#         Runner.* and Merge.*/ResultsFile.* GoogleTest cases, and the CLI's thread-count,
#         shard and merge tests (pytest) on the instrumented `simulate`.
# Both build without MPI (RAMPUP_MPI=OFF): Open MPI's plugins leak at exit in ways LSan cannot
# attribute (unloaded modules). The rank logic itself (sim/run) is covered under ASan by
# tests/run, whose ranks are threads; `mpirun` is tested in the ordinary suite.
#
#   scripts/ci_sanitize.sh [asan|tsan]...      (default: asan tsan)
#
# Reports are also written to build-*/sanitizer-reports/ (log_path), so one that a test
# swallowed (an expected non-zero exit, captured stderr) still fails the run: zero reports
# are required. Sanitizer exits use code 99, which no test expects from `simulate`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
KINDS=("$@")
[ ${#KINDS[@]} -gt 0 ] || KINDS=(asan tsan)
JOBS=2

./scripts/setup.sh

# Configures and builds BUILD with the cmake option OPTION; extra arguments are targets.
build() {
  local dir=$1 option=$2
  shift 2
  mkdir -p "$dir"
  # Configured every time (seconds when nothing changed): a configure cut short leaves a cache
  # without a build system, which a check for the cache alone would take as done.
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "-D$option=ON" -DRAMPUP_MPI=OFF > "$dir/build.log" 2>&1 \
    || { cat "$dir/build.log"; exit 1; }
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$dir" -j "$JOBS" "${targets[@]}" >> "$dir/build.log" 2>&1 \
    || { tail -60 "$dir/build.log"; exit 1; }
}

# Fails if any sanitizer report was written under DIR.
check_reports() {
  local dir=$1 name=$2
  local reports
  reports=$(find "$dir" -type f 2>/dev/null | wc -l)
  if [ "$reports" -ne 0 ]; then
    echo "sanitize: $name: $reports sanitizer report(s):"
    for f in "$dir"/*; do echo "--- $f"; head -60 "$f"; done
    return 1
  fi
  echo "sanitize: $name: 0 sanitizer reports"
}

run_asan() {
  local dir=$ROOT/build-asan reports=$ROOT/build-asan/sanitizer-reports
  build "$dir" RAMPUP_SANITIZE
  rm -rf "$reports"; mkdir -p "$reports"
  # verify_asan_link_order=0: the fault tests preload a write/fsync shim before the runtime.
  export ASAN_OPTIONS="detect_leaks=1:verify_asan_link_order=0:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:exitcode=99:log_path=$reports/asan"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=99:log_path=$reports/ubsan"
  export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0"
  # The memory-limit test caps the address space (RLIMIT_AS), where ASan's shadow memory cannot
  # be mapped; the memory-reuse tests count page faults under glibc's malloc, which ASan
  # replaces with its own allocator. They run in the ordinary suite.
  export PYTEST_ADDOPTS="--deselect tests/cli/test_save_trials.py::test_save_trials_streams_within_a_memory_limit_smaller_than_the_data --deselect tests/cli/test_memory_reuse.py"
  local rc=0
  ctest --test-dir "$dir" --output-on-failure -j "$JOBS" --timeout 1800 || rc=$?
  check_reports "$reports" "ASan+UBSan, whole suite" || rc=1
  unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS PYTEST_ADDOPTS
  return $rc
}

run_tsan() {
  local dir=$ROOT/build-tsan reports=$ROOT/build-tsan/sanitizer-reports
  build "$dir" RAMPUP_TSAN engine_tests results_tests run_tests simulate
  rm -rf "$reports"; mkdir -p "$reports"
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:exitcode=99:log_path=$reports/tsan:suppressions=$ROOT/tests/sanitizers/tsan.supp"
  local rc=0
  ctest --test-dir "$dir" --output-on-failure -j "$JOBS" -R '^(Runner|Merge|ResultsFile|StagedRun|AgreeOnFailure)\.' || rc=$?
  RAMPUP_SIMULATE=$dir/sim/cli/simulate RAMPUP_SOURCE_DIR=$ROOT \
    /usr/bin/python3 -m pytest -q -p no:cacheprovider "$ROOT/tests/cli/test_cli.py" \
      -k 'thread_count or shard or merge' || rc=$?
  RAMPUP_SIMULATE=$dir/sim/cli/simulate RAMPUP_SOURCE_DIR=$ROOT \
    /usr/bin/python3 -m pytest -q -p no:cacheprovider "$ROOT/tests/cli/test_hpc.py" \
      -k 'kill or sigterm or until_se' || rc=$?
  check_reports "$reports" "TSan, runner and merge" || rc=1
  unset TSAN_OPTIONS
  return $rc
}

status=0
for kind in "${KINDS[@]}"; do
  start=$(date +%s)
  case $kind in
    asan) run_asan || status=1 ;;
    tsan) run_tsan || status=1 ;;
    *) echo "sanitize: unknown kind $kind (asan, tsan)"; exit 2 ;;
  esac
  echo "sanitize: $kind took $(( $(date +%s) - start )) s"
done
exit $status
