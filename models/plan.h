// Planned share path: piecewise-linear through the plan points, flat before the first and
// after the last point (docs/MODEL.md §3).
#pragma once

#include <vector>

#include "models/params.h"

namespace rampup {

// Plan points must be sorted by year with distinct years (the scenario loader checks this).
inline double planned_share_pct(const std::vector<PlanPoint>& plan, int year) {
  if (plan.empty()) return 0.0;
  if (year <= plan.front().year) return plan.front().share_pct_gdp;
  for (std::size_t i = 1; i < plan.size(); ++i) {
    if (year <= plan[i].year) {
      const PlanPoint& a = plan[i - 1];
      const PlanPoint& b = plan[i];
      if (year == b.year) return b.share_pct_gdp;
      const double frac = static_cast<double>(year - a.year) / (b.year - a.year);
      return a.share_pct_gdp + frac * (b.share_pct_gdp - a.share_pct_gdp);
    }
  }
  return plan.back().share_pct_gdp;
}

}  // namespace rampup
