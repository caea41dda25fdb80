// Model v2 (docs/MODEL.md v2): exact tests where the maths is exact, statistical tests with
// stated tolerances where it is random, and golden values that pin the random streams.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "models/adjust.h"
#include "models/desired.h"
#include "models/plan.h"
#include "models/regime.h"
#include "models/trial.h"
#include "sim/engine/philox_draws.h"
#include "support/model_fixtures.h"

namespace rampup {
namespace {

using testing::FixedDraws;

using testing::quiet_model_v2;

TrialOutcome run_one(const ModelParams& model) {
  FixedDraws draws;
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  simulate_trial(model, draws, out);
  return out;
}

// The fundamental path of the quiet v2 model, year by year, for member `mi`.
double fundamentals_of(const ModelParams& model, int mi) {
  const MemberParams& m = model.members[mi];
  const ParameterDraw& d = model.behaviour.draws[0];
  return fundamentals_pct(d, m.baseline_pct, m.proximity, fiscal_stress(m.debt_pct_gdp), 0.0,
                          m.regime_response, Regime::elevated);
}

TEST(ModelV2, CredibilityOneFollowsTheMaximumOfPlanAndFundamentalPath) {
  const ModelParams model = quiet_model_v2();
  const TrialOutcome out = run_one(model);
  const double lambda = model.behaviour.draws[0].lambda_elevated;
  for (int mi = 0; mi < model.member_count(); ++mi) {
    const MemberParams& m = model.members[mi];
    const double f = fundamentals_of(model, mi);
    double s = m.core_share_start_pct;
    for (int y = 1; y < model.year_count(); ++y) {
      const double plan = planned_share_pct(m.spending.core_plan, model.start_year + y);
      s = std::max(plan, s + lambda * (f - s));
      EXPECT_DOUBLE_EQ(out.core_share_pct[mi * model.year_count() + y], s)
          << m.iso3 << " " << model.start_year + y;
      EXPECT_EQ(out.will[mi * model.year_count() + y], 1.0);  // kappa
    }
  }
}

TEST(ModelV2, FundamentalsAreBaselinePlusRegimeUpliftExceptForTheUsa) {
  const ModelParams model = quiet_model_v2();
  // DEU: 1.2 + 0.2 + 1.0 * 0.74 - 0.5 * (50 - 60) / 100 = 2.19
  EXPECT_DOUBLE_EQ(fundamentals_of(model, 0), 1.2 + 0.2 + 0.74 + 0.05);
  EXPECT_DOUBLE_EQ(fundamentals_of(model, 1), 3.3);  // regime_response: false
  const ParameterDraw& d = model.behaviour.draws[0];
  const MemberParams& deu = model.members[0];
  EXPECT_DOUBLE_EQ(fundamentals_pct(d, deu.baseline_pct, deu.proximity, 0.0, 0.0,
                                    deu.regime_response, Regime::calm),
                   1.2);
}

TEST(ModelV2, CapsBoundTheDynamicStep) {
  ModelParams model = quiet_model_v2();
  for (auto& m : model.members) m.spending.max_rise_pp_per_year = 0.1;
  const TrialOutcome out = run_one(model);
  // DEU's plan rises 0.275 pp a year to 2029; the cap allows 0.1.
  for (int y = 1; y <= 4; ++y) EXPECT_NEAR(out.core_share_pct[y], 2.4 + 0.1 * y, 1e-12);
}

TEST(ModelV2, AnAdoptedBudgetYearLandsOnItsValue) {
  ModelParams model = quiet_model_v2();
  model.members[2].spending.adopted_budget = {{2026, 2.85}};
  model.behaviour.draws[0].budget_execution_sd = 0.0;
  const TrialOutcome out = run_one(model);
  EXPECT_DOUBLE_EQ(out.core_share_pct[2 * model.year_count() + 1], 2.85);
}

TEST(ModelV2, OneOffsAddOutsideTheStepAndAreNotReversedAfterAnAdoptedBudgetYear) {
  ModelParams model = quiet_model_v2();
  ParameterDraw& d = model.behaviour.draws[0];
  d.one_off_prob = 1.0;  // a one-off every year: -m log(0.5) with the fixed uniform 0.5
  d.one_off_mean_pp = 0.5;
  d.one_off_reversal = 0.9;
  model.members[2].spending.adopted_budget = {{2026, 2.85}};
  const TrialOutcome out = run_one(model);
  const double o = -0.5 * std::log(0.5);
  const int years = model.year_count();
  // ESP 2027: fundamental path 2.85 + 0.25 (1.35 - 2.85) = 2.475 is above its plan (2.04);
  // plus this year's one-off, minus no reversal (2026 was the budget law's level).
  EXPECT_DOUBLE_EQ(fundamentals_of(model, 2), 1.35);
  EXPECT_DOUBLE_EQ(out.core_share_pct[2 * years + 2], 2.85 + 0.25 * (1.35 - 2.85) + o);
  // 2028: the same step from there, and 90% of 2027's one-off reversed.
  const double s27 = out.core_share_pct[2 * years + 2];
  EXPECT_DOUBLE_EQ(out.core_share_pct[2 * years + 3], s27 + 0.25 * (1.35 - s27) + o - 0.9 * o);
}

TEST(ModelV2, AMemberAboveTargetWithNoPlanHoldsItsFundamentalPath) {
  ModelParams model = quiet_model_v2();
  MemberParams& usa = model.members[1];
  usa.spending.core_plan = {{2025, usa.core_share_start_pct}};  // no plan: flat
  usa.baseline_pct = 3.8;  // fundamentals above the start share
  const TrialOutcome out = run_one(model);
  double s = usa.core_share_start_pct;
  for (int y = 1; y < model.year_count(); ++y) {
    s += 0.25 * (3.8 - s);
    EXPECT_DOUBLE_EQ(out.core_share_pct[model.year_count() + y], s);
  }
}

TEST(ModelV2, PlansNeverPullBelowTheFundamentalPath) {
  EXPECT_DOUBLE_EQ(planned_step_pct(2.0, 3.0, 0.5, 1.0, 1.0), 2.5);
  EXPECT_DOUBLE_EQ(planned_step_pct(2.0, 3.0, 0.5, 0.4, 3.5), 2.5 + 0.4 * 1.0);
}

TEST(ModelV2, CredibilityIsTheLogisticOfItsTerms) {
  ParameterDraw d;  // priors: k0 0, kL 0.15, kphi 1, kU 0.5, kD 1, kG 1
  // Lead year 1, no stress, no pressure, far from the deadline, same government: logit 0.
  EXPECT_DOUBLE_EQ(logistic(credibility_logit(d, 0.0, 0.0, false, false, false)), 0.5);
  // Lead year 5, stress 0.4, pressure, near the deadline, government changed.
  const double x = -0.15 * 4 - 0.4 + 0.5 + 1.0 - 1.0;
  EXPECT_DOUBLE_EQ(credibility_logit(d, 4.0, 0.4, true, true, true), x);
  EXPECT_DOUBLE_EQ(logistic(credibility_logit(d, 4.0, 0.4, true, true, true)),
                   1.0 / (1.0 + std::exp(-x)));
}

TEST(ModelV2, RegimeTransitionsFollowTheCumulativeRow) {
  BehaviourParams b;  // E row: 0.05, 0.87, 0.08
  EXPECT_EQ(next_regime(b, Regime::elevated, 0.049), Regime::calm);
  EXPECT_EQ(next_regime(b, Regime::elevated, 0.05), Regime::elevated);
  EXPECT_EQ(next_regime(b, Regime::elevated, 0.919), Regime::elevated);
  EXPECT_EQ(next_regime(b, Regime::elevated, 0.921), Regime::acute);
  EXPECT_EQ(next_regime(b, Regime::acute, 0.05), Regime::elevated);  // A -> C has probability 0
}

TEST(ModelV2, UsPressureIsKnownThenDrawnPerTerm) {
  BehaviourParams b;
  b.us_pressure_years = {2025, 2026, 2027, 2028};
  b.us_pressure_known_until = 2028;
  b.us_pressure_term_prob = 1.0;
  FixedDraws draws;
  AlliancePath path;
  draw_alliance_path(b, 2024, 12, draws, path);
  EXPECT_FALSE(path.us_pressure[0]);  // 2024
  for (int y = 1; y <= 4; ++y) EXPECT_TRUE(path.us_pressure[y]);
  b.us_pressure_term_prob = 0.0;
  draw_alliance_path(b, 2024, 12, draws, path);
  for (int y = 5; y < 12; ++y) EXPECT_FALSE(path.us_pressure[y]);  // terms 2029, 2033
  EXPECT_EQ(us_term_start(2035), 2033);
  EXPECT_EQ(us_term_start(2016), 2013);
}

// --- statistical (Philox draws) ---

TEST(ModelV2Statistics, RegimeOccupancyMatchesTheStationaryLaw) {
  BehaviourParams b;
  // Stationary law of the default matrix by power iteration.
  double pi[3] = {1.0, 0.0, 0.0};
  for (int k = 0; k < 5000; ++k) {
    double next[3] = {0, 0, 0};
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) next[j] += pi[i] * b.transition[i][j];
    }
    std::copy(next, next + 3, pi);
  }
  // Occupancy over years 20..63 of 4,000 trials from the elevated state; the chain mixes in
  // ~20 years (second eigenvalue ~0.85). Tolerance: 5 standard errors of a proportion with an
  // effective sample inflated 10x for autocorrelation.
  const int trials = 4000;
  long count[3] = {0, 0, 0};
  long n = 0;
  for (int t = 0; t < trials; ++t) {
    PhiloxDraws draws(7, t);
    AlliancePath path;
    draw_alliance_path(b, 2025, MAX_YEARS, draws, path);
    for (int y = 20; y < MAX_YEARS; ++y, ++n) ++count[static_cast<int>(path.regime[y])];
  }
  for (int j = 0; j < 3; ++j) {
    const double p = static_cast<double>(count[j]) / static_cast<double>(n);
    const double se = std::sqrt(pi[j] * (1 - pi[j]) / (static_cast<double>(n) / 10.0));
    EXPECT_NEAR(p, pi[j], 5 * se) << "regime " << j;
  }
}

