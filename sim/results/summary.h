// Summary estimators computed from the mergeable statistics (pure; no I/O). The results file,
// `simulate summary` and `simulate merge` all go through these, so they agree by construction.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sim/engine/outcome_stats.h"

namespace rampup {

inline constexpr std::array<double, 7> QUANTILE_LEVELS{0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};

// Per cell: mean, sample sd, Monte Carlo standard error of the mean (sd / sqrt(n)), and the
// quantiles (cells x QUANTILE_LEVELS, row-major). Values are multiplied by `scale[cell]`.
struct QuantitySummary {
  std::vector<double> mean, sd, mean_se, quantiles;
};
QuantitySummary summarize(const CellHistograms& h, const std::vector<double>& scale);
std::vector<double> unit_scale(int cells);

// Probability = count / trials with standard error sqrt(p (1 - p) / trials); cells flagged in
// `excluded` (members without armed forces) are NaN.
struct ProbabilitySummary {
  std::vector<double> p, se;
};
ProbabilitySummary probabilities(const std::vector<std::uint64_t>& counts, std::uint64_t trials,
                                 const std::vector<bool>& excluded);

// Distribution over integer outcomes (a histogram with unit bins): probabilities per cell and
// value, row-major cells x values.
std::vector<double> value_distribution(const CellHistograms& h);

// Median of an integer-valued histogram as a bin index (the smallest k with P(X <= k) >= 1/2);
// -1 for an empty cell.
int median_bin(const CellHistograms& h, int cell);

// Model v2: of the trials in which member m reaches the core target by the horizon, the share
// whose first year at target was a compliance jump (partly reclassification); NaN if none
// reach it or the member has no armed forces.
double share_reached_by_jump(const OutcomeStats& stats, int member);

}  // namespace rampup
