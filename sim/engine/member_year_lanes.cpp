// The lanes of sim/engine/member_year_draws.h. This file is compiled once per instruction set
// (sim/engine/CMakeLists.txt: RAMPUP_LANES_ISA = generic, avx2 or avx512, with -mavx2 or
// -mavx512f and no fused multiply-adds); lanes_dispatch.cpp picks one when the program
// starts. All give the same bits: only the 32 x 32 -> 64-bit multiply has a hand-picked
// instruction (lane::multiply_low32), and it is exact.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/draws.h"
#include "sim/engine/lane_math.h"
#include "sim/engine/lanes.h"

namespace rampup::RAMPUP_LANES_ISA {

namespace {

using lane::Doubles;
using lane::WIDTH;
using lane::Words;

// Philox4x32-10 with Random123's constants, one block per lane, 32-bit words in 64-bit lanes.
constexpr std::uint64_t PHILOX_M0 = 0xD2511F53, PHILOX_M1 = 0xCD9E8D57;
constexpr std::uint64_t PHILOX_W0 = 0x9E3779B9, PHILOX_W1 = 0xBB67AE85;
constexpr std::uint64_t LOW32 = 0xFFFFFFFF;

struct Block {
  Words w[4];
};

struct Key {
  std::uint64_t k0, k1;  // the seed's low and high 32 bits
  std::uint64_t trial_low, trial_high;
};

// Philox blocks (c0, c1[b]) for b < N, their rounds interleaved: N independent chains of
// multiplies in flight at once. Within the rounds a word's high half may hold junk: x0 and x2
// only feed multiply_low32, which reads the low half, and x1 and x3 are whole products whose
// high halves are dropped at the end.
template <int N>
[[gnu::always_inline]] inline void philox(const Key& key, Words c0, const std::uint64_t* c1,
                                          Block* out) {
  Words x0[N], x1[N], x2[N], x3[N];
  for (int b = 0; b < N; ++b) {
    x0[b] = c0;
    x1[b] = Words{} + c1[b];
    x2[b] = Words{} + key.trial_low;
    x3[b] = Words{} + key.trial_high;
  }
  std::uint64_t k0 = key.k0, k1 = key.k1;
  for (int round = 0; round < 10; ++round) {
    for (int b = 0; b < N; ++b) {
      const Words p0 = lane::multiply_low32(x0[b], Words{} + PHILOX_M0);
      const Words p1 = lane::multiply_low32(x2[b], Words{} + PHILOX_M1);
      x0[b] = (p1 >> 32) ^ x1[b] ^ k0;
      x1[b] = p1;
      x2[b] = (p0 >> 32) ^ x3[b] ^ k1;
      x3[b] = p0;
    }
    k0 = (k0 + PHILOX_W0) & LOW32;
    k1 = (k1 + PHILOX_W1) & LOW32;
  }
  for (int b = 0; b < N; ++b)
    out[b] = {{x0[b] & LOW32, x1[b] & LOW32, x2[b] & LOW32, x3[b] & LOW32}};
}

// Blocks interleaved per philox call: as many as the registers hold (4 x 4 words in 32
// AVX-512 registers); the bits do not depend on it.
#if defined(__AVX512F__)
constexpr int INTERLEAVED = 4;
#elif defined(__AVX2__)
constexpr int INTERLEAVED = 2;
#else
constexpr int INTERLEAVED = 1;
#endif

// Words a unit-variance Student-t(dof) takes (student_t below; dof is 0 or even from 4 to 64,
// as the scenario's checks allow), and their blocks.
constexpr int words_for(int dof) { return dof == 0 ? 2 : dof <= 10 ? dof - 1 : dof; }
constexpr int blocks_for(int dof) { return (words_for(dof) + 3) / 4; }
// The event block, and each Student-t's blocks (dof <= MAX_DOF), in whole interleaved calls.
constexpr int MAX_DOF = 64;
constexpr int MAX_BLOCKS =
    (1 + 2 * blocks_for(MAX_DOF) + INTERLEAVED - 1) / INTERLEAVED * INTERLEAVED;

// The uniforms of one member-year's stream, word by word from its blocks.
struct Uniforms {
  const Block* blocks;
  int word = 0;

