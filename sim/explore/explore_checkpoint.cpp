#include "sim/explore/explore_checkpoint.h"

#include <string>

#include "sim/hdf5/file.h"
#include "sim/output/atomic_output.h"
#include "sim/results/checkpoint.h"
#include "sim/version.h"

namespace rampup::explore {

namespace fs = std::filesystem;

void write_explore_checkpoint(const fs::path& path, const ExplorePlan& plan,
                              const ExploreTable& done) {
  output::AtomicOutput output(path, /*overwrite=*/true, is_explore_file);
  output::writing(output, [&] { write_explore_file(output.temp_path(), plan, done); });
  output.commit();
}

std::optional<ExploreTable> read_explore_checkpoint(const fs::path& path, const ExplorePlan& plan) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return std::nullopt;
  ExplorePlan got;
  ExploreTable table;
  read_explore_file(path, got, table);
  std::string build;
  {
    const h5::File file = h5::File::open_read(path);
    const h5::Group root = file.root();
    build = root.read_text_attr("software_version") + " (git " + root.read_text_attr("git_commit") +
            ")";
  }
  const auto refuse = [&](const std::string& what, const std::string& theirs,
                          const std::string& ours) {
    throw CheckpointError("checkpoint '" + path.string() + "' is from another exploration: its " +
                          what + " is " + theirs + ", this one's is " + ours +
                          "; remove it to start afresh, or run the command that wrote it");
  };
  const auto vary = [](const ExplorePlan& p) {
    std::string out;
    for (const VariedKey& k : p.spec.keys) out += (out.empty() ? "" : " ") + k.spec;
    return out;
  };
  if (vary(got) != vary(plan)) refuse("--vary", vary(got), vary(plan));
  if (got.spec.design != plan.spec.design) {
    refuse("design", design_name(got.spec.design), design_name(plan.spec.design));
  }
  if (got.spec.experiments != plan.spec.experiments) {
    refuse("--experiments", std::to_string(got.spec.experiments),
           std::to_string(plan.spec.experiments));
  }
  if (got.seed != plan.seed) refuse("seed", std::to_string(got.seed), std::to_string(plan.seed));
  if (got.trials != plan.trials) {
    refuse("trial count", std::to_string(got.trials), std::to_string(plan.trials));
  }
  if (got.scenario_sha256 != plan.scenario_sha256) {
    refuse("scenario (SHA-256)", got.scenario_sha256.substr(0, 12),
           plan.scenario_sha256.substr(0, 12));
  }
  if (table.begin != plan.begin) {
    refuse("first experiment (shard)", std::to_string(table.begin), std::to_string(plan.begin));
  }
  const std::string ours = std::string(SOFTWARE_VERSION) + " (git " + GIT_COMMIT + ")";
  if (build != ours) refuse("build", build, ours);
  if (table.experiments == 0 || table.begin + table.experiments > plan.end) {
    throw CheckpointError(
        "checkpoint '" + path.string() + "': experiments [" + std::to_string(table.begin) + ", " +
        std::to_string(table.begin + table.experiments) + ") do not fit this exploration's [" +
        std::to_string(plan.begin) + ", " + std::to_string(plan.end) + ")");
  }
  return table;
}

}  // namespace rampup::explore
