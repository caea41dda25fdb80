// Runs an exploration's experiments on one process or on every rank of an MPI job: in rounds of
// one experiment per rank (each with all its threads), whose rows rank 0 gathers in experiment
// order. A row is a function of the experiment's exact integer statistics alone, so the file is
// the same for any number of ranks and threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "sim/explore/explore.h"
#include "sim/explore/explore_file.h"
#include "sim/run/communicator.h"

namespace rampup::explore {

struct ExploreRun {
  std::atomic<std::uint64_t>* trials_done = nullptr;  // this rank's trials, for progress
  // Resume: experiments [plan.begin, resume_at) are already in `resumed` (rank 0 only).
  std::size_t resume_at = 0;
  const ExploreTable* resumed = nullptr;
  // Checkpoints, written by rank 0: at the first round boundary at least
  // `checkpoint_interval_s` after the last (0 = every boundary but the last), and when a stop is
  // requested (the rounds done; a stopped round is not kept). Off if empty.
  double checkpoint_interval_s = 0;
  std::function<void(const ExploreTable& done)> write_checkpoint;
};

struct ExploreResult {
  ExploreTable table;    // rank 0: the rows of the experiments done
  bool stopped = false;  // a stop request (plan.spec.cancel) ended the run early
};

// Collective: every rank calls it with the same plan. A failure on any rank stops all of them
// (that rank rethrows its error, the others throw PeerFailed).
ExploreResult run_explore(const ExplorePlan& plan, const ExploreRun& run, Communicator& comm);

}  // namespace rampup::explore
