// Yearly spending decision of one member (docs/MODEL.md §3).
//
//   e      = clamp((w - w_stall) / (w_full - w_stall), -1, 1)    plan execution, from will
//   step   = e (P_t - s_{t-1})            if e >= 0   (close the gap to the plan)
//          = e c_down                      if e <  0   (will collapsed: cut)
//   i_t    = max(0, s_{t-1} + clamp(step, -c_down, c_up))       decided share, % of GDP
//   B_t    = i_t / 100 * E_t,  E_t = Y_{t-1} (1 + f_t / 100)     budget in money, USD bn
//   s_t    = i_t * E_t / Y_t                                     realised share (denominator)
// c_up is the absorption capacity (pp of GDP per year), c_down the largest yearly cut.
#pragma once

#include <algorithm>

namespace rampup {

inline double plan_execution(double will, double will_full, double will_stall) {
  return std::clamp((will - will_stall) / (will_full - will_stall), -1.0, 1.0);
}

// Share of GDP (%) decided for this year, before GDP is known.
inline double decide_share_pct(double previous_share_pct, double planned_share_pct,
                               double execution, double max_rise_pp, double max_cut_pp) {
  const double step = execution >= 0.0 ? execution * (planned_share_pct - previous_share_pct)
                                       : execution * max_cut_pp;
  return std::max(0.0, previous_share_pct + std::clamp(step, -max_cut_pp, max_rise_pp));
}

// Realised share once GDP is known: the budget was fixed in money on the expected GDP.
inline double realised_share_pct(double decided_share_pct, double expected_gdp,
                                 double realised_gdp) {
  return decided_share_pct * (expected_gdp / realised_gdp);
}

}  // namespace rampup
