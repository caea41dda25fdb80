// Real GDP growth of one member for one year (docs/MODEL.md §1).
//
//   f_t   = mu + phi (a_{t-1} - mu)                                 forecast, % per year
//   a_t   = f_t + sigma sqrt(1 - phi^2) (sqrt(lambda) c_t + sqrt(1 - lambda) e_t)
//   g_t   = a_t - R_t d                                             realised growth, %
// with c_t the alliance factor and e_t the member's shock (both unit-variance Student-t),
// R_t the alliance recession indicator and d the member's recession depth. a_t is the AR(1)
// state without recession hits, so a recession is a one-year level shock (Hamilton 1989 style
// regime, simplified to an i.i.d. indicator). Stationary sd of a_t is sigma. Both a_t and g_t
// are floored at MIN_GROWTH_PCT.
#pragma once

#include <algorithm>
#include <cmath>

#include "models/elementwise.h"
#include "models/params.h"

namespace rampup {

// The per-member constants of the step (computed once per model, see prepared_model.h).
struct GrowthCoefficients {
  double innovation_sd;  // sigma sqrt(1 - phi^2)
  double common_weight;  // sqrt(lambda)
  double member_weight;  // sqrt(1 - lambda)
};

inline GrowthCoefficients growth_coefficients(const GrowthParams& p) {
  return {p.sd_pct * std::sqrt(1.0 - p.persistence * p.persistence), std::sqrt(p.common_loading),
          std::sqrt(1.0 - p.common_loading)};
}

// Floor on the AR state and on realised growth, % per year. Student-t shocks are unbounded; a
// draw far in the tail could otherwise make GDP non-positive. No member's real GDP fell by more
// than 16.1% in a year in 2000-2024 (LVA 2009, data/real_growth.csv), so the floor only guards
// the maths.
inline constexpr double MIN_GROWTH_PCT = -50.0;

template <class T>
struct GrowthStepOf {
  T forecast_pct;  // f_t, what budgets are planned on
  T state_pct;     // a_t, AR(1) state carried to next year
  T realised_pct;  // g_t
};
using GrowthStep = GrowthStepOf<double>;

// The step's parameters for one member (T = double) or one member per lane.
template <class T>
struct GrowthTerms {
  T mean_pct, persistence, recession_depth_pct;
  T innovation_sd, common_weight, member_weight;
};

template <class T>
[[gnu::always_inline]] inline GrowthStepOf<T> step_growth(const GrowthTerms<T>& p,
                                                          T previous_state_pct, double common_shock,
                                                          T member_shock, bool recession) {
  const T forecast = p.mean_pct + p.persistence * (previous_state_pct - p.mean_pct);
  const T shock = p.common_weight * common_shock + p.member_weight * member_shock;
  const T state = maximum(T{} + MIN_GROWTH_PCT, forecast + p.innovation_sd * shock);
  const T realised =
      maximum(T{} + MIN_GROWTH_PCT, state - (recession ? p.recession_depth_pct : T{}));
  return {forecast, state, realised};
}

inline GrowthStep step_growth(const GrowthParams& p, const GrowthCoefficients& k,
                              double previous_state_pct, double common_shock, double member_shock,
                              bool recession) {
  const GrowthTerms<double> terms{p.mean_pct,      p.persistence,   p.recession_depth_pct,
                                  k.innovation_sd, k.common_weight, k.member_weight};
  return step_growth(terms, previous_state_pct, common_shock, member_shock, recession);
}

}  // namespace rampup
