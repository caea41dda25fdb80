// The headline table: per member P(core target reached by the target year), P(at target in
// the target year), median first year at target, median core share in the target year;
// alliance lines. Printed after a run and by
// `simulate summary`, from the same statistics.
#pragma once

#include <string>
#include <vector>

#include "sim/engine/outcome_stats.h"
#include "sim/results/run_info.h"

namespace rampup {

struct HeadlineRow {
  std::string iso3, name;
  bool armed = true;
  double p_reached = 0.0;  // P(core >= target in some year up to the target year)
  double p_reached_se = 0.0;
  double p_core_target = 0.0;  // P(core >= target in the target year itself)
  double p_core_target_se = 0.0;
  int median_first_year = 0;           // calendar year; 0 = not by the horizon
  double median_core_share_pct = 0.0;  // in the target year
  // Model v2: share of the trials reaching the target (by the horizon) whose first year at
  // target was a compliance jump, partly reclassification; NaN if none reach it; 0 in v1.
  double share_reached_by_jump = 0.0;
};

struct Headline {
  std::string scenario;
  std::uint64_t trials = 0;
  int target_year = 0;
  double core_target_pct = 0.0;
  std::vector<HeadlineRow> rows;
  double alliance_share_median_pct = 0.0;
  double p_alliance_core_target = 0.0;
  double members_at_core_target_mean = 0.0;
  double alliance_spending_median_usd_bn = 0.0;
  double us_share_median_pct = 0.0;
};

Headline make_headline(const RunInfo& info, const OutcomeStats& stats);

// The largest standard error sqrt(p (1 - p) / n) of the headline probabilities: per member with
// armed forces P(reached by the target year) and P(at target in it), and the alliance's P(at
// target); the --until-se stopping rule compares it with its bound.
double largest_headline_se(const Headline& h);

enum class TableFormat { table, csv, json };
// `member` (ISO3) restricts the member rows; empty = all.
std::string format_headline(const Headline& h, TableFormat format, const std::string& member = "");

}  // namespace rampup
