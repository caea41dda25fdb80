// Statistical tests of the random mechanisms, with tolerances stated as multiples of the
// Monte Carlo standard error (all seeds fixed, so the tests are deterministic).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <numeric>

#include "models/distributions.h"
#include "models/trial.h"
#include "sim/engine/philox_draws.h"
#include "support/ks_distance.h"
#include "support/model_fixtures.h"

namespace rampup {
namespace {

double mean_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double covariance(const std::vector<double>& a, const std::vector<double>& b) {
  const double ma = mean_of(a), mb = mean_of(b);
  double s = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) s += (a[i] - ma) * (b[i] - mb);
  return s / static_cast<double>(a.size() - 1);
}

TEST(Distributions, UnitStudentTHasUnitVariance) {
  // dof 8: kurtosis 4.5, so sd(x^2) = sqrt(3.5); with n = 200000 the standard error of the
  // variance is 0.0042. Tolerance 0.025 (6 se). Mean: se 0.0022, tolerance 0.015.
  for (int dof : {0, 8}) {
    const int n = 200000;
    double s1 = 0.0, s2 = 0.0;
    for (int i = 0; i < n; ++i) {
      PhiloxSlot slot =
          PhiloxDraws(11, static_cast<std::uint64_t>(i)).slot(0, 2030, Stream::growth);
      const double x = unit_student_t(slot, dof);
      s1 += x;
      s2 += x * x;
    }
    EXPECT_NEAR(s1 / n, 0.0, 0.015) << "dof " << dof;
    EXPECT_NEAR(s2 / n, 1.0, 0.025) << "dof " << dof;
  }
}

// Kolmogorov-Smirnov distance between the sorted sample and the unit-variance t(dof) CDF.
double ks_distance_to_unit_t(std::vector<double> x, int dof) {
  const boost::math::students_t t(dof);
  const double to_t = std::sqrt(dof / (dof - 2.0));  // unit variance -> t(dof)
  return testing::ks_distance(std::move(x),
                              [&](double v) { return boost::math::cdf(t, v * to_t); });
}

TEST(Distributions, StudentTVariatesFollowTheStudentTDistribution) {
  // Both methods against the exact CDF (Boost.Math). P(D > d) <= 2 exp(-2 n d^2), so with
  // n = 200000 the tolerance 0.006 fails a correct generator with probability < 1e-6; a wrong
  // dof or scale moves D by 0.01-0.04. Chi-squared method (growth) at dof 4 and 8; polar
  // method (adjustment) at dof 4 (its square-root shortcut) and 6 (the general power).

  // A sample: one variate per trial 0..n-1, each from its own (member, year, stream) slot.
  const auto sample = [](std::uint64_t seed, Stream stream, auto draw) {
    std::vector<double> x(200000);
    for (std::size_t i = 0; i < x.size(); ++i) {
      PhiloxSlot slot = PhiloxDraws(seed, i).slot(2, 2031, stream);
      x[i] = draw(slot);
    }
    return x;
  };
  for (int dof : {4, 8}) {
    const auto x =
        sample(19, Stream::growth, [&](PhiloxSlot& s) { return unit_student_t(s, dof); });
    EXPECT_LT(ks_distance_to_unit_t(x, dof), 0.006) << "chi-squared, dof " << dof;
  }
  for (int dof : {4, 6}) {
    const auto x =
        sample(23, Stream::adjustment, [&](PhiloxSlot& s) { return unit_student_t_polar(s, dof); });
    EXPECT_LT(ks_distance_to_unit_t(x, dof), 0.006) << "polar, dof " << dof;
  }
}

TEST(Draws, AreAPureFunctionOfTheirCoordinates) {
  PhiloxDraws d(42, 1234);
  auto a = d.slot(3, 2030, Stream::will);
  auto b = PhiloxDraws(42, 1234).slot(3, 2030, Stream::will);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a(), b());  // crosses a block boundary too
  EXPECT_NE(d.slot(3, 2030, Stream::will)(), d.slot(3, 2030, Stream::growth)());
  EXPECT_NE(d.slot(3, 2030, Stream::will)(), d.slot(3, 2031, Stream::will)());
  EXPECT_NE(d.slot(3, 2030, Stream::will)(), d.slot(4, 2030, Stream::will)());
  EXPECT_NE(d.slot(3, 2030, Stream::will)(), PhiloxDraws(42, 1235).slot(3, 2030, Stream::will)());
  EXPECT_NE(d.slot(3, 2030, Stream::will)(), PhiloxDraws(43, 1234).slot(3, 2030, Stream::will)());
}

