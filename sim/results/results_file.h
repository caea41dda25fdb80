// The results file layout (docs/FORMAT.md): /summary for analysts, /accumulators with the raw
// mergeable statistics, root attributes with provenance. Writing and reading go through
// rampup::h5 (the only HDF5 user).
#pragma once

#include <filesystem>
#include <memory>
#include <span>

#include "sim/engine/outcome_stats.h"
#include "sim/engine/trial_block.h"
#include "sim/hdf5/file.h"
#include "sim/results/run_info.h"

namespace rampup {

class TrialsWriter;

// Writes one results file: optionally per-trial records while the run goes on, then the
// summaries and accumulators at the end.
class ResultsWriter {
 public:
  explicit ResultsWriter(const std::filesystem::path& path);  // the path must not exist
  ~ResultsWriter();
  // Creates /trials for the per-trial statistics of `table`; the returned sink streams blocks
  // (of the same table) into it (deflate 0 = off, 1..9).
  TrialSink& save_trials(const RunInfo& coordinates, int deflate_level,
                         std::span<const Statistic> table = STATISTICS);
  // Writes the root attributes, /summary and /accumulators of stats.table(), and closes the
  // file.
  void finish(const RunInfo& info, const OutcomeStats& stats);

 private:
  h5::File file_;
  std::unique_ptr<TrialsWriter> trials_;
};

// Writes a complete results file at `path` (which must not exist; see output::AtomicOutput).
void write_results_file(const std::filesystem::path& path, const RunInfo& info,
                        const OutcomeStats& stats);

struct LoadedResults {
  RunInfo info;
  OutcomeStats stats;
};

// Opens an existing results file for reading: rampup::Error (I/O, exit 1) if it cannot be
// read, InputError (exit 2) if it is not an HDF5 file, DamagedFileError if its superblock or
// root header fails a checksum.
h5::File open_results_for_reading(const std::filesystem::path& path);

// Is this a results file of simulate (root attributes format_version and a source "simulate
// ...", docs/FORMAT.md)? Only those may be replaced with --force; false if unreadable.
bool is_results_file(const std::filesystem::path& path);

// True if the file holds per-trial records (/trials, written by --save-trials).
bool has_per_trial_data(const std::filesystem::path& path);

// Reads the provenance, coordinates and raw statistics (of STATISTICS) back; throws InputError
// naming the file, the attribute or variable, what was expected and what was found if it is not a
// results file of a format this version reads, DamagedFileError if what it reads fails a checksum.
LoadedResults read_results_file(const std::filesystem::path& path);

// Only the provenance and coordinates (RunInfo) of read_results_file, with the same checks; the
// statistics are not read (merge checks every shard this way before it reads any statistics).
RunInfo read_run_info(const std::filesystem::path& path);

}  // namespace rampup
