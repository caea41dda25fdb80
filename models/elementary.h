// Elementary functions written with nothing but IEEE +, -, *, /, compares and bit moves, once
// for a double and for a GCC vector of doubles (which GCC lowers to SSE2, AVX2 or AVX-512 as
// the CPU allows): every lane gives the bits of the scalar code, so results do not depend on
// the CPU or on how many members or member-years share a vector. (libm's exp, log and cos do
// not vectorise, and glibc's vector forms, libmvec, are not guaranteed to round as the scalar
// ones.) Every file that includes this header must be compiled without fused multiply-adds
// (-ffp-contract=off, cmake/Warnings.cmake rampup_options), the scalar code as the lanes.
//
// Accuracy (tests/engine/member_year_draws_tests.cpp, against libm): within 2 ulp.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "models/elementwise.h"

namespace rampup {

// The bits of a double, or of each lane of a vector of doubles, as unsigned 64-bit integers.
template <class D>
[[gnu::always_inline]] inline auto as_bits(D x) {
  if constexpr (std::is_arithmetic_v<D>) {
    return std::bit_cast<std::uint64_t>(x);
  } else {
    using Words [[gnu::vector_size(sizeof(D))]] = std::uint64_t;
    return (Words)x;
  }
}
template <class W>
[[gnu::always_inline]] inline auto as_double(W bits) {
  if constexpr (std::is_arithmetic_v<W>) {
    return std::bit_cast<double>(bits);
  } else {
    using Doubles [[gnu::vector_size(sizeof(W))]] = double;
    return (Doubles)bits;
  }
}

// Exact conversion of an integer below 2^52 to double, without an int-to-double instruction
// (AVX2 has none for 64-bit integers): 2^52 + k has k in its mantissa.
template <class W>
[[gnu::always_inline]] inline auto small_integer_to_double(W k) {
  return as_double(k | 0x4330000000000000ULL) - 0x1p52;
}

// c[0] z^(N-1) + c[1] z^(N-2) + ... + c[N-1] by Horner's rule.
template <class D, std::size_t N>
[[gnu::always_inline]] inline D horner(D z, const double (&c)[N]) {
  D p = D{} + c[0];
  for (std::size_t i = 1; i < N; ++i) p = p * z + c[i];
  return p;
}

// log 2 in two parts (fdlibm e_log.c, e_exp.c): LN2_HIGH has 32 significant bits, so k LN2_HIGH
// is exact for |k| < 2^21.
inline constexpr double LN2_HIGH = 0x1.62e42fee00000p-1;
inline constexpr double LN2_LOW = 0x1.a39ef35793c76p-33;  // log 2 - LN2_HIGH

// Natural logarithm of a positive normal double x = 2^e m, m in [sqrt(1/2), sqrt(2)):
// log x = e log 2 + 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.1716, by the series
// 2 (s + s^3/3 + s^5/5 + ...) to s^21 (truncation < 1e-18 relative); e log 2 carries no rounding
// error (Cody & Waite 1980, Software Manual for the Elementary Functions).
template <class D>
[[gnu::always_inline]] inline D log_positive(D x) {
  const auto bits = as_bits(x);
  D e = small_integer_to_double(bits >> 52) - 1023.0;
  D m = as_double((bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL);
  const auto high = m > 1.4142135623730951;
  m = select(high, 0.5 * m, m);
  e = select(high, e + 1.0, e);
  const D s = (m - 1.0) / (m + 1.0);
  const D s2 = s * s;
  const D p = horner(s2, {1.0 / 21.0, 1.0 / 19.0, 1.0 / 17.0, 1.0 / 15.0, 1.0 / 13.0, 1.0 / 11.0,
                          1.0 / 9.0, 1.0 / 7.0, 1.0 / 5.0, 1.0 / 3.0});
  const D two_s = 2.0 * s;
  return e * LN2_HIGH + (two_s + (two_s * s2 * p + e * LN2_LOW));
}

// e^x for |x| <= 708 (beyond, x is clamped there: e^708 = 3e307). x = k log 2 + r with k the
// nearest integer to x / log 2 (by the 1.5 2^52 rounding trick) and |r| <= 0.35 (Cody & Waite
// reduction, exact k LN2_HIGH); e^r = 1 + r + r^2 (1/2 + r/6 + ... + r^11/13!) (truncation
// < 5e-18 relative), then times 2^k built in the exponent bits.
template <class D>
[[gnu::always_inline]] inline D exponential(D x) {
  constexpr double SHIFTER = 0x1.8p52;
  const D clamped = clamp_between(x, D{} - 708.0, D{} + 708.0);
  const D shifted = clamped * 1.4426950408889634 + SHIFTER;  // 1 / log 2
  const D k = shifted - SHIFTER;
  const D r = (clamped - k * LN2_HIGH) - k * LN2_LOW;
  const D q = horner(
      r, {1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
          1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5});
  const D e_r = 1.0 + (r + r * r * q);
  // 2^k: k + 1023 in the exponent field (the low bits of `shifted` hold k, |k| <= 1021).
  const auto two_to_k = as_double((as_bits(shifted) - as_bits(SHIFTER) + 1023) << 52);
  return e_r * two_to_k;
}

// 1 / (1 + e^-x), the logistic function (models' will, credibility and hazards).
template <class D>
[[gnu::always_inline]] inline D logistic(D x) {
  return 1.0 / (1.0 + exponential(-x));
}

// cos(2 pi u) for u in [0, 1]. Folded by symmetry (exact subtractions) to an angle
// x = 2 pi c, c in [0, 1/8], then the Taylor series of cos or sin at x <= pi/4 (to x^18 and
// x^19: truncation < 1e-19).
template <class D>
[[gnu::always_inline]] inline D cos_two_pi(D u) {
  const D a = select(u > 0.5, 1.0 - u, u);   // cos(2 pi u) = cos(2 pi (1 - u)); a <= 1/2
  const auto negate = a > 0.25;              // cos(2 pi a) = -cos(2 pi (1/2 - a))
  const D b = select(negate, 0.5 - a, a);    // b <= 1/4
  const auto use_sin = b > 0.125;            // cos(2 pi b) = sin(2 pi (1/4 - b))
  const D c = select(use_sin, 0.25 - b, b);  // c <= 1/8
  const D x = 6.283185307179586 * c;
  const D x2 = x * x;
  const D minus_x2 = -x2;  // 1/k! with alternating signs, in -x^2
  const D cosine =
      1.0 - x2 * horner(minus_x2, {1.0 / 6402373705728000.0, 1.0 / 20922789888000.0,
                                   1.0 / 87178291200.0, 1.0 / 479001600.0, 1.0 / 3628800.0,
                                   1.0 / 40320.0, 1.0 / 720.0, 1.0 / 24.0, 0.5});
  const D sine =
      x - x * x2 *
              horner(minus_x2, {1.0 / 121645100408832000.0, 1.0 / 355687428096000.0,
                                1.0 / 1307674368000.0, 1.0 / 6227020800.0, 1.0 / 39916800.0,
                                1.0 / 362880.0, 1.0 / 5040.0, 1.0 / 120.0, 1.0 / 6.0});
  const D r = select(use_sin, sine, cosine);
  return select(negate, -r, r);
}

}  // namespace rampup