TEST(Draws, ASlotDoesNotDependOnWhichOtherSlotsWereDrawn) {
  // The shared member-year block is cached; asking for other slots in between must not matter.
  PhiloxDraws fresh(8, 77);
  auto will_alone = fresh.slot(2, 2031, Stream::will);
  PhiloxDraws busy(8, 77);
  auto g1 = busy.slot(2, 2031, Stream::growth);
  auto g2 = busy.slot(5, 2030, Stream::growth);
  auto will_after = busy.slot(2, 2031, Stream::will);
  for (int i = 0; i < 9; ++i) EXPECT_EQ(will_alone(), will_after());
  PhiloxDraws other(8, 77);
  auto growth_alone = other.slot(2, 2031, Stream::growth);
  for (int i = 0; i < 9; ++i) EXPECT_EQ(growth_alone(), g1());
  EXPECT_NE(g1(), g2());
}

TEST(Reclassification, HappensOnceWithTheStatedYearlyHazard) {
  ModelParams model = testing::quiet_model();
  model.members.resize(1);
  model.members[0].spending.reclassification_prob = 0.2;
  model.members[0].spending.related_plan = {{2025, 0.0}};  // stays below the cap
  model.members[0].related_share_start_pct = 0.0;
  const int trials = 20000, years = model.year_count();
  std::vector<int> by_year(years, 0);
  TrialOutcome out;
  out.resize(1, years);
  int twice = 0;
  for (int t = 0; t < trials; ++t) {
    PhiloxDraws draws(6, static_cast<std::uint64_t>(t));
    simulate_trial(model, draws, out);
    int count = 0;
    for (int y = 0; y < years; ++y) {
      by_year[y] += out.reclassified[y];
      count += out.reclassified[y];
    }
    twice += count > 1;
  }
  EXPECT_EQ(twice, 0);
  EXPECT_EQ(by_year[0], 0);  // the start year is observed
  // P(event in year k after the start) = 0.2 * 0.8^(k-1); se <= 0.0029, tolerance 0.015.
  for (int k = 1; k < years; ++k) {
    EXPECT_NEAR(static_cast<double>(by_year[k]) / trials, 0.2 * std::pow(0.8, k - 1), 0.015) << k;
  }
}

