// Combining shard results: refuses files of different scenarios, seeds, trial totals or
// coordinates, and overlapping or missing trial ranges; otherwise adds the integer statistics
// (exact, so any split merges to the bytes of one run).
#pragma once

#include <filesystem>
#include <vector>

#include "sim/results/input_error.h"
#include "sim/results/results_file.h"

namespace rampup {

// Inputs that cannot be merged: bad input, exit code 2.
class MergeError : public InputError {
 public:
  using InputError::InputError;
};

// Reads every variable of every input first (verify_results_file): a damaged input is
// refused (DamagedFileError) before the statistics of any input are read. Then checks every
// input's metadata (read_run_info), then adds the statistics one file at a time: memory holds
// two files' statistics whatever the number of inputs.
LoadedResults merge_results(const std::vector<std::filesystem::path>& inputs);

}  // namespace rampup
