// Estimators against hand-computed data; merge exactness; quantiles against exact quantiles.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "sim/engine/histogram.h"

namespace rampup {
namespace {

TEST(CellHistograms, MeanAndSdMatchHandComputation) {
  CellHistograms h(2, {0.0, 0.5, 10});
  for (double x : {1.0, 2.0, 4.0}) h.add(0, x);
  h.add(1, std::nan(""));  // skipped
  EXPECT_EQ(h.count(0), 3u);
  EXPECT_EQ(h.count(1), 0u);
  EXPECT_DOUBLE_EQ(cell_mean(h, 0), 7.0 / 3.0);
  // sample variance: ((1-7/3)^2 + (2-7/3)^2 + (4-7/3)^2) / 2 = (16/9 + 1/9 + 25/9) / 2 = 7/3
  EXPECT_NEAR(cell_sd(h, 0), std::sqrt(7.0 / 3.0), 1e-12);
  EXPECT_TRUE(std::isnan(cell_mean(h, 1)));
  // bins: 1.0 -> bin 2, 2.0 -> bin 4, 4.0 -> bin 8 (slot = bin + 1)
  EXPECT_EQ(h.bins(0)[3], 1u);
  EXPECT_EQ(h.bins(0)[5], 1u);
  EXPECT_EQ(h.bins(0)[9], 1u);
}

TEST(CellHistograms, OutOfRangeValuesGoToUnderAndOverflow) {
  CellHistograms h(1, {0.0, 1.0, 4});
  h.add(0, -0.1);
  h.add(0, 4.0);
  h.add(0, 1e12);
  EXPECT_EQ(h.bins(0)[0], 1u);
  EXPECT_EQ(h.bins(0)[5], 2u);
  EXPECT_DOUBLE_EQ(cell_quantile(h, 0, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(cell_quantile(h, 0, 1.0), 4.0);
}

TEST(CellHistograms, QuantilesAgreeWithExactQuantilesWithinOneBin) {
  const BinSpec spec{0.0, 0.01, 2000};
  CellHistograms h(1, spec);
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> dist(1.0, 0.3);
  std::vector<double> xs(100000);
  for (double& x : xs) {
    x = dist(rng);
    h.add(0, x);
  }
  std::sort(xs.begin(), xs.end());
  for (double p : {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95}) {
    const double exact = xs[static_cast<std::size_t>(p * static_cast<double>(xs.size() - 1))];
    EXPECT_NEAR(cell_quantile(h, 0, p), exact, spec.width) << p;
  }
}

TEST(CellHistograms, MergeIsExactInAnyOrder) {
  const BinSpec spec{0.0, 0.01, 500};
  std::mt19937_64 rng(9);
  std::normal_distribution<double> dist(2.5, 0.7);
  std::vector<double> xs(30000);
  for (double& x : xs) x = dist(rng);
  CellHistograms whole(3, spec);
  for (std::size_t i = 0; i < xs.size(); ++i) whole.add(static_cast<int>(i % 3), xs[i]);
  // Three uneven parts, merged in two different orders.
  const std::size_t cut1 = 7, cut2 = 20011;
  CellHistograms parts[3] = {{3, spec}, {3, spec}, {3, spec}};
  for (std::size_t i = 0; i < xs.size(); ++i) {
    parts[i < cut1 ? 0 : i < cut2 ? 1 : 2].add(static_cast<int>(i % 3), xs[i]);
  }
  CellHistograms forward(3, spec), backward(3, spec);
  for (int k = 0; k < 3; ++k) forward.merge(parts[k]);
  for (int k = 2; k >= 0; --k) backward.merge(parts[k]);
  EXPECT_TRUE(forward == whole);
  EXPECT_TRUE(backward == whole);
}

TEST(CellHistograms, TalliedCountsEqualDirectCountsPastTheTallyLimit) {
  const BinSpec spec{0.0, 0.5, 4};
  CellHistograms direct(2, spec), tallied(2, spec);
  BinTally tally(tallied);
  // 70000 values in cell 1, most in one bin: its 16-bit count must be flushed on the way.
  std::vector<double> xs;
  for (int i = 0; i < 70000; ++i) xs.push_back(i % 10 == 0 ? -1.0 - 0.001 * i : 1.2);
  xs.push_back(std::nan(""));
  for (std::size_t k = 0; k < xs.size(); k += 40) {
    const int n = static_cast<int>(std::min<std::size_t>(40, xs.size() - k));
    direct.add_values(1, &xs[k], n);
    tallied.add_values(tally, 1, &xs[k], n);
  }
  direct.add(0, 0.7);
  tallied.add_values(tally, 0, std::vector<double>{0.7}.data(), 1);
  EXPECT_EQ(tallied.count(1), 70000u);
  tally.flush(tallied);
  EXPECT_TRUE(tallied == direct);
  EXPECT_EQ(tallied.bins(1)[3], 63000u);  // 1.2 is in bin 2 (slot 3)
  EXPECT_EQ(tallied.bins(1)[0], 7000u);   // underflow
  tally.flush(tallied);                   // nothing left: unchanged
  EXPECT_TRUE(tallied == direct);
  const std::vector<double> same(70000, 1.2);  // more than a row holds, in one call
  direct.add_values(0, same.data(), 70000);
  tallied.add_values(tally, 0, same.data(), 70000);
  tally.flush(tallied);
  EXPECT_TRUE(tallied == direct);
}

TEST(CellHistograms, MergeRefusesDifferentShapes) {
  CellHistograms a(2, {0.0, 1.0, 4}), b(2, {0.0, 0.5, 4}), c(3, {0.0, 1.0, 4});
  EXPECT_THROW(a.merge(b), std::invalid_argument);
  EXPECT_THROW(a.merge(c), std::invalid_argument);
}

}  // namespace
}  // namespace rampup
