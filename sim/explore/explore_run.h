// Runs an exploration's experiments on one process or on every rank of an MPI job: in rounds of
// one experiment per rank (each with all its threads), whose rows rank 0 gathers in experiment
// order; the experiments left over, fewer than the ranks, one at a time with their trials split
// over all ranks (sim/run/staged_run.h) and the statistics summed exactly on rank 0. A row is a
// function of the experiment's exact integer statistics alone, so the file is the same for any
// number of ranks and threads.
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
  // Checkpoints, written by rank 0: at the first step (round or split experiment) boundary at least
  // `checkpoint_interval_s` after the last (0 = every boundary but the last), and when a stop is
  // requested (the steps done; a stopped step is not kept). Off if empty.
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

// The trials rank 0 runs for experiments [from, plan.end) on `ranks` ranks: a progress total.
std::uint64_t rank0_trials(const ExplorePlan& plan, std::size_t from, int ranks);

}  // namespace rampup::explore
