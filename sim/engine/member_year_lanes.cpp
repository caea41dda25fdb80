// The lanes of sim/engine/member_year_draws.h. This file is compiled once per instruction set
// (sim/engine/CMakeLists.txt: RAMPUP_LANES_ISA = generic, avx2 or avx512, with -mavx2 or
// -mavx512f and no fused multiply-adds); member_year_draws.cpp picks one when the program
// starts. All give the same bits: only the 32 x 32 -> 64-bit multiply has a hand-picked
// instruction, and it is exact.
#include "sim/engine/member_year_lanes.h"

#include <algorithm>

#include "models/draws.h"
#include "sim/engine/lane_math.h"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace rampup::RAMPUP_LANES_ISA {

namespace {

using lane::Doubles;
using lane::WIDTH;
using lane::Words;

// Philox4x32-10 with Random123's constants, one block per lane, 32-bit words in 64-bit lanes.
constexpr std::uint64_t PHILOX_M0 = 0xD2511F53, PHILOX_M1 = 0xCD9E8D57;
constexpr std::uint64_t PHILOX_W0 = 0x9E3779B9, PHILOX_W1 = 0xBB67AE85;
constexpr std::uint64_t LOW32 = 0xFFFFFFFF;

// (a mod 2^32) * m for every lane, m < 2^32.
[[gnu::always_inline]] inline Words multiply_low32(Words a, std::uint64_t m) {
#if defined(__AVX512F__)
  static_assert(sizeof(Words) == sizeof(__m512i));
  return (Words)_mm512_mul_epu32((__m512i)a, _mm512_set1_epi64(static_cast<long long>(m)));
#elif defined(__AVX2__)
  static_assert(sizeof(Words) == 2 * sizeof(__m256i));
  __m256i half[2];
  __builtin_memcpy(half, &a, sizeof a);
  const __m256i mm = _mm256_set1_epi64x(static_cast<long long>(m));
  half[0] = _mm256_mul_epu32(half[0], mm);
  half[1] = _mm256_mul_epu32(half[1], mm);
  __builtin_memcpy(&a, half, sizeof a);
  return a;
#else
  return (a & 0xFFFFFFFFULL) * m;
#endif
}

struct Block {
  Words w[4];
};

struct Key {
  std::uint64_t k0, k1;  // the seed's low and high 32 bits
  std::uint64_t trial_low, trial_high;
};

[[gnu::always_inline]] inline Block philox(const Key& key, Words c0, std::uint64_t c1) {
  Words x0 = c0, x1 = Words{} + c1, x2 = Words{} + key.trial_low, x3 = Words{} + key.trial_high;
  std::uint64_t k0 = key.k0, k1 = key.k1;
  for (int round = 0; round < 10; ++round) {
    const Words p0 = multiply_low32(x0, PHILOX_M0);
    const Words p1 = multiply_low32(x2, PHILOX_M1);
    x0 = (p1 >> 32) ^ x1 ^ k0;
    x1 = p1 & LOW32;
    x2 = (p0 >> 32) ^ x3 ^ k1;
    x3 = p0 & LOW32;
    k0 = (k0 + PHILOX_W0) & LOW32;
    k1 = (k1 + PHILOX_W1) & LOW32;
  }
  return {{x0, x1, x2, x3}};
}

// Unit-variance Student-t(dof) (dof = 0: normal) of `stream` for the member-years whose first
// counter words are c0 (the layout of member_year_draws.h).
[[gnu::always_inline]] inline Doubles student_t(const Key& key, Words c0, Stream stream, int dof) {
  const auto stream_word = static_cast<std::uint64_t>(stream);
  Block block = philox(key, c0, stream_word);
  const Doubles log_u = lane::log_positive(lane::uniform32(block.w[0]));
  const Doubles cosine = lane::cos_two_pi(lane::uniform32(block.w[1]));
  if (dof == 0) return lane::square_root(-2.0 * log_u) * cosine;
  Doubles log_product = Doubles{};
  Doubles product = Doubles{} + 1.0;
  const int words = 2 + dof / 2;
  for (int word = 2; word < words; ++word) {
    if (word % 4 == 0) {
      block = philox(key, c0, stream_word | static_cast<std::uint64_t>(word / 4) << 16);
    }
    product *= lane::uniform32(block.w[word % 4]);
    // At most 8 uniforms (>= 2^-33 each) per logarithm: the product stays a normal double.
    if ((word - 1) % 8 == 0 || word == words - 1) {
      log_product += lane::log_positive(product);
      product = Doubles{} + 1.0;
    }
  }
  // Z sqrt((dof - 2) / chi2) with Z = sqrt(-2 log U) cos(2 pi V), chi2 = -2 log(product):
  // one square root and one division.
  return lane::square_root((dof - 2.0) * log_u / log_product) * cosine;
}

}  // namespace

void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out) {
  const Key key{seed & LOW32, seed >> 32, trial & LOW32, trial >> 32};
  const int years = out.years;
  const int count = out.members * years;
  int member = 0, year_index = 0;  // of the step's first lane
  for (int first = 0; first < count; first += WIDTH) {
    Words c0;
    for (int l = 0, m = member, y = year_index; l < WIDTH; ++l) {
      c0[l] = static_cast<std::uint64_t>(m) | static_cast<std::uint64_t>(shape.start_year + y)
                                                  << 16;
      if (first + l + 1 < count && ++y == years) {  // the last step repeats its last item
        y = 0;
        ++m;
      }
      if (l == WIDTH - 1) {
        member = m;
        year_index = y;
      }
    }
    const Block events = philox(key, c0, static_cast<std::uint64_t>(Stream::election));
    const Doubles values[4] = {student_t(key, c0, Stream::growth, shape.growth_dof),
                               student_t(key, c0, Stream::adjustment, shape.noise_dof),
                               lane::uniform32(events.w[0]), lane::uniform32(events.w[1])};
    double* to[4] = {&out.growth_shock[first], &out.adjustment_noise[first], &out.election_u[first],
                     &out.compliance_u[first]};
    const int n = std::min(WIDTH, count - first);
    for (int k = 0; k < 4; ++k) {
      if (n == WIDTH) {
        __builtin_memcpy(to[k], &values[k], sizeof(Doubles));
      } else {
        for (int l = 0; l < n; ++l) to[k][l] = values[k][l];
      }
    }
  }
}

}  // namespace rampup::RAMPUP_LANES_ISA
