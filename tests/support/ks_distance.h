// Kolmogorov-Smirnov distance of a sample from a continuous CDF. P(D > d) <= 2 exp(-2 n d^2)
// (Dvoretzky-Kiefer-Wolfowitz with Massart's constant), which sets the tests' tolerances.
#pragma once

#include <algorithm>
#include <vector>

namespace rampup::testing {

template <class Cdf>
double ks_distance(std::vector<double> x, Cdf cdf) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = cdf(x[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return d;
}

}  // namespace rampup::testing
