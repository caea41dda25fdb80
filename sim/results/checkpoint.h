// Checkpoints (--checkpoint): the statistics of the trials done so far, kept beside the output
// as OUTPUT.checkpoint, an ordinary results file of trials [begin, done) replaced atomically.
// Re-running the same command resumes from it; the integer statistics make the final file
// byte-identical to an uninterrupted run.
#pragma once

#include <filesystem>
#include <optional>

#include "sim/results/input_error.h"
#include "sim/results/results_file.h"

namespace rampup {

// A checkpoint of another run (scenario, seed, trials, stopping rule or build): exit 2.
class CheckpointError : public InputError {
 public:
  using InputError::InputError;
};

std::filesystem::path checkpoint_path(const std::filesystem::path& output);

// Writes `stats` of trials [info.trial_begin, info.trial_end) to `path`, replacing the
// previous checkpoint only once the new one is complete.
void write_checkpoint(const std::filesystem::path& path, const RunInfo& info,
                      const OutcomeStats& stats);

// The checkpoint at `path` if there is one, after checking it belongs to the run described by
// `expected` (its trial_end is where the run may resume); CheckpointError otherwise.
std::optional<LoadedResults> read_checkpoint(const std::filesystem::path& path,
                                             const RunInfo& expected);

}  // namespace rampup
