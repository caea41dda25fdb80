// A run in stages: trials [begin, end) go in chunks, each split over the ranks (threads within
// a rank as in run_trials); between chunks the ranks agree whether to go on, to stop (a signal),
// to write a checkpoint, or to finish early (the stopping rule). The statistics are integer
// sums, so the result does not depend on chunks, ranks or threads.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>

#include "models/params.h"
#include "sim/engine/runner.h"
#include "sim/error.h"
#include "sim/run/communicator.h"

namespace rampup {

// --until-se: checks happen when the run reaches 1000 * 2^k trials (counted from trial 0), so
// where a run stops depends on the statistics alone, not on threads, ranks or timing.
inline constexpr std::uint64_t UNTIL_SE_FIRST_CHECK = 1000;

struct StagedRun {
  RunOptions engine;                 // seed, threads, progress, cancel; ranges are set per chunk
  std::uint64_t begin = 0, end = 0;  // the run's (or shard's) trials; `end` is the cap
  // Resume: trials [begin, resume_at) are already in `resumed` (read on rank 0 only).
  std::uint64_t resume_at = 0;
  const OutcomeStats* resumed = nullptr;
  std::uint64_t chunk_trials = 0;  // trials per chunk over all ranks; 0 = one chunk
  // Checkpoints: at the first chunk boundary at least `checkpoint_interval_s` after the last
  // one (0 = every boundary), and when a stop is requested; written by rank 0. Off if empty.
  double checkpoint_interval_s = 0;
  std::function<void(const OutcomeStats& stats, std::uint64_t trial_end)> write_checkpoint;
  // Per-trial records over several ranks (--save-trials under MPI): chunks of
  // engine.sink_chunk_trials per rank; rank 0 writes its part, then receives and writes the
  // other ranks' parts in rank order, so the records arrive in trial order and memory holds one
  // block per rank. `gather_trials` on every rank; `trials_out` on rank 0.
  bool gather_trials = false;
  TrialSink* trials_out = nullptr;
  // Stopping rule: stop at the first check where largest_se(statistics) <= until_se (0 = off).
  double until_se = 0;
  std::function<double(const OutcomeStats&)> largest_se;
};

struct StagedResult {
  OutcomeStats stats;  // complete on rank 0: trials [begin, trial_end)
  std::uint64_t trial_end = 0;
  bool stopped = false;   // a stop request ended the run early
  bool rule_met = false;  // the stopping rule was met (false without one)
};

// Thrown on every rank but the failing one(s) when a rank failed during the run (exit 1).
class PeerFailed : public Error {
 public:
  PeerFailed() : Error("another rank failed", ExitCode::failure) {}
};

// Collective: every rank learns whether any rank's `error` is set; a failing rank rethrows its
// own, the others throw PeerFailed. Keeps the ranks' collective calls in step when one fails.
void agree_on_error(const std::exception_ptr& error, Communicator& comm);

StagedResult run_staged(const ModelParams& model, const StagedRun& run, Communicator& comm);

}  // namespace rampup
