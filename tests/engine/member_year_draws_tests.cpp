// The member-year variates drawn in SIMD lanes (sim/engine/member_year_draws.h): the documented
// layout (against Random123 and libm), the same bits from every instruction set, the
// elementary functions' accuracy, and the distributions (Kolmogorov-Smirnov against exact CDFs).
#include <Random123/philox.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstring>
#include <random>
#include <stdexcept>
#include <vector>

#include "models/draws.h"
#include "sim/engine/lane_math.h"
#include "sim/engine/lanes.h"
#include "sim/engine/member_year_draws.h"
#include "support/ks_distance.h"
#include "support/lane_copies.h"

namespace rampup {
namespace {

MemberYearVariates draw(std::uint64_t seed, std::uint64_t trial, int members, int years,
                        MemberYearShape shape) {
  MemberYearVariates v;
  v.resize(members, years);
  draw_member_year_variates(seed, trial, shape, v);
  return v;
}

// Units in the last place between a and b (same sign).
double ulps(double a, double b) { return std::abs(a - b) / std::abs(std::nextafter(b, 0.0) - b); }

TEST(LaneMath, LogIsWithinTwoUlpOfLibm) {
  std::mt19937_64 bits(1);
  double worst = 0.0;
  std::vector<double> xs = {1.0,
                            0.5,
                            2.0,
                            0x1p-33,
                            0x1p-1000,
                            1e300,
                            1.0 + 0x1p-52,
                            1.0 - 0x1p-53,
                            1.4142135623730951,
                            1.4142135623730950,
                            0.7071067811865476};
  for (int i = 0; i < 200000; ++i) {
    xs.push_back(lane::uniform32(static_cast<std::uint32_t>(bits())));  // what the lanes take
    xs.push_back(std::ldexp(1.0 + static_cast<double>(bits() >> 12) * 0x1p-52, i % 200 - 100));
  }
  for (double x : xs) {
    const double exact = std::log(x);
    if (exact == 0.0) {
      EXPECT_EQ(log_positive(x), 0.0);
      continue;
    }
    worst = std::max(worst, ulps(log_positive(x), exact));
  }
  EXPECT_LE(worst, 2.0);
}

TEST(LaneMath, CosTwoPiIsWithinTwoUlpOfTheLongDoubleCosine) {
  // Absolute error against cos at long-double precision, in ulps of 1 (2^-52).
  std::mt19937_64 bits(2);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    const double u = lane::uniform32(static_cast<std::uint32_t>(bits()));
    const long double exact = std::cos(6.283185307179586476925286766559L * u);
    worst = std::max(worst, static_cast<double>(std::abs(cos_two_pi(u) - exact)) / 0x1p-52);
  }
  for (double u : {0.0, 0.125, 0.25, 0.375, 0.5, 0.75, 1.0}) {
    EXPECT_NEAR(cos_two_pi(u), std::cos(6.283185307179586 * u), 1e-15) << u;
  }
  EXPECT_LE(worst, 2.0);
}

TEST(LaneMath, ExponentialIsWithinTwoUlpOfLibm) {
  std::mt19937_64 bits(4);
  std::vector<double> xs = {0.0,
                            -0.0,
                            1.0,
                            -1.0,
                            0.34657359027997264,
                            -0.34657359027997264,
                            0.6931471805599453,
                            40.0,
                            -40.0,
                            700.0,
                            -700.0,
                            708.0,
                            -708.0,
                            1e-300,
                            -1e-300};
  for (int i = 0; i < 200000; ++i) {
    const double u = static_cast<double>(bits() >> 11) * 0x1p-53;  // [0, 1)
    xs.push_back(-708.0 + 1416.0 * u);
    xs.push_back(-60.0 + 120.0 * u);  // the logits the model meets
  }
  double worst = 0.0;
  for (double x : xs) worst = std::max(worst, ulps(exponential(x), std::exp(x)));
  EXPECT_LE(worst, 2.0);
  EXPECT_EQ(exponential(0.0), 1.0);
  EXPECT_EQ(exponential(1000.0), exponential(708.0));  // clamped, finite
  EXPECT_GT(exponential(-1000.0), 0.0);
}

TEST(LaneMath, EveryLaneGivesTheScalarBits) {
  std::mt19937_64 bits(3);
  for (int i = 0; i < 1000; ++i) {
    lane::Words w;
    lane::Doubles x;
    for (int l = 0; l < lane::WIDTH; ++l) {
      w[l] = bits() & 0xFFFFFFFF;
      x[l] = lane::uniform32(static_cast<std::uint32_t>(w[l]));
    }
    const lane::Doubles log_x = log_positive(x), cos_x = cos_two_pi(x);
    const lane::Doubles exp_x = exponential(1000.0 * x - 500.0);
    const lane::Doubles u = lane::uniform32(w);
    for (int l = 0; l < lane::WIDTH; ++l) {
      EXPECT_EQ(u[l], x[l]);
      EXPECT_EQ(log_x[l], log_positive(x[l]));
      EXPECT_EQ(cos_x[l], cos_two_pi(x[l]));
      EXPECT_EQ(exp_x[l], exponential(1000.0 * x[l] - 500.0));
    }
  }
}

// The variates recomputed one at a time from Random123's Philox4x32-10 and libm, by the layout
// documented in member_year_draws.h.
double reference_unit_t(std::uint64_t seed, std::uint64_t trial, std::uint32_t member,
                        std::uint32_t year, Stream stream, int dof) {
  const r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const auto word = [&](int i) {
    const r123::Philox4x32::ctr_type ctr = {
        {member | year << 16,
         static_cast<std::uint32_t>(stream) | static_cast<std::uint32_t>(i / 4) << 16,
         static_cast<std::uint32_t>(trial), static_cast<std::uint32_t>(trial >> 32)}};
    return (static_cast<double>(r123::Philox4x32{}(ctr, key).v[i % 4]) + 0.5) * 0x1p-32;
  };
  const int k = dof / 2;
  if (dof == 0) return std::sqrt(-2.0 * std::log(word(0))) * std::cos(2.0 * M_PI * word(1));
  if (dof <= 10) {
    std::vector<double> u;
    for (int i = 0; i < 2 * k - 1; ++i) u.push_back(word(i));
    std::nth_element(u.begin(), u.begin() + (k - 1), u.end());
    const double x = u[k - 1];
    return std::sqrt(dof - 2.0) * (x - 0.5) / std::sqrt(x * (1.0 - x));
  }
  double g1 = 0.0, g2 = 0.0;
  for (int i = 0; i < k; ++i) g1 -= std::log(word(i));
  for (int i = k; i < 2 * k; ++i) g2 -= std::log(word(i));
  return std::sqrt(dof - 2.0) * (g1 - g2) / (2.0 * std::sqrt(g1 * g2));
}

TEST(MemberYearDraws, FollowTheDocumentedLayout) {
  const std::uint64_t seed = 0x123456789ABCDEFULL, trial = (7ULL << 32) + 11;
  for (const MemberYearShape shape :
       {MemberYearShape{2025, 4, 6}, MemberYearShape{2025, 8, 10}, MemberYearShape{2025, 0, 20},
        MemberYearShape{2025, 64, 64}}) {  // the last: the most blocks a member-year takes
    const MemberYearVariates v = draw(seed, trial, 3, 11, shape);
    for (int m = 0; m < 3; ++m) {
      for (int y = 0; y < 11; ++y) {
        const std::size_t i = v.index(m, y);  // year-major, members padded to 8
        const auto member = static_cast<std::uint32_t>(m);
        const auto year = static_cast<std::uint32_t>(2025 + y);
        EXPECT_NEAR(v.growth_shock[i],
                    reference_unit_t(seed, trial, member, year, Stream::growth, shape.growth_dof),
                    1e-13 * (1 + std::abs(v.growth_shock[i])));
        EXPECT_NEAR(
            v.adjustment_noise[i],
            reference_unit_t(seed, trial, member, year, Stream::adjustment, shape.noise_dof),
            1e-13 * (1 + std::abs(v.adjustment_noise[i])));
        const r123::Philox4x32::ctr_type ctr = {
            {member | year << 16, static_cast<std::uint32_t>(Stream::election),
             static_cast<std::uint32_t>(trial), static_cast<std::uint32_t>(trial >> 32)}};
        const auto events = r123::Philox4x32{}(
            ctr, {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}});
        EXPECT_EQ(v.election_u[i], (events.v[0] + 0.5) * 0x1p-32);
        EXPECT_EQ(v.compliance_u[i], (events.v[1] + 0.5) * 0x1p-32);
        const double u = (events.v[2] + 0.5) * 0x1p-32, w = (events.v[3] + 0.5) * 0x1p-32;
        EXPECT_EQ(v.one_off_u[i], u);
        EXPECT_EQ(v.one_off_size_u[i], w);
        if (y == 0) {  // the start year's words 2 and 3 are the member's normal
          const double z = std::sqrt(-2.0 * std::log(w)) * std::cos(2.0 * M_PI * u);
          EXPECT_NEAR(v.member_normal[m], z, 1e-13);
        }
      }
    }
  }
}