TEST(ModelV2Statistics, ParameterRowsAreDrawnUniformly) {
  BehaviourParams b;
  b.draws.resize(5);
  const int trials = 50000;
  long count[5] = {0, 0, 0, 0, 0};
  for (int t = 0; t < trials; ++t) {
    PhiloxDraws draws(11, t);
    AlliancePath path;
    draw_alliance_path(b, 2025, 2, draws, path);
    ++count[path.param_row];
  }
  double chi2 = 0.0;
  const double expected = trials / 5.0;
  for (long c : count) {
    chi2 += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
  }
  EXPECT_LT(chi2, 18.47);  // chi-squared, 4 dof, p = 0.001
}

TEST(ModelV2Statistics, PolarStudentTHasUnitVarianceAndTheT4Tails) {
  // 200,000 variates (one slot each). Exact values: 2 P(t4 > x sqrt 2) for x = 1 and 2.5 is
  // 0.230200 and 0.024110 (scipy.stats.t.sf); tolerances 5 binomial standard errors. The
  // sample variance of a t4 has infinite variance itself, so it is checked loosely (+-5%).
  const int n = 200000;
  long above1 = 0, above25 = 0;
  double sum2 = 0.0;
  for (int i = 0; i < n; ++i) {
    PhiloxDraws draws(5, i);
    auto slot = draws.slot(0, 2030, Stream::adjustment);
    const double t = unit_student_t_polar(slot, 4);
    sum2 += t * t;
    above1 += std::abs(t) > 1.0;
    above25 += std::abs(t) > 2.5;
  }
  const auto se = [&](double p) { return std::sqrt(p * (1 - p) / n); };
  EXPECT_NEAR(static_cast<double>(above1) / n, 0.230200, 5 * se(0.2302));
  EXPECT_NEAR(static_cast<double>(above25) / n, 0.024110, 5 * se(0.02411));
  EXPECT_NEAR(sum2 / n, 1.0, 0.05);
}

