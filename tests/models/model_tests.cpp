// Exact tests of the model mechanisms: where the maths is exact, so are the expectations.
#include <gtest/gtest.h>

#include <cmath>

#include "models/growth.h"
#include "models/outcomes.h"
#include "models/plan.h"
#include "models/spending.h"
#include "models/trial.h"
#include "models/will.h"
#include "sim/engine/philox_draws.h"
#include "support/model_fixtures.h"

namespace rampup {
namespace {

using testing::FixedDraws;
using testing::quiet_model;

TEST(Plan, InterpolatesLinearlyAndIsFlatOutside) {
  const std::vector<PlanPoint> plan{{2025, 2.0}, {2029, 3.0}, {2035, 3.6}};
  EXPECT_DOUBLE_EQ(planned_share_pct(plan, 2020), 2.0);
  EXPECT_DOUBLE_EQ(planned_share_pct(plan, 2025), 2.0);
  EXPECT_DOUBLE_EQ(planned_share_pct(plan, 2027), 2.5);
  EXPECT_DOUBLE_EQ(planned_share_pct(plan, 2029), 3.0);
  EXPECT_DOUBLE_EQ(planned_share_pct(plan, 2032), 3.3);
  EXPECT_DOUBLE_EQ(planned_share_pct(plan, 2040), 3.6);
}

TEST(ZeroVolatility, EveryMemberFollowsItsPlannedPath) {
  const ModelParams model = quiet_model();
  FixedDraws draws;
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  simulate_trial(model, draws, out);
  for (int m = 0; m < model.member_count(); ++m) {
    for (int y = 0; y < model.year_count(); ++y) {
      const double plan = planned_share_pct(model.members[m].spending.core_plan, 2025 + y);
      EXPECT_NEAR(out.core_share_pct[m * model.year_count() + y], plan, 1e-12)
          << model.members[m].iso3 << " " << 2025 + y;
    }
  }
  // Germany reaches 3.5 in 2029 (its plan) and holds it; the US never does.
  EXPECT_EQ(out.first_year_core[0], 2029);
  EXPECT_TRUE(out.holds_core[0]);
  EXPECT_EQ(out.first_year_core[1], NEVER);
}

TEST(ZeroVolatility, GdpGrowsAlongTheAr1Forecast) {
  const ModelParams model = quiet_model();
  FixedDraws draws;
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  simulate_trial(model, draws, out);
  // mu = 2, phi = 0.5, last growth 3: growth 2.5, 2.25, 2.125, ...
  double gdp = 4000.0, state = 3.0;
  for (int y = 0; y < model.year_count(); ++y) {
    state = 2.0 + 0.5 * (state - 2.0);
    gdp *= 1.0 + state / 100.0;
    EXPECT_DOUBLE_EQ(out.growth_pct[y], state);
    EXPECT_DOUBLE_EQ(out.gdp_usd_bn[y], gdp);
  }
}

TEST(Spending, DenominatorEffectMatchesHandArithmetic) {
  // Budget set on expected GDP 1000 * 1.02 = 1020 at 2.5 %: 25.5 bn. GDP turns out
  // 1000 * 0.99 = 990, so the realised share is 25.5 / 990 = 2.5757... %.
  const double decided = decide_share_pct(2.2, 2.5, 1.0, 0.3, 0.2);
  EXPECT_DOUBLE_EQ(decided, 2.5);
  EXPECT_NEAR(realised_share_pct(decided, 1020.0, 990.0), 100.0 * 25.5 / 990.0, 1e-13);

  // The same through a whole trial: one member, negative growth shock in the first decided year.
  ModelParams model = quiet_model();
  model.members.resize(1);
  model.members[0].growth.sd_pct = 1.0;
  model.members[0].growth.persistence = 0.0;
  model.members[0].growth.common_loading = 0.0;
  model.members[0].growth.last_growth_pct = 2.0;
  FixedDraws draws{-1.0, 0.5};  // every shock -1 sd: growth 1 % instead of the expected 2 %
  TrialOutcome out;
  out.resize(1, model.year_count());
  simulate_trial(model, draws, out);
  // Year 2026: decided 2.4 + 0.275 = 2.675 % of expected GDP Y25 * 1.02; realised GDP Y25 * 1.01.
  EXPECT_NEAR(out.core_share_pct[1], 2.675 * 1.02 / 1.01, 1e-12);
  EXPECT_NEAR(out.core_spending_usd_bn[1], 2.675 / 100.0 * out.gdp_usd_bn[0] * 1.02, 1e-9);
}

TEST(Spending, AbsorptionCapIsNeverExceeded) {
  for (double prev = 0.0; prev < 6.0; prev += 0.37) {
    for (double plan = 0.0; plan < 8.0; plan += 0.41) {
      for (double exec = -1.0; exec <= 1.0; exec += 0.25) {
        const double d = decide_share_pct(prev, plan, exec, 0.3, 0.2);
        EXPECT_LE(d - prev, 0.3 + 1e-15);
        EXPECT_GE(d - prev, -0.2 - 1e-15);
        EXPECT_GE(d, 0.0);
      }
    }
  }
}

TEST(Spending, ExecutionFollowsWill) {
  EXPECT_DOUBLE_EQ(plan_execution(0.9, 0.5, 0.3), 1.0);
  EXPECT_DOUBLE_EQ(plan_execution(0.4, 0.5, 0.3), 0.5);
  EXPECT_DOUBLE_EQ(plan_execution(0.3, 0.5, 0.3), 0.0);
  EXPECT_DOUBLE_EQ(plan_execution(0.0, 0.5, 0.3), -1.0);
  // Collapsed will cuts by execution * max cut, whatever the plan says.
  EXPECT_DOUBLE_EQ(decide_share_pct(2.0, 3.5, -0.5, 0.3, 0.2), 1.9);
}

TEST(Will, StaysInsideZeroOneUnderExtremeShocks) {
  ModelParams model = quiet_model();
  for (auto& m : model.members) m.will.volatility = 5.0;
  for (double z : {-1e6, -30.0, 30.0, 1e6}) {
    FixedDraws draws{z, 0.5};
    TrialOutcome out;
    out.resize(model.member_count(), model.year_count());
    simulate_trial(model, draws, out);
    for (double w : out.will) {
      EXPECT_GT(w, 0.0);
      EXPECT_LT(w, 1.0);
    }
  }
}

TEST(Will, StepMatchesEquation) {
  WillParams p;
  p.baseline = 0.5;  // logit 0
  p.reversion = 0.25;
  p.volatility = 0.4;
  p.threat_exposure = 0.5;
  p.debt_stress = 0.2;
  p.recession_stress = 0.3;
  p.election_jump_sd = 0.8;
  WillInputs in{1.0, 0.6, true, true, -1.5};
  // 2 + 0.25 (0 - 2) + 0.4 + 0.5 * 0.6 - 0.2 * 0.4 - 0.3 + 0.8 * (-1.5)
  EXPECT_DOUBLE_EQ(step_will_logit(p, logit(p.baseline), 0.4, 2.0, in),
                   2.0 - 0.5 + 0.4 + 0.3 - 0.08 - 0.3 - 1.2);
}

TEST(Outcomes, OnTrackIsTheLinearPathAtTheReview) {
  Targets t;  // 3.5 by 2035, review 2029
  EXPECT_DOUBLE_EQ(review_fraction(t, 2025), 0.4);
  EXPECT_DOUBLE_EQ(on_track_threshold_pct(t, review_fraction(t, 2025), 2.5), 2.9);
  EXPECT_DOUBLE_EQ(on_track_threshold_pct(t, review_fraction(t, 2025), 4.0), 3.5);
}

TEST(Outcomes, FirstYearAndHoldingFollowEachYearsCoreShare) {
  // One member per pattern of years at the targets (core 3.5, total 5).
  const std::vector<std::string> patterns = {"...........", "X..........", "...XXXXXXXX",
                                             "..........X", "XXXXXXXXXXX", "..XX.XXXXXX",
                                             "XXXXXXXXXX."};
  ModelParams model = quiet_model();
  model.members.resize(patterns.size(), model.members[0]);
  const int years = model.year_count();
  ASSERT_EQ(years, 11);
  TrialOutcome out;
  out.resize(model.member_count(), years);
  for (std::size_t m = 0; m < patterns.size(); ++m) {
    for (int y = 0; y < years; ++y) {
      const double core = patterns[m][y] == 'X' ? 3.6 : 3.4;
      out.core_share_pct[m * years + y] = core;
      out.total_share_pct[m * years + y] = core + 1.5;
    }
  }
  compute_outcomes(model, out);
  const std::vector<int> first = {NEVER, 2025, 2028, 2035, 2025, 2027, 2025};
  const std::vector<unsigned char> holds = {0, 0, 1, 1, 1, 0, 0};
  for (std::size_t m = 0; m < patterns.size(); ++m) {
    EXPECT_EQ(out.first_year_core[m], first[m]) << patterns[m];
    EXPECT_EQ(out.first_year_total[m], first[m]) << patterns[m];
    EXPECT_EQ(out.holds_core[m], holds[m]) << patterns[m];
    for (int y = 0; y < years; ++y) {
      EXPECT_EQ(out.at_core_target[m * years + y], patterns[m][y] == 'X') << patterns[m];
    }
  }
}

TEST(Outcomes, AllianceLinesExcludeMembersWithoutArmedForces) {
  ModelParams model = quiet_model();
  MemberParams isl = model.members[2];
  isl.iso3 = "ISL";
  isl.has_armed_forces = false;
  isl.core_share_start_pct = 0.0;
  model.members.push_back(isl);
  FixedDraws draws;
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  simulate_trial(model, draws, out);
  const int years = model.year_count();
  for (int y = 0; y < years; ++y) {
    double spending = 0.0, gdp = 0.0;
    for (int m = 0; m < 3; ++m) {
      spending += out.core_spending_usd_bn[m * years + y];
      gdp += out.gdp_usd_bn[m * years + y];
    }
    EXPECT_DOUBLE_EQ(out.alliance_spending_usd_bn[y], spending);
    EXPECT_DOUBLE_EQ(out.alliance_share_pct[y], 100.0 * spending / gdp);
    EXPECT_DOUBLE_EQ(out.us_share_pct[y], 100.0 * out.core_spending_usd_bn[years + y] / spending);
  }
  EXPECT_EQ(out.first_year_core[3], NEVER);
  EXPECT_EQ(out.members_at_core_target.back(), 1);  // Germany only
}

TEST(CommonRandomNumbers, SpendingPolicyLeavesGrowthDrawsUnchanged) {
  ModelParams a = quiet_model();
  for (auto& m : a.members) {
    m.growth.sd_pct = 2.0;
    m.will.volatility = 0.5;
    m.will.election_change_prob = 0.4;
    m.election_years = {2027, 2031};
  }
  a.shocks = ShockParams{};
  ModelParams b = a;
  for (auto& m : b.members) {
    m.spending.max_rise_pp_per_year = 1.0;
    m.spending.core_plan = {{2025, 2.0}, {2030, 5.0}};
    m.spending.will_full = 0.8;
  }
  TrialOutcome oa, ob;
  oa.resize(a.member_count(), a.year_count());
  ob.resize(b.member_count(), b.year_count());
  for (std::uint64_t trial = 0; trial < 50; ++trial) {
    PhiloxDraws da(7, trial), db(7, trial);
    simulate_trial(a, da, oa);
    simulate_trial(b, db, ob);
    EXPECT_EQ(oa.growth_pct, ob.growth_pct);
    EXPECT_EQ(oa.gdp_usd_bn, ob.gdp_usd_bn);
    EXPECT_EQ(oa.will, ob.will);
    EXPECT_NE(oa.core_share_pct, ob.core_share_pct);
  }
}

}  // namespace
}  // namespace rampup

namespace rampup {
namespace {

TEST(Growth, AnExtremeTailDrawCannotMakeGdpNonPositive) {
  ModelParams model = testing::quiet_model();
  model.members.resize(1);
  model.members[0].growth.sd_pct = 5.0;
  testing::FixedDraws draws{-1e6, 0.5};  // an absurd shock in every year
  TrialOutcome out;
  out.resize(1, model.year_count());
  simulate_trial(model, draws, out);
  for (int y = 0; y < model.year_count(); ++y) {
    EXPECT_EQ(out.growth_pct[y], MIN_GROWTH_PCT);
    EXPECT_GT(out.gdp_usd_bn[y], 0.0);
    EXPECT_TRUE(std::isfinite(out.core_share_pct[y]));
  }
}

}  // namespace
}  // namespace rampup
