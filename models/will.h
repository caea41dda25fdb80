// Political will for defence of one member, one year (docs/MODEL.md §2). Logit scale x = logit(w):
//
//   x_t = x_{t-1} + kappa (logit(w_bar) - x_{t-1}) + s z_t + xi T_t
//         - delta_debt max(0, debt - 60) / 100 - delta_rec R_t + C_t J_t
//
// logit(w_bar) = logit(baseline) + baseline_sd * b, with b ~ N(0, 1) drawn once per member and
// trial: how committed a government really is over the decade is itself uncertain.
// kappa: reversion, s: volatility, xi: threat exposure, T_t: alliance threat shock (logit units
// on a fully exposed member), R_t: recession indicator, C_t: government change in an election
// year, J_t ~ N(0, jump_sd^2). x is clamped to [-X_MAX, X_MAX], so w stays inside (0, 1).
#pragma once

#include <algorithm>

#include "models/distributions.h"
#include "models/params.h"

namespace rampup {

inline constexpr double WILL_LOGIT_MAX = 8.0;  // w in [3.4e-4, 0.99966]

struct WillInputs {
  double shock = 0.0;              // z_t, standard normal
  double threat_logit = 0.0;       // T_t
  bool recession = false;          // R_t
  bool government_change = false;  // C_t
  double jump = 0.0;               // standard normal scaled by jump_sd when C_t
};

// debt_excess = max(0, debt - 60) / 100; logit_baseline = logit(w_bar) (both precomputed).
inline double step_will_logit(const WillParams& p, double logit_baseline, double debt_excess,
                              double previous_logit, const WillInputs& in) {
  double x = previous_logit + p.reversion * (logit_baseline - previous_logit) +
             p.volatility * in.shock + p.threat_exposure * in.threat_logit -
             p.debt_stress * debt_excess - (in.recession ? p.recession_stress : 0.0) +
             (in.government_change ? p.election_jump_sd * in.jump : 0.0);
  return std::clamp(x, -WILL_LOGIT_MAX, WILL_LOGIT_MAX);
}

}  // namespace rampup
