// The parallel trial runner (the only oneTBB user): trials [begin, end) in fixed-size blocks,
// each thread accumulating into its own OutcomeStats; the integer statistics make the combined
// result identical for any thread count and block schedule.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>

#include "models/params.h"
#include "sim/engine/outcome_stats.h"
#include "sim/engine/trial_block.h"
#include "sim/error.h"

namespace rampup {

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint64_t trial_begin = 0;  // global index of the first trial (shards start later)
  std::uint64_t trial_end = 0;    // one past the last trial
  int threads = 0;                // 0 = all available cores
  std::uint64_t block_trials = 1024;
  std::atomic<std::uint64_t>* trials_done = nullptr;  // progress counter, optional
  const std::atomic<bool>* cancel = nullptr;          // set to stop early, optional
  // Optional per-trial output: trials run in chunks of `sink_chunk_trials`; after each chunk
  // the sink receives its records, in trial order, on the calling thread. Memory holds one
  // chunk, whatever the trial count.
  TrialSink* trial_sink = nullptr;
  std::uint64_t sink_chunk_trials = 8192;
  // The statistics kept and recorded (sim/engine/statistics.h); must outlive the run.
  std::span<const Statistic> statistics = STATISTICS;
};

// The cancel flag was set: a runtime stop, exit code 1.
class RunCancelled : public Error {
 public:
  RunCancelled() : Error("run cancelled", ExitCode::failure) {}
};

// Runs the trials and returns their statistics; throws RunCancelled if `cancel` was set.
OutcomeStats run_trials(const ModelParams& model, const RunOptions& options);

// Threads `threads` resolves to (0 = all cores).
int resolve_thread_count(int threads);

}  // namespace rampup
