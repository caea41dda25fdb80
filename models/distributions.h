// Transforms of a slot's standard variates into the distributions the model needs.
#pragma once

#include <cmath>

namespace rampup {

// Student-t with `dof` degrees of freedom scaled to unit variance; dof = 0 gives a standard
// normal. For even dof, chi-squared(dof) = -2 log(U_1 ... U_{dof/2}) (sum of dof/2 Exp(1/2)
// variables), so t / sd(t) = Z sqrt((dof - 2) / chi2) is exact and needs no rejection
// (Devroye 1986, §IX.3 for chi-squared of even order; t = Z / sqrt(chi2 / dof)).
template <class Slot>
double unit_student_t(Slot& slot, int dof) {
  const double z = slot.normal();
  if (dof == 0) return z;
  double product = 1.0;
  for (int i = 0; i < dof / 2; ++i) product *= slot.uniform();
  const double chi2 = -2.0 * std::log(product);
  return z * std::sqrt((dof - 2) / chi2);
}

inline double logit(double p) { return std::log(p / (1.0 - p)); }
inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace rampup