TEST(MemberYearDraws, RefuseADofBeyondWhatTheScenarioAllows) {  // 64: the blocks' array
  MemberYearVariates v;
  v.resize(3, 2);
  EXPECT_THROW(draw_member_year_variates(1, 2, MemberYearShape{2025, 66, 4}, v),
               std::invalid_argument);
  EXPECT_THROW(draw_member_year_variates(1, 2, MemberYearShape{2025, 4, 66}, v),
               std::invalid_argument);
  EXPECT_NO_THROW(draw_member_year_variates(1, 2, MemberYearShape{2025, 64, 64}, v));
}

TEST(MemberYearDraws, EveryInstructionSetGivesTheSameBits) {
  // 5 members (padded to 8) x 11 years. Each copy is run
  // where the CPU has it; the dispatcher's choice too.
  using Draw = void (*)(std::uint64_t, std::uint64_t, const MemberYearShape&, MemberYearVariates&);
  const std::vector<Draw> copies = RAMPUP_RUNNABLE_COPIES(Draw, draw_member_year_variates);
  for (const MemberYearShape shape :
       {MemberYearShape{2025, 4, 4}, MemberYearShape{2016, 0, 8}, MemberYearShape{2025, 64, 0}}) {
    MemberYearVariates first;
    first.resize(5, 11);
    copies[0](99, 1234, shape, first);
    for (std::size_t c = 1; c < copies.size(); ++c) {
      MemberYearVariates v;
      v.resize(5, 11);
      copies[c](99, 1234, shape, v);
      EXPECT_EQ(v.growth_shock, first.growth_shock) << "copy " << c;
      EXPECT_EQ(v.adjustment_noise, first.adjustment_noise) << "copy " << c;
      EXPECT_EQ(v.election_u, first.election_u) << "copy " << c;
      EXPECT_EQ(v.compliance_u, first.compliance_u) << "copy " << c;
      EXPECT_EQ(v.one_off_u, first.one_off_u) << "copy " << c;
      EXPECT_EQ(v.one_off_size_u, first.one_off_size_u) << "copy " << c;
      EXPECT_EQ(v.member_normal, first.member_normal) << "copy " << c;
    }
  }
}

