// The SIMD lanes' types (sim/engine/lanes.h) and the few operations they need beyond the models'
// elementary functions (models/elementary.h, written once for a double and for these vectors):
// every lane gives the bits of the scalar code, whatever the CPU.
#pragma once

#include <cmath>
#include <cstdint>

#include "models/elementary.h"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace rampup::lane {

inline constexpr int WIDTH = 8;  // lanes: one AVX-512 register of doubles
using Doubles = double __attribute__((vector_size(8 * WIDTH)));
using Words = std::uint64_t __attribute__((vector_size(8 * WIDTH)));  // 64-bit integer lanes

[[gnu::always_inline]] inline double square_root(double x) { return std::sqrt(x); }
[[gnu::always_inline]] inline Doubles square_root(Doubles x) {
  Doubles r;
  for (int l = 0; l < WIDTH; ++l) r[l] = std::sqrt(x[l]);  // one vsqrtpd
  return r;
}

// (a mod 2^32) (b mod 2^32) in every lane, exactly: one vpmuludq where the CPU has it (the
// compiler's 64-bit multiply would be vpmullq, three times slower).
[[gnu::always_inline]] inline Words multiply_low32(Words a, Words b) {
#if defined(__AVX512F__)
  static_assert(sizeof(Words) == sizeof(__m512i));
  // The zero-masking form with every lane kept: the same vpmuludq, without the plain form's
  // undefined pass-through operand, which GCC 12 warns about (-Wmaybe-uninitialized, GCC PR
  // 105593).
  return (Words)_mm512_maskz_mul_epu32(0xFF, (__m512i)a, (__m512i)b);
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

// Uniform on (0, 1) from a 32-bit word k (in a 64-bit lane): (k + 0.5) / 2^32, as the slots'.
template <class W>
[[gnu::always_inline]] inline auto uniform32(W k) {
  return (small_integer_to_double(k) + 0.5) * 0x1p-32;
}

}  // namespace rampup::lane
