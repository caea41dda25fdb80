// The lanes of sim/engine/member_year_draws.h. This file is compiled once per instruction set
// (sim/engine/CMakeLists.txt: RAMPUP_LANES_ISA = generic, avx2 or avx512, with -mavx2 or
// -mavx512f and no fused multiply-adds); lanes_dispatch.cpp picks one when the program
// starts. All give the same bits: only the 32 x 32 -> 64-bit multiply has a hand-picked
// instruction (lane::multiply_low32), and it is exact.
#include <algorithm>
#include <cmath>

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

// Within the rounds a word's high half may hold junk: x0 and x2 only feed multiply_low32, which
// reads the low half, and x1 and x3 are whole products whose high halves are dropped at the end.
[[gnu::always_inline]] inline Block philox(const Key& key, Words c0, std::uint64_t c1) {
  Words x0 = c0, x1 = Words{} + c1, x2 = Words{} + key.trial_low, x3 = Words{} + key.trial_high;
  std::uint64_t k0 = key.k0, k1 = key.k1;
  for (int round = 0; round < 10; ++round) {
    const Words p0 = lane::multiply_low32(x0, Words{} + PHILOX_M0);
    const Words p1 = lane::multiply_low32(x2, Words{} + PHILOX_M1);
    x0 = (p1 >> 32) ^ x1 ^ k0;
    x1 = p1;
    x2 = (p0 >> 32) ^ x3 ^ k1;
    x3 = p0;
    k0 = (k0 + PHILOX_W0) & LOW32;
    k1 = (k1 + PHILOX_W1) & LOW32;
  }
  return {{x0 & LOW32, x1 & LOW32, x2 & LOW32, x3 & LOW32}};
}

// The uniforms of one member-year's stream, word by word (the counter's block is word / 4).
struct Uniforms {
  Uniforms(const Key& k, Words first_counter_words, std::uint64_t stream_word)
      : key(k), c0(first_counter_words), stream(stream_word) {}

  const Key& key;
  Words c0;
  std::uint64_t stream;
  Block block;  // set at word 0
  int word = 0;

  [[gnu::always_inline]] Doubles next() {
    if (word % 4 == 0) block = philox(key, c0, stream | static_cast<std::uint64_t>(word / 4) << 16);
    const Doubles u = lane::uniform32(block.w[word % 4]);
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

// Unit-variance Student-t(dof) (dof = 0: normal) of `stream` for the member-years whose first
// counter words are c0 (the layout of member_year_draws.h).
[[gnu::always_inline]] inline Doubles student_t(const Key& key, Words c0, Stream stream, int dof) {
  Uniforms u{key, c0, static_cast<std::uint64_t>(stream)};
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
  for (int first = 0; first < count; first += WIDTH) {
    const auto year = static_cast<std::uint64_t>(shape.start_year + first / out.padded);
    const auto member = static_cast<std::uint64_t>(first % out.padded);
    Words c0{};
    for (int l = 0; l < WIDTH; ++l) c0[l] = (member + static_cast<std::uint64_t>(l)) | year << 16;
    const Block events = philox(key, c0, static_cast<std::uint64_t>(Stream::election));
    const Doubles one_off_u = lane::uniform32(events.w[2]);
    const Doubles one_off_size_u = lane::uniform32(events.w[3]);
    const Doubles values[6] = {student_t(key, c0, Stream::growth, shape.growth_dof),
                               student_t(key, c0, Stream::adjustment, shape.noise_dof),
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