TEST(MemberYearDraws, AreAPureFunctionOfTheirCoordinates) {
  // A member-year's variates do not depend on how many members or years are drawn with it.
  const MemberYearShape shape{2025, 4, 4};
  const MemberYearVariates small = draw(5, 77, 2, 3, shape);
  const MemberYearVariates large = draw(5, 77, 9, 7, shape);
  for (int m = 0; m < 2; ++m) {
    for (int y = 0; y < 3; ++y) {
      EXPECT_EQ(small.growth_shock[small.index(m, y)], large.growth_shock[large.index(m, y)]);
      EXPECT_EQ(small.compliance_u[small.index(m, y)], large.compliance_u[large.index(m, y)]);
    }
  }
  EXPECT_NE(draw(5, 78, 2, 3, shape).growth_shock, small.growth_shock);  // another trial
  EXPECT_NE(draw(6, 77, 2, 3, shape).growth_shock, small.growth_shock);  // another seed
}

// n = 240000 variates: 1000 trials of 24 members (no padding) x 10 years. P(D > 0.006) < 1e-6
// for a correct generator (support/ks_distance.h); a wrong dof or scale moves D by 0.01-0.04.
std::vector<double> sample(MemberYearShape shape, std::vector<double> MemberYearVariates::*field,
                           std::uint64_t trials = 1000) {
  std::vector<double> x;
  for (std::uint64_t trial = 0; trial < trials; ++trial) {
    const MemberYearVariates v = draw(31, trial, 24, 10, shape);
    x.insert(x.end(), (v.*field).begin(), (v.*field).end());
  }
  return x;
}

