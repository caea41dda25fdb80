// The subcommands of `simulate`. Each returns normally on success and throws on failure;
// main maps exceptions to exit codes.
#pragma once

#include "sim/cli/options.h"
#include "sim/run/communicator.h"

namespace rampup::cli {

// A run (one process, or the ranks of an MPI job: `comm`).
void run_simulation(const RunArgs& args, Communicator& comm);
void validate_scenario(const ValidateArgs& args);
void merge_shards(const MergeArgs& args);
void print_summary(const SummaryArgs& args);
void compare_files(const CompareArgs& args);
// An exploration (one process, or the ranks of an MPI job); sim/cli/explore_command.cpp.
void explore_scenario(const ExploreArgs& args, Communicator& comm);
// If the inputs are files of `simulate explore`, merges them and returns true (else false: a
// run's shards, for merge_shards).
bool merge_explorations(const MergeArgs& args);

}  // namespace rampup::cli
