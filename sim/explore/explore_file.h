// The results file of `simulate explore` (docs/EXPLORE.md): dimensions experiment, member and
// varied; the design points, the headline quantities per experiment and their standard errors;
// the design as root attributes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/results/headline.h"
#include "sim/results/run_info.h"

namespace rampup::explore {

struct ExplorePlan;

// The headline quantities of every experiment, appended one experiment at a time.
class ExploreTable {
 public:
  void start(const RunInfo& info, std::size_t experiments);  // coordinates from experiment 0
  // One experiment's headline; `at_target_mean_se` is the standard error of its mean number of
  // members at target in the target year, `share_median_se` that of the median alliance share.
  void add(const Headline& h, double at_target_mean_se, double share_median_se);

  std::vector<std::string> member_ids;
  int target_year = 0;
  double core_target_pct = 0.0;
  std::size_t experiments = 0;
  // experiment x member, row-major
  std::vector<double> p_reached, p_reached_se, p_core_target, p_core_target_se, median_share;
  // per experiment
  std::vector<double> alliance_share_median, alliance_share_median_se, alliance_p, alliance_p_se, members_mean,
      members_mean_se;
};

void write_explore_file(const std::filesystem::path& path, const ExplorePlan& plan,
                        const ExploreTable& table);

}  // namespace rampup::explore
