// The histograms' per-value lanes (sim/engine/value_lanes.h) against the plain computation, for
// every instruction-set copy this CPU has: slots, counts and the exact sums, bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "sim/engine/histogram.h"
#include "sim/engine/lanes.h"
#include "support/lane_copies.h"

namespace rampup {
namespace {

struct Plain {
  std::vector<std::int64_t> slots;
  std::uint64_t count = 0;
  int128 sum = 0, sum_sq = 0;
};

Plain plain(const std::vector<double>& x, const ValueBinning& b) {
  Plain p;
  for (double v : x) {
    if (std::isnan(v)) {
      p.slots.push_back(-1);
      continue;
    }
    const double pos = (v - b.lo) * b.inv_width;
    p.slots.push_back(pos < 0.0 ? 0 : static_cast<int>(std::min(pos, b.bins)) + 1);
    const std::int64_t q = std::lrint(std::clamp(v, -MAX_ABS_VALUE, MAX_ABS_VALUE) * QUANT_SCALE);
    ++p.count;
    p.sum += q;
    p.sum_sq += static_cast<int128>(q) * q;
  }
  return p;
}

std::vector<double> awkward_values(std::mt19937_64& g, int n) {
  const double specials[] = {std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             0.0,
                             -0.0,
                             2.0,             // a bin edge
                             0.5 * 0x1p-24,   // a tie: rounds to 0 (even)
                             1.5 * 0x1p-24,   // a tie: rounds to 2
                             -2.5 * 0x1p-24,  // a tie: rounds to -2
                             2e8,             // |x 2^24| >= 2^51: the plain path
                             -5e9,            // clamped to -1e9
                             1e300,
                             3.0 + 0x1p-40,
                             -1e-300};
  std::uniform_real_distribution<double> wide(-10.0, 40.0);
  std::uniform_int_distribution<int> pick(0, 3);
  std::vector<double> x;
  for (int i = 0; i < n; ++i) {
    if (pick(g) == 0) {
      x.push_back(specials[g() % std::size(specials)]);
    } else {
      x.push_back(wide(g));
    }
  }
  return x;
}

TEST(ValueLanes, EveryCopyMatchesThePlainComputation) {
  using BinAndSum = void (*)(const double*, int, const ValueBinning&, BinnedValues&);
  const std::vector<BinAndSum> copies = RAMPUP_RUNNABLE_COPIES(BinAndSum, bin_and_sum);
  std::mt19937_64 g(17);
  const ValueBinning binning{-2.0, 1.0 / 0.25, 120.0};  // bins of 0.25 from -2 to 28
  for (int round = 0; round < 2000; ++round) {
    const int n = 1 + round % BinnedValues::MAX_VALUES;  // every length, full and partial steps
    const auto x = awkward_values(g, n);
    const Plain expected = plain(x, binning);
    for (std::size_t c = 0; c < copies.size(); ++c) {
      BinnedValues v;
      copies[c](x.data(), n, binning, v);
      EXPECT_EQ(std::vector<std::int64_t>(v.slots, v.slots + n), expected.slots) << "copy " << c;
      EXPECT_EQ(v.count, expected.count) << "copy " << c;
      EXPECT_TRUE(v.sum == expected.sum) << "copy " << c;
      const int128 sum_sq = (static_cast<int128>(v.square_high) << 52) +
                            (static_cast<int128>(v.square_middle) << 27) + v.square_low;
      EXPECT_TRUE(sum_sq == expected.sum_sq) << "copy " << c;
    }
    if (HasFailure()) break;
  }
}

TEST(ValueLanes, EveryCopyCountsTheOnesOfCountedCells) {
  using CountOnes = void (*)(const double*, const std::uint64_t*, int, std::uint64_t*);
  const std::vector<CountOnes> copies = RAMPUP_RUNNABLE_COPIES(CountOnes, count_ones);
  std::mt19937_64 g(5);
  for (int n = 0; n < 40; ++n) {  // full and partial vectors
    std::vector<double> x(n);
    std::vector<std::uint64_t> counted(n), start(n), expected(n);
    for (int j = 0; j < n; ++j) {
      x[j] = static_cast<double>(g() % 2);
      counted[j] = g() % 3 == 0 ? 0 : ~std::uint64_t{0};
      start[j] = g() % 1000;
      expected[j] = start[j] + (x[j] == 1.0 && counted[j] != 0 ? 1 : 0);
    }
    for (std::size_t c = 0; c < copies.size(); ++c) {
      std::vector<std::uint64_t> counts = start;
      copies[c](x.data(), counted.data(), n, counts.data());
      EXPECT_EQ(counts, expected) << "copy " << c << ", n " << n;
    }
  }
}

}  // namespace
}  // namespace rampup
