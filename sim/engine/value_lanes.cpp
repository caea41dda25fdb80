// The lanes of sim/engine/value_lanes.h, compiled once per instruction set (as
// member_year_lanes.cpp). Integer results: every copy gives the same bits.
#include <algorithm>
#include <cmath>

#include "sim/engine/lane_math.h"
#include "sim/engine/lanes.h"

namespace rampup::RAMPUP_LANES_ISA {

namespace {

using lane::Doubles;
using lane::WIDTH;
using lane::Words;

constexpr double ROUNDING = 0x1.8p52;  // y + 1.5 2^52 rounds y to an integer, |y| < 2^51
constexpr double EXACT_LIMIT = 0x1p51;

// One value the plain way (std::lrint): for a batch with any |x 2^24| >= 2^51 (|x| > 1.3e8),
// where the lanes' rounding trick does not hold. The lanes compute the same.
void add_one(double x, int k, const ValueBinning& b, BinnedValues& out) {
  if (std::isnan(x)) {
    out.slots[k] = -1;
    return;
  }
  const double pos = (x - b.lo) * b.inv_width;
  out.slots[k] = pos < 0.0 ? 0 : static_cast<int>(std::min(pos, b.bins)) + 1;
  const double clamped = std::min(std::max(x, -MAX_ABS_VALUE), MAX_ABS_VALUE);
  const std::int64_t q = std::lrint(clamped * QUANT_SCALE);  // round to nearest (even)
  const std::uint64_t magnitude = q < 0 ? -static_cast<std::uint64_t>(q) : q;
  const std::uint64_t a = magnitude >> 26, low = magnitude & ((1u << 26) - 1);
  ++out.count;
  out.sum += q;
  out.square_high += a * a;
  out.square_middle += a * low;
  out.square_low += low * low;
}

}  // namespace

void bin_and_sum(const double* x, int n, const ValueBinning& b, BinnedValues& out) {
  out.count = 0;
  out.sum = 0;
  out.square_high = out.square_middle = out.square_low = 0;
  using Integers = std::int64_t __attribute__((vector_size(sizeof(Doubles))));
  static_assert(sizeof(Integers) == WIDTH * sizeof(out.slots[0]));
  static_assert(BinnedValues::MAX_VALUES % WIDTH == 0);
  Integers count = {}, beyond = {};
  Words sum = {}, high = {}, middle = {}, low = {};
  for (int first = 0; first < n; first += WIDTH) {
    const int lanes = std::min(WIDTH, n - first);
    Doubles v;
    if (lanes == WIDTH) {  // one load; lane by lane only in a last, partial step
      __builtin_memcpy(&v, x + first, sizeof v);
    } else {
      for (int l = 0; l < WIDTH; ++l) v[l] = l < lanes ? x[first + l] : NAN;
    }
    const Doubles clamped =
        minimum(maximum(v, Doubles{} - MAX_ABS_VALUE), Doubles{} + MAX_ABS_VALUE);
    const Doubles y = clamped * QUANT_SCALE;
    const Doubles magnitude_y = y < 0.0 ? -y : y;
    beyond |= magnitude_y >= EXACT_LIMIT;  // beyond the rounding trick: see below
    const Integers is_number = v == v;     // -1 where not NaN
    // Slot: floor of min(pos, bins) for pos >= 0, as static_cast<int> does.
    const Doubles pos = (v - b.lo) * b.inv_width;
    const Doubles top = minimum(pos, Doubles{} + b.bins);
    const Doubles nearest = (top + 0x1p52) - 0x1p52;  // top rounded to nearest, top < 2^51
    const Doubles floor = nearest > top ? nearest - 1.0 : nearest;
    const Integers slot = (Integers)(as_bits(floor + 0x1p52) - as_bits(0x1p52) + 1);
    const Integers slot_or_zero = pos < 0.0 ? Integers{} : slot;
    const Integers slot_or_nan = is_number ? slot_or_zero : Integers{} - 1;
    __builtin_memcpy(&out.slots[first], &slot_or_nan, sizeof slot_or_nan);  // lanes >= n unused

    // q = lrint(y): the bits of y + 1.5 2^52 less those of 1.5 2^52 (same exponent), in
    // two's complement. Unsigned arithmetic: lanes beyond the trick wrap (and are discarded).
    const Words q_all = as_bits(y + ROUNDING) - as_bits(ROUNDING);
    const Words q = is_number ? q_all : Words{};
    const Words magnitude = (Integers)q < 0 ? Words{} - q : q;
    const Words a = magnitude >> 26, c = magnitude & ((1u << 26) - 1);
    count -= is_number;
    sum += q;
    high += lane::multiply_low32(a, a);
    middle += lane::multiply_low32(a, c);
    low += lane::multiply_low32(c, c);
  }
  if (any_lane(beyond)) {  // |x| > 1.3e8 somewhere (never in practice): one at a time
    for (int k = 0; k < n; ++k) add_one(x[k], k, b, out);
    return;
  }
  for (int l = 0; l < WIDTH; ++l) {
    out.count += static_cast<std::uint64_t>(count[l]);
    out.sum += static_cast<std::int64_t>(sum[l]);  // two's complement (C++20)
    out.square_high += high[l];
    out.square_middle += middle[l];
    out.square_low += low[l];
  }
}

void count_ones(const double* __restrict x, const std::uint64_t* __restrict counted, int n,
                std::uint64_t* __restrict counts) {
  for (int j = 0; j < n; ++j) counts[j] += counted[j] & (x[j] == 1.0 ? std::uint64_t{1} : 0);
}

}  // namespace rampup::RAMPUP_LANES_ISA