  [[gnu::always_inline]] Doubles next() {
    const Doubles u = lane::uniform32(blocks[word / 4].w[word % 4]);
    ++word;
    return u;
  }
};

// Unit-variance t(2K) from the median X of 2K - 1 uniforms, X ~ Beta(K, K) (the K-th order
// statistic; David & Nagaraja 2003, §2.1): T = sqrt(2K) (X - 1/2) / sqrt(X (1 - X)) ~ t(2K)
// (the inverse of X = 1/2 + T / (2 sqrt(2K + T^2)), Johnson, Kotz & Balakrishnan 1995,
// ch. 28), times sqrt((2K - 2) / 2K) for unit variance. Only min, max, one square root and one
// division; 1 - X is exact (X >= 1/2 there).
template <int K>
[[gnu::always_inline]] inline Doubles student_t_from_median(Uniforms& u) {
  constexpr int n = 2 * K - 1;
  Doubles v[n];
  for (int i = 0; i < n; ++i) v[i] = u.next();
  for (int i = 0; i < K; ++i) {  // selection: v[i] becomes the (i + 1)-th smallest
    for (int j = i + 1; j < n; ++j) {
      // Two comparisons, not one shared by two blends: each becomes one vminpd or vmaxpd.
      const Doubles low = minimum(v[i], v[j]);
      v[j] = maximum(v[i], v[j]);  // = maximum(v[j], v[i]): uniforms are never NaN or -0
      v[i] = low;
    }
  }
  const Doubles x = v[K - 1];
  return std::sqrt(2.0 * K - 2.0) * (x - 0.5) / lane::square_root(x * (1.0 - x));
}

// -log of the product of `count` uniforms: a Gamma(count) variate. At most 8 uniforms
// (>= 2^-33 each) per logarithm, so the product stays a normal double.
[[gnu::always_inline]] inline Doubles gamma_from_uniforms(Uniforms& u, int count) {
  Doubles sum = Doubles{};
  for (int first = 0; first < count; first += 8) {
    Doubles product = u.next();
    for (int i = first + 1; i < std::min(count, first + 8); ++i) product *= u.next();
    sum -= log_positive(product);
  }
  return sum;
}

// Unit-variance Student-t(dof) (dof = 0: normal) from a stream's blocks (blocks_for(dof) of
// them, the layout of member_year_draws.h).
[[gnu::always_inline]] inline Doubles student_t(const Block* blocks, int dof) {
  Uniforms u{blocks};
  switch (dof) {
    case 0: {  // Box & Muller (1958)
      const Doubles log_u = log_positive(u.next());
      return lane::square_root(-2.0 * log_u) * cos_two_pi(u.next());
    }
    case 4:
      return student_t_from_median<2>(u);
    case 6:
      return student_t_from_median<3>(u);
    case 8:
      return student_t_from_median<4>(u);
    case 10:
      return student_t_from_median<5>(u);
    default: {
      // X = G1 / (G1 + G2) ~ Beta(k, k) for G1, G2 ~ Gamma(k), so as above
      // T = sqrt(dof - 2) (G1 - G2) / (2 sqrt(G1 G2)) with unit variance.
      const Doubles g1 = gamma_from_uniforms(u, dof / 2);
      const Doubles g2 = gamma_from_uniforms(u, dof / 2);
      return std::sqrt(dof - 2.0) * (g1 - g2) / (2.0 * lane::square_root(g1 * g2));
    }
  }
}

}  // namespace

void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out) {
  const Key key{seed & LOW32, seed >> 32, trial & LOW32, trial >> 32};
  // Year-major and padded (models/member_year_variates.h): a step is WIDTH members of one year.
  static_assert(MEMBER_LANES % WIDTH == 0);
  const int count = out.padded * out.years;
  const int growth_blocks = blocks_for(shape.growth_dof),
            noise_blocks = blocks_for(shape.noise_dof);
  const int block_count = 1 + growth_blocks + noise_blocks;
  if (shape.growth_dof > MAX_DOF || shape.noise_dof > MAX_DOF) {  // MAX_BLOCKS would not hold them
    throw std::invalid_argument("draw_member_year_variates: a Student-t dof beyond 64");
  }
  // Counter word 1 of each block, the same for every step: the event block, then growth's,
  // then the adjustment noise's (block b of a stream: stream | b << 16).
  std::uint64_t c1[MAX_BLOCKS] = {static_cast<std::uint64_t>(Stream::election)};
  for (int b = 0; b < growth_blocks; ++b) {
    c1[1 + b] = static_cast<std::uint64_t>(Stream::growth) | static_cast<std::uint64_t>(b) << 16;
  }
  for (int b = 0; b < noise_blocks; ++b) {
    c1[1 + growth_blocks + b] =
        static_cast<std::uint64_t>(Stream::adjustment) | static_cast<std::uint64_t>(b) << 16;
  }
  for (int first = 0; first < count; first += WIDTH) {
    const auto year = static_cast<std::uint64_t>(shape.start_year + first / out.padded);
    const auto member = static_cast<std::uint64_t>(first % out.padded);
    Words c0{};
    for (int l = 0; l < WIDTH; ++l) c0[l] = (member + static_cast<std::uint64_t>(l)) | year << 16;
    // All the blocks of these member-years first (counter words c0, c1[b]).
    Block blocks[MAX_BLOCKS];
    for (int b = 0; b < block_count; b += INTERLEAVED)
      philox<INTERLEAVED>(key, c0, c1 + b, blocks + b);
    const Block& events = blocks[0];
    const Doubles one_off_u = lane::uniform32(events.w[2]);
    const Doubles one_off_size_u = lane::uniform32(events.w[3]);
    const Doubles values[6] = {student_t(blocks + 1, shape.growth_dof),
                               student_t(blocks + 1 + growth_blocks, shape.noise_dof),
                               lane::uniform32(events.w[0]),
                               lane::uniform32(events.w[1]),
                               one_off_u,
                               one_off_size_u};
    double* to[6] = {&out.growth_shock[first], &out.adjustment_noise[first],
                     &out.election_u[first],   &out.compliance_u[first],
                     &out.one_off_u[first],    &out.one_off_size_u[first]};
    for (int k = 0; k < 6; ++k) __builtin_memcpy(to[k], &values[k], sizeof(Doubles));
    if (first < out.padded) {  // the start year, which has no one-offs: the member's normal
      const Doubles normal =
          lane::square_root(-2.0 * log_positive(one_off_size_u)) * cos_two_pi(one_off_u);
      __builtin_memcpy(&out.member_normal[first], &normal, sizeof(Doubles));
    }
  }
}

}  // namespace rampup::RAMPUP_LANES_ISA