// A member held at a constant share (fundamentals = plan = start share, no noise).
ModelParams held_member(double share, double hazard_logit) {
  ModelParams model = quiet_model_v2();
  model.members.resize(1);
  MemberParams& m = model.members[0];
  m.core_share_start_pct = m.baseline_pct = share;
  m.regime_response = false;
  m.spending.core_plan = {{2025, share}};
  model.targets.core_pct = 3.5;
  ParameterDraw& d = model.behaviour.draws[0];
  d.kappa_0 = 0.0;
  d.compliance_0 = hazard_logit;
  d.compliance_deadline = d.compliance_review = d.compliance_us = 0.0;
  d.compliance_reach_pp = 0.8;
  return model;
}

double first_decision_jump_rate(const ModelParams& model, int trials) {
  const PreparedModel prepared(model);
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  long jumps = 0;
  for (int t = 0; t < trials; ++t) {
    PhiloxDraws draws(3, t);
    simulate_trial(prepared, draws, out);
    jumps += out.reclassified[1];
    if (out.reclassified[1]) {
      EXPECT_GE(out.core_share_pct[1], 3.5);
      EXPECT_LT(out.core_share_pct[1], 3.6);
    }
  }
  return static_cast<double>(jumps) / trials;
}

TEST(ModelV2Statistics, ComplianceJumpsOccurAtTheHazardInsideTheReachBand) {
  const int trials = 20000;
  const double q = 0.3;
  const double rate = first_decision_jump_rate(held_member(3.0, std::log(q / (1 - q))), trials);
  EXPECT_NEAR(rate, q, 4 * std::sqrt(q * (1 - q) / trials));  // 4 standard errors
}

