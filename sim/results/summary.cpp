#include "sim/results/summary.h"

#include <cmath>
#include <limits>

namespace rampup {

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> unit_scale(int cells) { return std::vector<double>(cells, 1.0); }

QuantitySummary summarize(const CellHistograms& h, const std::vector<double>& scale) {
  QuantitySummary s;
  for (int c = 0; c < h.cells(); ++c) {
    const double k = scale[c];
    const double sd = cell_sd(h, c);
    s.mean.push_back(cell_mean(h, c) * k);
    s.sd.push_back(sd * k);
    s.mean_se.push_back(h.count(c) > 1 ? sd * k / std::sqrt(static_cast<double>(h.count(c))) : NaN);
    for (double level : QUANTILE_LEVELS) s.quantiles.push_back(cell_quantile(h, c, level) * k);
  }
  return s;
}

ProbabilitySummary probabilities(const std::vector<std::uint64_t>& counts, std::uint64_t trials,
                                 const std::vector<bool>& excluded) {
  ProbabilitySummary s;
  const double n = static_cast<double>(trials);
  for (std::size_t c = 0; c < counts.size(); ++c) {
    if (excluded[c] || trials == 0) {
      s.p.push_back(NaN);
      s.se.push_back(NaN);
      continue;
    }
    const double p = static_cast<double>(counts[c]) / n;
    s.p.push_back(p);
    s.se.push_back(std::sqrt(p * (1.0 - p) / n));
  }
  return s;
}

std::vector<double> value_distribution(const CellHistograms& h) {
  std::vector<double> out;
  for (int c = 0; c < h.cells(); ++c) {
    const double n = static_cast<double>(h.count(c));
    for (int k = 0; k < h.spec().bins; ++k) {
      out.push_back(n > 0 ? static_cast<double>(h.bins(c)[k + 1]) / n : NaN);
    }
  }
  return out;
}

double share_reached_by_jump(const OutcomeStats& stats, int member) {
  std::uint64_t ever = 0;  // first-year bins 0..years-1; bin `years` is 'never'
  for (int k = 0; k < stats.years(); ++k)
    ever += stats.histogram(statistic_index("first_year_core")).bins(member)[k + 1];
  return ever > 0 ? static_cast<double>(stats.counts(statistic_index("first_by_jump"))[member]) /
                        static_cast<double>(ever)
                  : std::numeric_limits<double>::quiet_NaN();
}

int median_bin(const CellHistograms& h, int cell) {
  const std::uint64_t n = h.count(cell);
  if (n == 0) return -1;
  std::uint64_t cumulative = 0;
  for (int k = 0; k < h.spec().bins; ++k) {
    cumulative += h.bins(cell)[k + 1];
    if (2 * cumulative >= n) return k;
  }
  return h.spec().bins - 1;
}

}  // namespace rampup
