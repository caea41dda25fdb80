// Transforms of a slot's standard variates into the distributions the model needs.
#pragma once

#include <cmath>

#include "models/elementary.h"

namespace rampup {

// Student-t with `dof` degrees of freedom scaled to unit variance; dof = 0 gives a standard
// normal. For even dof, chi-squared(dof) = -2 log(U_1 ... U_{dof/2}) (sum of dof/2 Exp(1/2)
// variables), so t / sd(t) = Z sqrt((dof - 2) / chi2) is exact and needs no rejection
// (Devroye 1986, §IX.3 for chi-squared of even order; t = Z / sqrt(chi2 / dof)).
// In two steps, so that a loop over many variates can draw first and transform after:
// draw_student_t_parts gives Z and the product of the dof/2 uniforms, unit_student_t_from
// turns them into the variate.
struct StudentTParts {
  double z;
  double uniform_product;  // 1 when dof = 0
};

template <class Slot>
[[gnu::always_inline]] inline StudentTParts draw_student_t_parts(Slot& slot, int dof) {
  // always_inline: keeps the slot's state in registers across the uniforms (~5% faster runs)
  StudentTParts p{slot.normal(), 1.0};
  for (int i = 0; i < dof / 2; ++i) p.uniform_product *= slot.uniform();
  return p;
}

inline double unit_student_t_from(const StudentTParts& p, int dof) {
  if (dof == 0) return p.z;
  return p.z * std::sqrt((dof - 2) / (-2.0 * std::log(p.uniform_product)));
}

template <class Slot>
double unit_student_t(Slot& slot, int dof) {
  return unit_student_t_from(draw_student_t_parts(slot, dof), dof);
}

// Unit-variance Student-t by Bailey's polar method (Bailey 1994, Math. Comp. 62(206):779-781):
// U, V ~ U(-1, 1) until W = U^2 + V^2 <= 1 (probability pi/4); then
// T = U sqrt(dof (W^(-2/dof) - 1) / W) ~ t(dof), scaled by sqrt((dof - 2) / dof). dof = 0:
// normal. Model v2 draws its member-year variates in lanes (sim/engine/member_year_draws.h);
// this serves Draws without lanes (the tests' fixed draws).
template <class Slot>
double unit_student_t_polar(Slot& slot, int dof) {
  if (dof == 0) return slot.normal();
  double u, w;
  do {
    u = 2.0 * slot.uniform() - 1.0;
    const double v = 2.0 * slot.uniform() - 1.0;
    w = u * u + v * v;
  } while (w > 1.0);
  if (w == 0.0) return 0.0;  // only with fixed test draws: Philox uniforms are (k + 0.5) / 2^32
  const double w_pow = dof == 4 ? 1.0 / std::sqrt(w) : std::pow(w, -2.0 / dof);
  return u * std::sqrt((dof - 2) * (w_pow - 1.0) / w);
}

inline double logit(double p) { return std::log(p / (1.0 - p)); }

}  // namespace rampup
