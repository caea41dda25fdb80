#include "sim/results/merge.h"

#include <algorithm>

#include "sim/results/integrity.h"

namespace rampup {

namespace {

void check_same(const std::filesystem::path& a, const RunInfo& x, const std::filesystem::path& b,
                const RunInfo& y) {
  auto refuse = [&](const std::string& what, const std::string& vx, const std::string& vy) {
    throw MergeError("cannot merge: " + a.string() + " and " + b.string() + " have different " +
                     what + " (" + vx + " vs " + vy + ")");
  };
  if (x.scenario_sha256 != y.scenario_sha256) {
    refuse("scenarios", x.scenario_name + " " + x.scenario_sha256.substr(0, 12),
           y.scenario_name + " " + y.scenario_sha256.substr(0, 12));
  }
  if (x.seed != y.seed) refuse("seeds", std::to_string(x.seed), std::to_string(y.seed));
  // Another build may draw other variates: shards must come from one build.
  if (x.software_version != y.software_version || x.git_commit != y.git_commit ||
      x.library_versions != y.library_versions) {
    refuse("builds", x.software_version + " " + x.git_commit,
           y.software_version + " " + y.git_commit +
               (x.library_versions != y.library_versions ? ", other library versions" : ""));
  }
  if (x.trials_total != y.trials_total) {
    refuse("trial totals", std::to_string(x.trials_total), std::to_string(y.trials_total));
  }
  if (x.member_ids != y.member_ids || x.start_year != y.start_year || x.end_year != y.end_year ||
      x.gdp_base_usd_bn != y.gdp_base_usd_bn || x.armed_forces != y.armed_forces) {
    refuse("members or years", "", "");
  }
}

std::string range(const RunInfo& i) {
  return "[" + std::to_string(i.trial_begin) + ", " + std::to_string(i.trial_end) + ")";
}

}  // namespace

LoadedResults merge_results(const std::vector<std::filesystem::path>& inputs) {
  if (inputs.empty()) throw MergeError("cannot merge: no input files");
  // Every shard whole first (one at a time, bounded memory): a damaged one is refused before
  // anything is read from the others.
  for (const auto& p : inputs) verify_results_file(p);
  // Then every shard's metadata: same run, trial ranges that tile [0, total). Only the first
  // RunInfo and each file's range are kept, so memory does not grow with the shard count.
  struct Shard {
    std::filesystem::path path;
    RunInfo range;  // trial_begin and trial_end only
  };
  const RunInfo first = read_run_info(inputs.front());
  std::vector<Shard> shards;
  for (const auto& p : inputs) {
    const RunInfo info = p == inputs.front() ? first : read_run_info(p);
    check_same(inputs.front(), first, p, info);
    RunInfo range;
    range.trial_begin = info.trial_begin;
    range.trial_end = info.trial_end;
    shards.push_back({p, range});
  }
  std::sort(shards.begin(), shards.end(), [](const Shard& a, const Shard& b) {
    return a.range.trial_begin < b.range.trial_begin;
  });
  std::uint64_t expected = 0;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const RunInfo& info = shards[i].range;
    if (info.trial_begin > expected) {
      throw MergeError("cannot merge: trials [" + std::to_string(expected) + ", " +
                       std::to_string(info.trial_begin) + ") are missing (next file " +
                       shards[i].path.string() + " holds " + range(info) + ")");
    }
    if (info.trial_begin < expected) {
      throw MergeError("cannot merge: " + shards[i].path.string() + " holds trials " + range(info) +
                       ", overlapping " + shards[i - 1].path.string() + " " +
                       range(shards[i - 1].range));
    }
    expected = info.trial_end;
  }
  const std::uint64_t total = first.trials_total;
  if (expected != total) {
    throw MergeError("cannot merge: trials [" + std::to_string(expected) + ", " +
                     std::to_string(total) + ") of " + std::to_string(total) + " are missing");
  }
  // Then the statistics, one file at a time, in trial order (exact integer sums).
  LoadedResults merged = read_results_file(shards.front().path);
  check_same(inputs.front(), first, shards.front().path, merged.info);
  for (std::size_t i = 1; i < shards.size(); ++i) {
    const LoadedResults part = read_results_file(shards[i].path);
    check_same(inputs.front(), first, shards[i].path, part.info);  // unchanged since checked
    merged.stats.merge(part.stats);
  }
  merged.info.trial_begin = 0;
  merged.info.trial_end = total;
  return merged;
}

}  // namespace rampup
