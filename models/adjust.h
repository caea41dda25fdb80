// Model v2's yearly step of the core share (docs/MODEL.md v2.2, items 4-6).
//
//   s*_it = max(0, s_{t-1} + clamp(s^P_it - s_{t-1} + sigma_R e_it, -c_down, c_up)
//                 + o_it - rho_o o_{i,t-1})
//   adopted budget year: s*_it = B_it + sigma_B e_it
//   compliance: if T - J <= s_it < T, with probability q_t: s_it <- T + 0.1 v, v ~ U(0, 1),
//               logit q_t = q0 + qD 1[t >= Y_T - 1] + qR 1[t = review] + qU U_t
// e_it: unit-variance Student-t; o_it: one-off payments, Bernoulli(p_o) x Exponential(m_o) a
// year, reversed by rho_o the next year (BGR 2019: +1.69 pp, then -1.56 pp; docs/EVIDENCE.md).
// The caps bound programmes, not one-off payments, so one-offs sit outside the clamp.
#pragma once

#include <algorithm>
#include <cmath>

#include "models/elementary.h"
#include "models/elementwise.h"
#include "models/params.h"

namespace rampup {

template <class T>
[[gnu::always_inline]] inline T noisy_step_pct(T previous_pct, T planned_pct, T noise_pp,
                                               T one_off_pp, T reversed_pp, T max_rise_pp,
                                               T max_cut_pp) {
  const T step = clamp_between(planned_pct - previous_pct + noise_pp, -max_cut_pp, max_rise_pp);
  return maximum(T{}, previous_pct + step + one_off_pp - reversed_pp);
}

inline double compliance_hazard(const ParameterDraw& d, bool near_deadline, bool review_year,
                                bool us_pressure) {
  const double x = d.compliance_0 + (near_deadline ? d.compliance_deadline : 0.0) +
                   (review_year ? d.compliance_review : 0.0) +
                   (us_pressure ? d.compliance_us : 0.0);
  return logistic(x);
}

template <class T>
[[gnu::always_inline]] inline auto in_reach_band(const ParameterDraw& d, T share_pct,
                                                 double target_pct) {
  return (share_pct < target_pct) & (share_pct >= target_pct - d.compliance_reach_pp);
}

// o_it: a one-off payment with probability p_o, of an exponential size with mean m_o, from two
// uniforms of the member-year, U and V: paid if U < p_o, of size -m_o log V (a Bernoulli process:
// the waiting times between payments are geometric). The logarithm only where one is paid.
template <class T>
[[gnu::always_inline]] inline T one_off_payment_pp(const ParameterDraw& d, T uniform,
                                                   T size_uniform) {
  const auto paid = uniform < d.one_off_prob;
  if (!any_lane(paid)) return T{};
  return select(paid, d.one_off_mean_pp * -log_positive(size_uniform), T{});
}

}  // namespace rampup
