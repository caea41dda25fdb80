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
           y.software_version + " " + y.git_commit + (x.library_versions != y.library_versions
                                                          ? ", other library versions"
                                                          : ""));
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
  std::vector<std::pair<std::filesystem::path, LoadedResults>> parts;
  for (const auto& p : inputs) {
    parts.emplace_back(p, read_results_file(p));
    check_same(parts.front().first, parts.front().second.info, p, parts.back().second.info);
  }
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
    return a.second.info.trial_begin < b.second.info.trial_begin;
  });
  std::uint64_t expected = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const RunInfo& info = parts[i].second.info;
    if (info.trial_begin > expected) {
      throw MergeError("cannot merge: trials [" + std::to_string(expected) + ", " +
                       std::to_string(info.trial_begin) + ") are missing (next file " +
                       parts[i].first.string() + " holds " + range(info) + ")");
    }
    if (info.trial_begin < expected) {
      throw MergeError("cannot merge: " + parts[i].first.string() + " holds trials " + range(info) +
                       ", overlapping " + parts[i - 1].first.string() + " " +
                       range(parts[i - 1].second.info));
    }
    expected = info.trial_end;
  }
  const std::uint64_t total = parts.front().second.info.trials_total;
  if (expected != total) {
    throw MergeError("cannot merge: trials [" + std::to_string(expected) + ", " +
                     std::to_string(total) + ") of " + std::to_string(total) + " are missing");
  }
  LoadedResults merged = std::move(parts.front().second);
  for (std::size_t i = 1; i < parts.size(); ++i) merged.stats.merge(parts[i].second.stats);
  merged.info.trial_begin = 0;
  merged.info.trial_end = total;
  return merged;
}

}  // namespace rampup
