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

#include "models/elementwise.h"

namespace rampup {

inline double plan_execution(double will, double will_full, double will_stall) {
  return std::clamp((will - will_stall) / (will_full - will_stall), -1.0, 1.0);
}

// Share of GDP (%) decided for this year, before GDP is known.
template <class T>
[[gnu::always_inline]] inline T decide_share_pct(T previous_share_pct, T planned_share_pct,
                                                 T execution, T max_rise_pp, T max_cut_pp) {
  const T step = select(execution >= 0.0, execution * (planned_share_pct - previous_share_pct),
                        execution * max_cut_pp);
  return maximum(T{}, previous_share_pct + clamp_between(step, -max_cut_pp, max_rise_pp));
}

// Realised share once GDP is known: the budget was fixed in money on the expected GDP.
template <class T>
[[gnu::always_inline]] inline T realised_share_pct(T decided_share_pct, T expected_gdp,
                                                   T realised_gdp) {
  return decided_share_pct * (expected_gdp / realised_gdp);
}

}  // namespace rampup
