#include "sim/results/checkpoint.h"

#include <string>

#include "sim/output/atomic_output.h"

namespace rampup {

namespace fs = std::filesystem;

fs::path checkpoint_path(const fs::path& output) {
  fs::path p = output;
  p += ".checkpoint";
  return p;
}

void write_checkpoint(const fs::path& path, const RunInfo& info, const OutcomeStats& stats) {
  output::AtomicOutput output(path, /*overwrite=*/true, is_results_file);
  output::writing(output, [&] { write_results_file(output.temp_path(), info, stats); });
  output.commit();
}

std::optional<LoadedResults> read_checkpoint(const fs::path& path, const RunInfo& expected) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return std::nullopt;
  LoadedResults saved = read_results_file(path);
  const RunInfo& got = saved.info;
  const auto refuse = [&](const std::string& what, const std::string& theirs,
                          const std::string& ours) {
    throw CheckpointError("checkpoint '" + path.string() + "' is from another run: its " + what +
                          " is " + theirs + ", this run's is " + ours +
                          "; remove it to start afresh, or run the command that wrote it");
  };
  if (got.scenario_sha256 != expected.scenario_sha256) {
    refuse("scenario (SHA-256)", got.scenario_sha256.substr(0, 12),
           expected.scenario_sha256.substr(0, 12));
  }
  if (got.seed != expected.seed)
    refuse("seed", std::to_string(got.seed), std::to_string(expected.seed));
  if (got.trials_total != expected.trials_total) {
    refuse("trial count", std::to_string(got.trials_total), std::to_string(expected.trials_total));
  }
  if (got.trial_begin != expected.trial_begin) {
    refuse("first trial (shard)", std::to_string(got.trial_begin),
           std::to_string(expected.trial_begin));
  }
  if (got.until_se != expected.until_se) {
    refuse("--until-se", std::to_string(got.until_se), std::to_string(expected.until_se));
  }
  if (got.software_version != expected.software_version || got.git_commit != expected.git_commit) {
    refuse("build", got.software_version + " (git " + got.git_commit + ")",
           expected.software_version + " (git " + expected.git_commit + ")");
  }
  if (got.trial_end <= got.trial_begin || got.trial_end > expected.trial_end) {
    throw CheckpointError("checkpoint '" + path.string() + "': trials [" +
                          std::to_string(got.trial_begin) + ", " + std::to_string(got.trial_end) +
                          ") do not fit this run's [" + std::to_string(expected.trial_begin) +
                          ", " + std::to_string(expected.trial_end) + ")");
  }
  return saved;
}

}  // namespace rampup
