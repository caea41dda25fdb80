// The subcommands of `simulate`. Each returns normally on success and throws on failure;
// main maps exceptions to exit codes.
#pragma once

#include "sim/cli/options.h"
#include "sim/error.h"

namespace rampup::cli {

// Ctrl-C or SIGTERM stopped the run: exit code 1, nothing written at the target.
class Interrupted : public Error {
 public:
  Interrupted() : Error("interrupted; no results file was written", ExitCode::failure) {}
};

void run_simulation(const RunArgs& args);
void validate_scenario(const ValidateArgs& args);
void merge_shards(const MergeArgs& args);
void print_summary(const SummaryArgs& args);
void compare_files(const CompareArgs& args);

}  // namespace rampup::cli
