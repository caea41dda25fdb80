// The results file layout (docs/FORMAT.md): /summary for analysts, /accumulators with the raw
// mergeable statistics, root attributes with provenance. Writing and reading go through
// rampup::h5 (the only HDF5 user).
#pragma once

#include <filesystem>

#include "sim/engine/outcome_stats.h"
#include "sim/results/run_info.h"

namespace rampup {

// Writes a complete results file at `path` (which must not exist; see h5::AtomicOutput).
void write_results_file(const std::filesystem::path& path, const RunInfo& info,
                        const OutcomeStats& stats);

struct LoadedResults {
  RunInfo info;
  OutcomeStats stats;
};

// Reads the provenance, coordinates and raw statistics back; throws std::runtime_error naming
// the file if it is not a results file of a format this version reads.
LoadedResults read_results_file(const std::filesystem::path& path);

}  // namespace rampup
