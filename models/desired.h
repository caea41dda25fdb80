// Model v2's desired share and plan credibility (docs/MODEL.md v2.2, items 1-3).
//
//   F_it       = b_i + u_i + 1[R_t != C] (alpha_R + theta_R x_i + delta_R phi_i)
//   logit k_it = k0 - kL (L_it - 1) - kphi phi_i + kU U_t + kD 1[t >= Y_T - 1] - kG G_it
//   s^F_it     = s_{t-1} + lambda_R (F_it - s_{t-1})                 fundamental path
//   s^P_it     = s^F_it + k_it max(0, P_it - s^F_it)                  plans never pull below
// Sources: proximity (Christie 2019), fiscal space (Alozious 2022), partial adjustment
// (Nikolaidou 2008), government change (Blum & Potrafke 2020); docs/EVIDENCE.md.
#pragma once

#include <algorithm>
#include <cmath>

#include "models/elementary.h"
#include "models/elementwise.h"
#include "models/params.h"

namespace rampup {

// phi_i: 100 pp of gross debt above 60% of GDP = 1.
inline double fiscal_stress(double debt_pct_gdp) { return (debt_pct_gdp - 60.0) / 100.0; }

// F_it for one member (T = double) or one member per lane; regime_response a bool or a lane mask.
template <class T, class Mask>
[[gnu::always_inline]] inline T fundamentals_pct(const ParameterDraw& d, T baseline_pct,
                                                 T proximity, T phi, T member_effect_pp,
                                                 Mask regime_response, Regime r) {
  const T f = baseline_pct + member_effect_pp;
  if (r == Regime::calm) return f;
  const T uplift = r == Regime::elevated
                       ? d.alpha_elevated + d.theta_elevated * proximity + d.delta_elevated * phi
                       : d.alpha_acute + d.theta_acute * proximity + d.delta_acute * phi;
  return select(regime_response, f + uplift, f);
}

// logit k_it; lead_years_minus_one = L_it - 1.
template <class T, class Mask>
[[gnu::always_inline]] inline T credibility_logit(const ParameterDraw& d, T lead_years_minus_one,
                                                  T phi, bool us_pressure, bool near_deadline,
                                                  Mask government_changed) {
  return d.kappa_0 - d.kappa_lead * lead_years_minus_one - d.kappa_debt * phi +
         (us_pressure ? d.kappa_us : 0.0) + (near_deadline ? d.kappa_deadline : 0.0) -
         select(government_changed, T{} + d.kappa_government, T{});
}

// The share the member decides on before noise: the fundamental step, pulled up towards the plan.
template <class T>
[[gnu::always_inline]] inline T planned_step_pct(T previous_pct, T fundamentals, double lambda,
                                                 T kappa, T plan_pct) {
  const T fundamental_path = previous_pct + lambda * (fundamentals - previous_pct);
  return fundamental_path + kappa * maximum(T{}, plan_pct - fundamental_path);
}

}  // namespace rampup
