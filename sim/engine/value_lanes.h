// The per-value work of the histograms (sim/engine/histogram.h) for up to MAX_VALUES values of
// one cell, in SIMD lanes: each value's bin slot, and the count, sum and sum of squares of the
// values quantised to 2^-QUANT_BITS (exact integers). NaN values are left out (slot -1). And
// the counts of indicators (sim/engine/outcome_stats.h).
#pragma once

#include <cstdint>

namespace rampup {

inline constexpr int QUANT_BITS = 24;              // moment sums resolve 2^-24 ~ 6e-8 units
inline constexpr double QUANT_SCALE = 16777216.0;  // 2^QUANT_BITS
inline constexpr double MAX_ABS_VALUE = 1e9;       // |x| beyond this is clamped in the sums

struct ValueBinning {
  double lo = 0.0;         // lower edge of the first bin
  double inv_width = 1.0;  // 1 / bin width
  double bins = 1.0;       // number of regular bins
};

struct BinnedValues {
  static constexpr int MAX_VALUES = 64;
  // Slot of value k: 0 underflow, 1..bins the regular bins, bins + 1 overflow; -1 for NaN.
  std::int64_t slots[MAX_VALUES];
  std::uint64_t count;  // values that are not NaN
  std::int64_t sum;     // of the quantised values q = lrint(clamp(x) 2^24), |q| < 2^54
  // Sum of q^2 = high 2^52 + middle 2^27 + low, from |q| = a 2^26 + b (a < 2^28, b < 2^26):
  // q^2 = a^2 2^52 + a b 2^27 + b^2, each part summed exactly in 64 bits.
  std::uint64_t square_high, square_middle, square_low;
};

// n <= BinnedValues::MAX_VALUES.
void bin_and_sum(const double* x, int n, const ValueBinning& binning, BinnedValues& out);

// The counts of 0/1 indicators: counts[j] += 1 for each j < n with x[j] == 1 and counted[j] all
// ones (counted[j] == 0 leaves cell j out). A compare, which vectorises where a conversion does
// not.
void count_ones(const double* x, const std::uint64_t* counted, int n, std::uint64_t* counts);

}  // namespace rampup
