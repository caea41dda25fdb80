// Model v2's members in SIMD lanes (sim/engine/member_lanes.cpp): every instruction-set copy,
// and the dispatcher's choice, give the bytes of the one-member-at-a-time loop of
// models/trial_v2.h, for every field of every trial.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "models/trial.h"
#include "sim/engine/lanes.h"
#include "sim/engine/philox_draws.h"
#include "support/lane_copies.h"
#include "support/model_fixtures.h"

namespace rampup {
namespace {

// Eleven members (one padded group of 8 and a partial one): the noisy v2 model's three, copied
// with changes so that every branch of the year step is taken in some lane next to others:
// no armed forces, adopted budgets in different years, no regime response, elections in
// different years, plans adopted late, shares starting inside the compliance reach band.
ModelParams eleven_member_model() {
  ModelParams model = testing::noisy_model_v2();
  const std::vector<MemberParams> three = model.members;
  for (int k = 3; k < 11; ++k) {
    MemberParams m = three[static_cast<std::size_t>(k % 3)];
    m.iso3 = "M" + std::to_string(k);
    m.core_share_start_pct = 1.5 + 0.25 * k;  // 2.25 .. 4.0: some within the reach band
    m.debt_pct_gdp = 20.0 * k;
    m.proximity = 0.1 * (k % 10);
    m.election_years = {2025 + k % 4, 2030 + k % 3};
    m.spending.plan_adopted_year = 2024 + k % 5;
    m.regime_response = k % 4 != 0;
    if (k % 3 == 1) m.spending.adopted_budget = {{2026 + k % 3, 1.0 + 0.2 * k}};
    model.members.push_back(m);
  }
  model.members[5].has_armed_forces = false;  // kept for GDP only, as Iceland
  // Noise at every step; the acute regime reachable.
  for (ParameterDraw& d : model.behaviour.draws) {
    d.tau_member = 0.2;
    d.one_off_prob = 0.3;
    d.compliance_reach_pp = 1.5;
  }
  return model;
}

// The bytes of every per-trial field of a TrialOutcome.
std::string bytes_of(const TrialOutcome& t) {
  std::string s;
  const auto add = [&s](const auto& v) {
    s.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
  };
  add(t.core_share_pct), add(t.total_share_pct), add(t.core_spending_usd_bn), add(t.gdp_usd_bn);
  add(t.will), add(t.growth_pct), add(t.government_change), add(t.reclassified);
  add(t.at_core_target), add(t.at_total_target), add(t.first_year_core), add(t.first_year_total);
  add(t.holds_core), add(t.on_track_review), add(t.first_by_jump);
  add(t.alliance_spending_usd_bn), add(t.alliance_share_pct), add(t.us_share_pct);
  add(t.members_at_core_target), add(t.members_at_total_target), add(t.alliance_at_core_target);
  return s;
}

std::vector<std::string> run(const ModelParams& model, MemberLoop loop, int trials) {
  const PreparedModel prepared(model, loop);
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  std::vector<std::string> result;
  for (int t = 0; t < trials; ++t) {
    PhiloxDraws draws(2035, static_cast<std::uint64_t>(t));
    simulate_trial(prepared, draws, out);
    result.push_back(bytes_of(out));
  }
  return result;
}

TEST(MemberLanes, EveryCopyGivesTheBytesOfTheScalarLoop) {
  const ModelParams model = eleven_member_model();
  const int trials = 400;
  const std::vector<std::string> scalar = run(model, nullptr, trials);
  const std::vector<MemberLoop> copies =
      RAMPUP_RUNNABLE_COPIES(MemberLoop, simulate_member_lanes_v2);
  for (std::size_t c = 0; c < copies.size(); ++c) {
    const std::vector<std::string> lanes = run(model, copies[c], trials);
    for (int t = 0; t < trials; ++t) {
      ASSERT_EQ(lanes[t], scalar[t]) << "copy " << c << ", trial " << t;
    }
  }
}

// The model above does reach the branches the comparison is meant to cover.
TEST(MemberLanes, TheComparisonCoversEveryBranch) {
  const ModelParams model = eleven_member_model();
  const PreparedModel prepared(model, simulate_member_lanes_v2);
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  MemberYearVariates v;
  v.resize(model.member_count(), model.year_count());
  int jumps = 0, changes = 0, acute = 0, payments = 0, groups_without_payment = 0;
  const double p = model.behaviour.draws[0].one_off_prob;  // the same in every row
  for (int t = 0; t < 400; ++t) {
    PhiloxDraws draws(2035, static_cast<std::uint64_t>(t));
    simulate_trial(prepared, draws, out, v);
    for (unsigned char j : out.reclassified) jumps += j;
    for (unsigned char g : out.government_change) changes += g;
    for (unsigned char r : out.regime) acute += r == 2;
    for (int y = 1; y < out.years; ++y) EXPECT_EQ(out.core_share_pct[5 * out.years + y], 0.0);
    for (int y = 1; y < out.years; ++y) {
      for (int first = 0; first < v.members; first += MEMBER_LANES) {
        bool paid = false;  // by a member of this group of lanes
        for (int m = first; m < std::min(first + MEMBER_LANES, v.members); ++m) {
          if (v.one_off_u[v.index(m, y)] < p) paid = true, ++payments;
        }
        groups_without_payment += !paid;
      }
    }
  }
  EXPECT_GT(jumps, 100);
  EXPECT_GT(changes, 100);
  EXPECT_GT(acute, 10);
  EXPECT_GT(payments, 100);
  EXPECT_GT(groups_without_payment, 100);  // the step's path without one-offs, too
  int budget_years = 0;
  for (double b : prepared.columns.adopted_budget_pct) budget_years += !std::isnan(b);
  EXPECT_GT(budget_years, 3);
}

}  // namespace
}  // namespace rampup
