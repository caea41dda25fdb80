// Elementary functions for the SIMD lanes (sim/engine/lanes.h), written
// with nothing but IEEE +, -, *, /, compares and bit moves, once for a double and once for a
// vector of WIDTH doubles (GCC vector extensions, which GCC and clang lower to SSE2, AVX2 or
// AVX-512 as the CPU allows): every lane gives the same bits as the scalar code, so results do
// not depend on the CPU the program runs on. (libm's log and cos do not vectorise, and glibc's
// vector forms, libmvec, are not guaranteed to round as the scalar ones.)
//
// Accuracy (tests/engine/member_year_draws_tests.cpp, against std::log and std::cos): within
// 2 ulp.
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace rampup::lane {

inline constexpr int WIDTH = 8;  // lanes: one AVX-512 register of doubles
using Doubles = double __attribute__((vector_size(8 * WIDTH)));
using Words = std::uint64_t __attribute__((vector_size(8 * WIDTH)));  // 64-bit integer lanes

[[gnu::always_inline]] inline double as_double(std::uint64_t bits) {
  return std::bit_cast<double>(bits);
}
[[gnu::always_inline]] inline Doubles as_double(Words bits) { return (Doubles)bits; }
[[gnu::always_inline]] inline std::uint64_t as_bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}
[[gnu::always_inline]] inline Words as_bits(Doubles x) { return (Words)x; }

[[gnu::always_inline]] inline double square_root(double x) { return std::sqrt(x); }
[[gnu::always_inline]] inline Doubles square_root(Doubles x) {
  Doubles r;
  for (int l = 0; l < WIDTH; ++l) r[l] = std::sqrt(x[l]);  // one vsqrtpd
  return r;
}

// The comparisons as std::min and std::max make them (b < a ? b : a, a < b ? b : a).
template <class D>
[[gnu::always_inline]] inline D minimum(D a, D b) {
  return b < a ? b : a;
}
template <class D>
[[gnu::always_inline]] inline D maximum(D a, D b) {
  return a < b ? b : a;
}
[[gnu::always_inline]] inline Doubles minimum(Doubles a, double b) {
  return minimum(a, Doubles{} + b);
}
[[gnu::always_inline]] inline Doubles maximum(Doubles a, double b) {
  return maximum(a, Doubles{} + b);
}

// Whether any lane of a comparison's result is true.
template <class Mask>
[[gnu::always_inline]] inline bool any(Mask m) {
  bool found = false;
  for (int l = 0; l < WIDTH; ++l) found |= m[l] != 0;
  return found;
}

// (a mod 2^32) (b mod 2^32) in every lane, exactly: one vpmuludq where the CPU has it (the
// compiler's 64-bit multiply would be vpmullq, three times slower).
[[gnu::always_inline]] inline Words multiply_low32(Words a, Words b) {
#if defined(__AVX512F__)
  static_assert(sizeof(Words) == sizeof(__m512i));
  return (Words)_mm512_mul_epu32((__m512i)a, (__m512i)b);
#elif defined(__AVX2__)
  static_assert(sizeof(Words) == 2 * sizeof(__m256i));
  __m256i ha[2], hb[2];
  __builtin_memcpy(ha, &a, sizeof a);
  __builtin_memcpy(hb, &b, sizeof b);
  ha[0] = _mm256_mul_epu32(ha[0], hb[0]);
  ha[1] = _mm256_mul_epu32(ha[1], hb[1]);
  __builtin_memcpy(&a, ha, sizeof a);
  return a;
#else
  return (a & 0xFFFFFFFFULL) * (b & 0xFFFFFFFFULL);
#endif
}

// Exact conversion of an integer below 2^52 to double, without an int-to-double instruction
// (AVX2 has none for 64-bit integers): 2^52 + k has k in its mantissa.
template <class W>
[[gnu::always_inline]] inline auto small_integer_to_double(W k) {
  return as_double(k | 0x4330000000000000ULL) - 0x1p52;
}

// Uniform on (0, 1) from a 32-bit word k (in a 64-bit lane): (k + 0.5) / 2^32, as the slots'.
template <class W>
[[gnu::always_inline]] inline auto uniform32(W k) {
  return (small_integer_to_double(k) + 0.5) * 0x1p-32;
}

// c[0] z^(N-1) + c[1] z^(N-2) + ... + c[N-1] by Horner's rule.
template <class D, std::size_t N>
[[gnu::always_inline]] inline D horner(D z, const double (&c)[N]) {
  D p = D{} + c[0];
  for (std::size_t i = 1; i < N; ++i) p = p * z + c[i];
  return p;
}

// Natural logarithm of a positive normal double x = 2^e m, m in [sqrt(1/2), sqrt(2)):
// log x = e log 2 + 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.1716, by the series
// 2 (s + s^3/3 + s^5/5 + ...) to s^21 (truncation < 1e-18 relative); log 2 in two parts so
// e log 2 carries no rounding error (Cody & Waite 1980, Software Manual for the Elementary
// Functions).
template <class D>
[[gnu::always_inline]] inline D log_positive(D x) {
  const auto bits = as_bits(x);
  D e = small_integer_to_double(bits >> 52) - 1023.0;
  D m = as_double((bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL);
  const auto high = m > 1.4142135623730951;
  m = high ? 0.5 * m : m;
  e = high ? e + 1.0 : e;
  const D s = (m - 1.0) / (m + 1.0);
  const D s2 = s * s;
  const D p = horner(s2, {1.0 / 21.0, 1.0 / 19.0, 1.0 / 17.0, 1.0 / 15.0, 1.0 / 13.0, 1.0 / 11.0,
                          1.0 / 9.0, 1.0 / 7.0, 1.0 / 5.0, 1.0 / 3.0});
  constexpr double LN2_HIGH = 0x1.62e42fee00000p-1;  // log 2 to 32 bits: e * LN2_HIGH is exact
  constexpr double LN2_LOW = 0x1.a39ef35793c76p-33;  // log 2 - LN2_HIGH (fdlibm e_log.c)
  const D two_s = 2.0 * s;
  return e * LN2_HIGH + (two_s + (two_s * s2 * p + e * LN2_LOW));
}

// cos(2 pi u) for u in [0, 1]. Folded by symmetry (exact subtractions) to an angle
// x = 2 pi c, c in [0, 1/8], then the Taylor series of cos or sin at x <= pi/4 (to x^18 and
// x^19: truncation < 1e-19).
template <class D>
[[gnu::always_inline]] inline D cos_two_pi(D u) {
  const D a = u > 0.5 ? 1.0 - u : u;   // cos(2 pi u) = cos(2 pi (1 - u)); a <= 1/2
  const auto negate = a > 0.25;        // cos(2 pi a) = -cos(2 pi (1/2 - a))
  const D b = negate ? 0.5 - a : a;    // b <= 1/4
  const auto use_sin = b > 0.125;      // cos(2 pi b) = sin(2 pi (1/4 - b))
  const D c = use_sin ? 0.25 - b : b;  // c <= 1/8
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
  const D r = use_sin ? sine : cosine;
  return negate ? -r : r;
}

}  // namespace rampup::lane