TEST(ModelV2Statistics, NoComplianceJumpOutsideTheReachBand) {
  EXPECT_EQ(first_decision_jump_rate(held_member(2.6, 40.0), 2000), 0.0);  // 0.9 pp below
}

TEST(ModelV2Statistics, OneOffsComeWithTheirProbabilityAndMeanSize) {
  // A held member without noise or jumps: the first decided year's share is the start share
  // plus that year's one-off (growth is deterministic, so realised = decided).
  ModelParams model = held_member(2.0, -40.0);
  ParameterDraw& d = model.behaviour.draws[0];
  d.one_off_prob = 0.2;
  d.one_off_mean_pp = 0.5;
  const PreparedModel prepared(model);
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  const int trials = 20000;
  int payments = 0;
  double total_pp = 0.0;
  for (int t = 0; t < trials; ++t) {
    PhiloxDraws draws(11, static_cast<std::uint64_t>(t));
    simulate_trial(prepared, draws, out);
    const double one_off = out.core_share_pct[1] - 2.0;
    if (one_off > 1e-12) {
      ++payments;
      total_pp += one_off;
    } else {
      EXPECT_NEAR(one_off, 0.0, 1e-12);
    }
  }
  const double p = d.one_off_prob;
  EXPECT_NEAR(payments / double(trials), p, 4 * std::sqrt(p * (1 - p) / trials));  // 4 SE
  // Exponential sizes: sd = mean, so 4 SE of the mean is 4 m / sqrt(payments).
  EXPECT_NEAR(total_pp / payments, d.one_off_mean_pp, 4 * d.one_off_mean_pp / std::sqrt(payments));
}

// Golden values: one Philox trial of the noisy v2 model. Any change to a v2 random stream or
// equation changes them; update deliberately, in a commit of its own.
TEST(ModelV2Golden, OneTrialPinsTheStreams) {
  const ModelParams model = testing::noisy_model_v2();
  PhiloxDraws draws(20250625, 42);
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  simulate_trial(model, draws, out);
  const int years = model.year_count();
  EXPECT_EQ(out.param_row, 0u);
  EXPECT_EQ(out.regime[5], 1);
  EXPECT_EQ(out.regime[10], 1);
  EXPECT_EQ(out.first_year_core[0], 2027);
  EXPECT_EQ(out.first_year_core[1], 2027);
  EXPECT_EQ(out.first_year_core[2], NEVER);
  EXPECT_DOUBLE_EQ(out.core_share_pct[years - 1], 3.6270425879357426);
  EXPECT_DOUBLE_EQ(out.core_share_pct[2 * years - 1], 4.1060179622901254);
  EXPECT_DOUBLE_EQ(out.core_share_pct[3 * years - 1], 1.6873110175804864);
}

}  // namespace
}  // namespace rampup