TEST(Growth, MeanSdPersistenceAndCorrelationMatchParameters) {
  ModelParams model = testing::quiet_model();
  model.start_year = 2000;
  model.end_year = 2063;  // 64 years; the first 10 are burn-in
  model.shocks.growth_tail_dof = 8;
  const double mu = 2.0, sd = 1.5, phi = 0.6;
  const double loading[3] = {0.5, 0.8, 0.0};
  for (int m = 0; m < 3; ++m) {
    model.members[m].growth = {mu, sd, phi, loading[m], 0.0, mu};
  }
  const int trials = 2000, burn = 10, years = model.year_count();
  std::vector<double> g[3], lag_now, lag_next;
  TrialOutcome out;
  out.resize(model.member_count(), years);
  for (int t = 0; t < trials; ++t) {
    PhiloxDraws draws(2024, static_cast<std::uint64_t>(t));
    simulate_trial(model, draws, out);
    for (int m = 0; m < 3; ++m) {
      for (int y = burn; y < years; ++y) g[m].push_back(out.growth_pct[m * years + y]);
    }
    for (int y = burn; y + 1 < years; ++y) {
      lag_now.push_back(out.growth_pct[y]);
      lag_next.push_back(out.growth_pct[y + 1]);
    }
  }
  // n = 108000 per member, effective n ~ n (1 - phi) / (1 + phi) = 27000: se(mean) = 0.009,
  // se(sd) ~ 0.009, se(autocorrelation) ~ 0.0025, se(correlation) ~ 0.004. Tolerances ~5 se.
  for (int m = 0; m < 3; ++m) {
    EXPECT_NEAR(mean_of(g[m]), mu, 0.05) << m;
    EXPECT_NEAR(std::sqrt(covariance(g[m], g[m])), sd, 0.05) << m;
  }
  EXPECT_NEAR(covariance(lag_now, lag_next) / covariance(lag_now, lag_now), phi, 0.02);
  auto corr = [&](int a, int b) {
    return covariance(g[a], g[b]) / std::sqrt(covariance(g[a], g[a]) * covariance(g[b], g[b]));
  };
  EXPECT_NEAR(corr(0, 1), std::sqrt(0.5 * 0.8), 0.03);  // one-factor model: sqrt(l_a l_b)
  EXPECT_NEAR(corr(0, 2), 0.0, 0.03);
}

TEST(Elections, GovernmentChangesHappenOnlyInElectionYearsAtTheirRate) {
  ModelParams model = testing::quiet_model();
  model.members.resize(1);
  model.members[0].election_years = {2027, 2031};
  model.members[0].will.election_change_prob = 0.35;
  const int trials = 20000, years = model.year_count();
  std::vector<int> changes(years, 0);
  TrialOutcome out;
  out.resize(1, years);
  for (int t = 0; t < trials; ++t) {
    PhiloxDraws draws(5, static_cast<std::uint64_t>(t));
    simulate_trial(model, draws, out);
    for (int y = 0; y < years; ++y) changes[y] += out.government_change[y];
  }
  // se = sqrt(0.35 * 0.65 / 20000) = 0.0034; tolerance 0.017 (5 se).
  for (int y = 0; y < years; ++y) {
    const int year = 2025 + y;
    const double rate = static_cast<double>(changes[y]) / trials;
    if (year == 2027 || year == 2031) {
      EXPECT_NEAR(rate, 0.35, 0.017) << year;
    } else {
      EXPECT_EQ(changes[y], 0) << year;
    }
  }
}

}  // namespace
}  // namespace rampup

namespace rampup {
namespace {

TEST(Will, PerTrialBaselineOffsetHasTheStatedSpread) {
  // reversion 1 and no shocks: will in every later year is exactly the trial's baseline, so
  // logit(will) ~ N(logit(0.6), 0.5^2). n = 20000: se(mean) = 0.0035, se(sd) = 0.0025.
  ModelParams model = testing::quiet_model();
  model.members.resize(1);
  model.members[0].will.baseline = 0.6;
  model.members[0].will.baseline_sd = 0.5;
  model.members[0].will.reversion = 1.0;
  const int trials = 20000;
  double s1 = 0, s2 = 0;
  TrialOutcome out;
  out.resize(1, model.year_count());
  for (int t = 0; t < trials; ++t) {
    PhiloxDraws draws(3, static_cast<std::uint64_t>(t));
    simulate_trial(model, draws, out);
    const double x = logit(out.will[5]);
    EXPECT_NEAR(logit(out.will[9]), x, 1e-12);  // one draw per trial, not per year
    s1 += x;
    s2 += x * x;
  }
  const double mean = s1 / trials, sd = std::sqrt(s2 / trials - mean * mean);
  EXPECT_NEAR(mean, logit(0.6), 0.02);
  EXPECT_NEAR(sd, 0.5, 0.015);
}

}  // namespace
}  // namespace rampup
