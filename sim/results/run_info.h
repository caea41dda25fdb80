// What a results file records about its run besides the statistics: provenance and the
// coordinates (members, years, targets) needed to rebuild and merge the statistics.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/params.h"

namespace rampup {

inline constexpr int RESULTS_FORMAT_VERSION = 1;

struct RunInfo {
  std::string scenario_name;
  std::string scenario_text;
  std::string scenario_sha256;
  // The program that computed the trials (this build, or the shards' build after a merge).
  std::string software_version;
  std::string git_commit;
  std::string library_versions;
  std::uint64_t seed = 0;
  std::uint64_t trials_total = 0;  // trials of the whole (unsharded) run
  std::uint64_t trial_begin = 0;   // this file's trials: [trial_begin, trial_end)
  std::uint64_t trial_end = 0;
  // Stopping rule (--until-se): stop once every headline probability's standard error is at
  // most until_se (0 = a fixed number of trials); trials_total is then the trials run.
  double until_se = 0.0;
  bool stopping_rule_met = false;
  // Coordinates.
  std::vector<std::string> member_ids;  // ISO3
  std::vector<std::string> member_names;
  std::vector<unsigned char> armed_forces;
  std::vector<double> gdp_base_usd_bn;
  // The planned core share per member-year (member * years + year, % of GDP; NaN without armed
  // forces) and whether the scenario announced it (1) or it is the default path (0). Empty for
  // files written before plans were recorded.
  std::vector<double> core_plan_pct;
  std::vector<unsigned char> core_plan_announced;
  int start_year = 0;
  int end_year = 0;
  Targets targets;

  int years() const { return end_year - start_year + 1; }
  int members() const { return static_cast<int>(member_ids.size()); }
  bool complete() const { return trial_begin == 0 && trial_end == trials_total; }
};

// The coordinates of a model, for a run of trials [begin, end) out of `total`.
RunInfo make_run_info(const ModelParams& model, std::uint64_t seed, std::uint64_t total,
                      std::uint64_t begin, std::uint64_t end);

// A parameter set with just the coordinates (enough to size OutcomeStats for merging).
ModelParams coordinates_model(const RunInfo& info);

}  // namespace rampup