TEST(MemberYearDraws, FollowTheirDistributions) {
  const auto unit_t_cdf = [](int dof) {
    return [dof](double v) {
      return boost::math::cdf(boost::math::students_t(dof), v * std::sqrt(dof / (dof - 2.0)));
    };
  };
  // Medians (dof 4-10) and gamma ratios (12-64) for growth, and for the adjustment stream too.
  for (int dof : {4, 6, 8, 10, 12, 30}) {
    const auto x = sample({2025, dof, 0}, &MemberYearVariates::growth_shock);
    EXPECT_LT(testing::ks_distance(x, unit_t_cdf(dof)), 0.006) << "growth, dof " << dof;
  }
  for (int dof : {4, 14}) {
    const auto x = sample({2025, 0, dof}, &MemberYearVariates::adjustment_noise);
    EXPECT_LT(testing::ks_distance(x, unit_t_cdf(dof)), 0.006) << "adjustment, dof " << dof;
  }
  const auto normal = sample({2025, 0, 0}, &MemberYearVariates::adjustment_noise);
  EXPECT_LT(testing::ks_distance(
                normal, [](double v) { return boost::math::cdf(boost::math::normal(), v); }),
            0.006);
  const auto normal_cdf = [](double v) { return boost::math::cdf(boost::math::normal(), v); };
  // One normal per member: 10000 trials of 24 members.
  EXPECT_LT(testing::ks_distance(sample({2025, 4, 4}, &MemberYearVariates::member_normal, 10000),
                                 normal_cdf),
            0.006);
  for (auto field : {&MemberYearVariates::election_u, &MemberYearVariates::compliance_u,
                     &MemberYearVariates::one_off_u, &MemberYearVariates::one_off_size_u}) {
    EXPECT_LT(testing::ks_distance(sample({2025, 4, 4}, field), [](double v) { return v; }), 0.006);
  }
}

TEST(MemberYearDraws, StreamsAndYearsAreUncorrelated) {
  // Sample correlations of n = 240000 independent pairs have sd 1/sqrt(n) = 0.0020; tolerance
  // 0.012 (5.9 sd).
  const MemberYearShape shape{2025, 4, 4};
  const auto growth = sample(shape, &MemberYearVariates::growth_shock);
  const auto noise = sample(shape, &MemberYearVariates::adjustment_noise);
  const auto election = sample(shape, &MemberYearVariates::election_u);
  const auto compliance = sample(shape, &MemberYearVariates::compliance_u);
  const auto one_off = sample(shape, &MemberYearVariates::one_off_u);
  const auto one_off_size = sample(shape, &MemberYearVariates::one_off_size_u);
  const auto correlation = [](const std::vector<double>& a, const std::vector<double>& b,
                              std::size_t lag) {
    const std::size_t n = a.size() - lag;
    double ma = 0, mb = 0;
    for (std::size_t i = 0; i < n; ++i) ma += a[i], mb += b[i + lag];
    ma /= static_cast<double>(n);
    mb /= static_cast<double>(n);
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sab += (a[i] - ma) * (b[i + lag] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i + lag] - mb) * (b[i + lag] - mb);
    }
    return sab / std::sqrt(saa * sbb);
  };
  EXPECT_LT(std::abs(correlation(growth, noise, 0)), 0.012);
  EXPECT_LT(std::abs(correlation(election, compliance, 0)), 0.012);
  EXPECT_LT(std::abs(correlation(growth, election, 0)), 0.012);
  EXPECT_LT(std::abs(correlation(one_off, one_off_size, 0)), 0.012);
  EXPECT_LT(std::abs(correlation(election, one_off, 0)), 0.012);
  EXPECT_LT(std::abs(correlation(growth, growth, 1)), 0.012);   // next member (or next year)
  EXPECT_LT(std::abs(correlation(growth, growth, 24)), 0.012);  // next year
  EXPECT_LT(std::abs(correlation(noise, noise, 8)), 0.012);     // the next step's same lane
}

}  // namespace
}  // namespace rampup
