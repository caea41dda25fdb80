// The results file of `simulate explore` (docs/EXPLORE.md): dimensions experiment, member and
// varied; the design points, the headline quantities per experiment and their standard errors;
// the design as root attributes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/explore/explore.h"
#include "sim/results/headline.h"
#include "sim/results/run_info.h"

namespace rampup::explore {

// The headline quantities of every experiment, appended one experiment at a time.
class ExploreTable {
 public:
  // Coordinates from the first experiment; rows from experiment `begin` on.
  void start(const RunInfo& info, std::size_t begin);
  // The next experiment's headline; `at_target_mean_se` is the standard error of its mean number of
  // members at target in the target year, `share_median_se` that of the median alliance share.
  void add(const Headline& h, double at_target_mean_se, double share_median_se);
  // Appends the rows of `next`, the experiments that follow (or all of them if this is empty).
  void append(const ExploreTable& next);
  // The numbers of every row, column by column, as the bits of each double (exact), and back
  // into a table of the same shape.
  std::vector<std::uint64_t> words() const;
  void read_words(const std::vector<std::uint64_t>& words);

  std::vector<std::string> member_ids;
  int target_year = 0;
  double core_target_pct = 0.0;
  std::size_t begin = 0, experiments = 0;  // rows for experiments [begin, begin + experiments)
  // experiment x member, row-major
  std::vector<double> p_reached, p_reached_se, p_core_target, p_core_target_se, median_share;
  // per experiment
  std::vector<double> alliance_share_median, alliance_share_median_se, alliance_p, alliance_p_se,
      members_mean, members_mean_se;
};

// Writes experiments [table.begin, table.begin + table.experiments) of the plan's design.
void write_explore_file(const std::filesystem::path& path, const ExplorePlan& plan,
                        const ExploreTable& table);

// Is this a file of `simulate explore` (root attribute kind = "explore")? False if unreadable.
bool is_explore_file(const std::filesystem::path& path);

// A file of `simulate explore` read back: the plan (design recomputed from the recorded
// --vary, design, seed and size, and checked against the stored design points) and its rows.
void read_explore_file(const std::filesystem::path& path, ExplorePlan& plan, ExploreTable& table);

// Concatenates shards of one exploration (any order) into `table`; DesignError (exit 2) naming
// the files if they differ in anything but their experiment ranges or do not tile the design.
void merge_explore_tables(const std::vector<std::filesystem::path>& files,
                          const std::vector<ExplorePlan>& plans,
                          const std::vector<ExploreTable>& tables, ExploreTable& merged);

}  // namespace rampup::explore
