// --checkpoint for `simulate explore`: the experiments finished so far, kept beside the output
// as OUTPUT.checkpoint, an ordinary explore file of experiments [begin, done) replaced
// atomically. Re-running the same command resumes from it; the rows are stored as computed, so
// the final file is byte-identical to an uninterrupted run.
#pragma once

#include <filesystem>
#include <optional>

#include "sim/explore/explore.h"
#include "sim/explore/explore_file.h"

namespace rampup::explore {

// Writes the rows of `done` to `path`, replacing the previous checkpoint once complete.
void write_explore_checkpoint(const std::filesystem::path& path, const ExplorePlan& plan,
                              const ExploreTable& done);

// The rows of the checkpoint at `path` if there is one, after checking it belongs to this
// exploration (the --vary texts, design, size, seed, trials, scenario, shard and build);
// CheckpointError (exit 2) naming what differs otherwise.
std::optional<ExploreTable> read_explore_checkpoint(const std::filesystem::path& path,
                                                    const ExplorePlan& plan);

}  // namespace rampup::explore
