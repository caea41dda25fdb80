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

#include "models/params.h"

namespace rampup {

// phi_i: 100 pp of gross debt above 60% of GDP = 1.
inline double fiscal_stress(double debt_pct_gdp) { return (debt_pct_gdp - 60.0) / 100.0; }

inline double fundamentals_pct(const ParameterDraw& d, const MemberParams& m, double phi,
                               double member_effect_pp, Regime r) {
  double f = m.baseline_pct + member_effect_pp;
  if (m.regime_response && r == Regime::elevated) {
    f += d.alpha_elevated + d.theta_elevated * m.proximity + d.delta_elevated * phi;
  } else if (m.regime_response && r == Regime::acute) {
    f += d.alpha_acute + d.theta_acute * m.proximity + d.delta_acute * phi;
  }
  return f;
}

struct CredibilityInputs {
  int lead_years = 1;               // L_it = t - adoption year
  double phi = 0.0;                 // fiscal stress
  bool us_pressure = false;         // U_t
  bool near_deadline = false;       // t >= target year - 1
  bool government_changed = false;  // G_it
};

inline double credibility(const ParameterDraw& d, const CredibilityInputs& in) {
  const double x = d.kappa_0 - d.kappa_lead * (in.lead_years - 1) - d.kappa_debt * in.phi +
                   (in.us_pressure ? d.kappa_us : 0.0) +
                   (in.near_deadline ? d.kappa_deadline : 0.0) -
                   (in.government_changed ? d.kappa_government : 0.0);
  return 1.0 / (1.0 + std::exp(-x));
}

// The share the member decides on before noise: the fundamental step, pulled up towards the plan.
inline double planned_step_pct(double previous_pct, double fundamentals, double lambda,
                               double kappa, double plan_pct) {
  const double fundamental_path = previous_pct + lambda * (fundamentals - previous_pct);
  return fundamental_path + kappa * std::max(0.0, plan_pct - fundamental_path);
}

}  // namespace rampup
