// One trial of model v2 (docs/MODEL.md v2): the alliance path (regime, US pressure, parameter
// row), then each member's growth (as v1, §1) and core share by the error-correction step with
// credibility-weighted plans, adopted budgets, one-offs and compliance jumps, then the outcomes.
// Pure: parameters and draws in, numbers out.
#pragma once

#include <algorithm>
#include <cmath>

#include "models/adjust.h"
#include "models/alliance_year.h"
#include "models/desired.h"
#include "models/distributions.h"
#include "models/draws.h"
#include "models/elementwise.h"
#include "models/growth.h"
#include "models/member_year_variates.h"
#include "models/outcomes.h"
#include "models/params.h"
#include "models/prepared_model.h"
#include "models/regime.h"
#include "models/spending.h"
#include "models/trial_outcome.h"

namespace rampup {

// The member-year variates from a Draws' slots, one variate at a time: growth by
// unit_student_t, adjustment by Bailey's polar method, the election uniform of each year, one
// compliance slot and one one-off slot per member serving the years in order, and the member
// effect's normal. For Draws without a member_year_variates of their own (the tests' fixed
// draws).
template <class Draws>
void member_year_variates_from_slots(Draws& draws, const MemberYearShape& shape,
                                     MemberYearVariates& v) {
  for (int mi = 0; mi < v.members; ++mi) {
    auto compliance = draws.slot(mi, shape.start_year, Stream::compliance);
    auto one_off = draws.slot(mi, shape.start_year, Stream::one_off);
    v.member_normal[mi] = draws.slot(mi, shape.start_year, Stream::member_effect).normal();
    for (int y = 0; y < v.years; ++y) {
      const int year = shape.start_year + y;
      const std::size_t i = v.index(mi, y);
      auto growth = draws.slot(mi, year, Stream::growth);
      v.growth_shock[i] = unit_student_t(growth, shape.growth_dof);
      if (y > 0) {
        auto adjustment = draws.slot(mi, year, Stream::adjustment);
        v.adjustment_noise[i] = unit_student_t_polar(adjustment, shape.noise_dof);
        v.election_u[i] = draws.slot(mi, year, Stream::election).uniform();
        v.one_off_u[i] = one_off.uniform();
        v.one_off_size_u[i] = one_off.uniform();
      }
      v.compliance_u[i] = compliance.uniform();
    }
  }
}

// What a v2 trial's members share: the alliance years, the path and the yearly compliance
// hazard (which depends on the year and US pressure only).
struct TrialAlliance {
  AllianceYear years[MAX_YEARS];
  AlliancePath path;
  double compliance_q[MAX_YEARS];
};

// Members first_member .. first_member + lane_count<T> - 1 of one trial, one per lane (T = double:
// one member). Every rule is written once for both; a lane gives the bits of the scalar code.
template <class T>
[[gnu::always_inline]] inline void simulate_members_v2(const PreparedModel& prepared,
                                                       int first_member, const TrialAlliance& trial,
                                                       const MemberYearVariates& v,
                                                       TrialOutcome& out) {
  using Mask = decltype(T{} < T{});
  const ModelParams& model = prepared.params;
  const MemberColumns& c = prepared.columns;
  const ParameterDraw& d = model.behaviour.draws[trial.path.param_row];
  const Targets& targets = model.targets;
  const int years = model.year_count();
  // Always inlined, as everything this function calls: the lanes' copies (one per instruction
  // set) must not share an out-of-line function (sim/engine/member_lanes.cpp).
  const auto member = [&](const std::vector<double>& column) __attribute__((always_inline)) {
    return load_lanes<T>(column.data() + first_member);
  };
  const auto member_year =
      [](const std::vector<double>& column, std::size_t i) __attribute__((always_inline)) {
    return load_lanes<T>(column.data() + i);
  };
  const GrowthTerms<T> growth{member(c.growth.mean_pct),
                              member(c.growth.persistence),
                              member(c.growth.recession_depth_pct),
                              member(c.growth.innovation_sd),
                              member(c.growth.common_weight),
                              member(c.growth.member_weight)};
  const Mask armed = member(c.armed) != T{};
  const Mask regime_response = member(c.regime_response) != T{};
  const T baseline_pct = member(c.baseline_pct), proximity = member(c.proximity);
  const T phi = member(c.fiscal_stress), election_change_prob = member(c.election_change_prob);
  const T max_rise_pp = member(c.max_rise_pp), max_cut_pp = member(c.max_cut_pp);
  const T related_max_rise_pp = member(c.related_max_rise_pp);
  const T member_effect_pp = d.tau_member * member(v.member_normal);

  // GDP and credibility first: their years do not wait on the shares, so the exponentials of
  // several years are in flight at once.
  T expected_gdp[MAX_YEARS], gdp[MAX_YEARS], realised_pct[MAX_YEARS], kappa[MAX_YEARS];
  Mask changed[MAX_YEARS];  // an election changed the government
  T growth_state = member(c.last_growth_pct);
  T gdp_previous = member(c.gdp_base_usd_bn);
  Mask government_changed = Mask{};  // G_it
  for (int y = 0; y < years; ++y) {
    const std::size_t i = v.index(first_member, y);
    const AllianceYear& a = trial.years[y];
    const GrowthStepOf<T> g = step_growth(growth, growth_state, a.common_shock,
                                          member_year(v.growth_shock, i), a.recession);
    growth_state = g.state_pct;
    realised_pct[y] = g.realised_pct;
    expected_gdp[y] = gdp_previous * (1.0 + g.forecast_pct / 100.0);
    gdp[y] = gdp_previous * (1.0 + g.realised_pct / 100.0);
    gdp_previous = gdp[y];
    changed[y] = Mask{};
    kappa[y] = T{};  // 0 in the start year
    if (y > 0) {
      const int year = model.start_year + y;
      changed[y] = (member_year(c.election, i) != T{}) &
                   (member_year(v.election_u, i) < election_change_prob);
      government_changed =
          government_changed | (changed[y] & (member_year(c.after_adoption, i) != T{}));
      kappa[y] = logistic(credibility_logit(d, member_year(c.lead_years_minus_one, i), phi,
                                            trial.path.us_pressure[y],
                                            year >= targets.target_year - 1, government_changed));
    }
  }

  T core = member(c.core_start_pct);
  T related = member(c.related_start_pct);
  T previous_one_off_pp = T{};  // o_{i,t-1}; 0 after an adopted-budget year
  for (int y = 0; y < years; ++y) {
    const std::size_t i = v.index(first_member, y);
    Mask jumped = Mask{};  // a compliance jump
    if (y > 0) {
      const Regime regime = trial.path.regime[y];
      const T noise = member_year(v.adjustment_noise, i);
      const T one_off_pp =
          one_off_payment_pp(d, member_year(v.one_off_u, i), member_year(v.one_off_size_u, i));
      // An adopted budget sets the year's level: nothing to reverse next year.
      const T budget = member_year(c.adopted_budget_pct, i);
      const Mask has_budget = budget == budget;
      const T budget_core = maximum(T{}, budget + d.budget_execution_sd * noise);
      const T fundamentals = fundamentals_pct(d, baseline_pct, proximity, phi, member_effect_pp,
                                              regime_response, regime);
      const T planned = planned_step_pct(core, fundamentals, d.lambda(regime), kappa[y],
                                         member_year(c.core_plan_pct, i));
      const T reversed = d.one_off_reversal * previous_one_off_pp;
      const T stepped = noisy_step_pct(core, planned, d.sigma(regime) * noise, one_off_pp, reversed,
                                       max_rise_pp, max_cut_pp);
      // Without armed forces (Iceland) the member is kept for GDP only.
      const T core_decided = select(armed, select(has_budget, budget_core, stepped), T{});
      previous_one_off_pp = select(armed & has_budget, T{}, one_off_pp);
      const T related_decided = decide_share_pct(related, member_year(c.related_plan_pct, i),
                                                 kappa[y], related_max_rise_pp, max_cut_pp);
      core = realised_share_pct(core_decided, expected_gdp[y], gdp[y]);
      related = realised_share_pct(related_decided, expected_gdp[y], gdp[y]);

      // Compliance is decided on the share as reported, after GDP is known.
      // Given u < q, u / q is uniform on (0, 1): it places the landing point.
      const T u = member_year(v.compliance_u, i);
      const double q = trial.compliance_q[y];
      jumped = armed & in_reach_band(d, core, targets.core_pct) & (u < q);
      core = select(jumped, targets.core_pct + 0.1 * (u / q), core);
    }
    const T total = counted_total_pct(core, related, targets.related_cap_pct);
    const T spending = spending_usd_bn(core, gdp[y]);
    for (int l = 0; l < lane_count<T> && first_member + l < v.members; ++l) {
      out.store_values(static_cast<std::size_t>(first_member + l) * years + y,
                       {lane_of(core, l), lane_of(total, l), lane_of(spending, l),
                        lane_of(gdp[y], l), lane_of(kappa[y], l), lane_of(realised_pct[y], l),
                        lane_of(changed[y], l) != 0, lane_of(jumped, l) != 0});
    }
  }
}

// Every member of one v2 trial, lane_count<T> at a time, then the trial's outcomes: what a
// MemberLoop does (models/prepared_model.h). The engine compiles it once per instruction set
// (sim/engine/member_lanes.cpp), where compute_outcomes' compare loop vectorises too.
template <class T>
[[gnu::always_inline]] inline void simulate_all_members_v2(const PreparedModel& prepared,
                                                           const TrialAlliance& trial,
                                                           const MemberYearVariates& v,
                                                           TrialOutcome& out) {
  for (int m = 0; m < prepared.params.member_count(); m += lane_count<T>) {
    simulate_members_v2<T>(prepared, m, trial, v, out);
  }
  compute_outcomes(prepared.params, out);
}

// `variates` is scratch, sized by its resize(members, years): one per thread serves every trial.
template <class Draws>
void simulate_trial_v2(const PreparedModel& prepared, Draws& draws, TrialOutcome& out,
                       MemberYearVariates& variates) {
  const ModelParams& model = prepared.params;
  const int years = model.year_count();
  TrialAlliance trial;
  draw_alliance_path(model.behaviour, model.start_year, years, draws, trial.path);
  for (int y = 0; y < years; ++y) {
    trial.years[y] = draw_alliance_year(model.shocks, draws, model.start_year + y, false);
    out.recession[y] = trial.years[y].recession;
    out.threat_logit[y] = 0.0;
    out.regime[y] = static_cast<unsigned char>(trial.path.regime[y]);
  }
  out.param_row = static_cast<std::uint32_t>(trial.path.param_row);
  const ParameterDraw& d = model.behaviour.draws[trial.path.param_row];
  for (int y = 0; y < years; ++y) {
    const int year = model.start_year + y;
    trial.compliance_q[y] =
        compliance_hazard(d, year >= model.targets.target_year - 1,
                          year == model.targets.review_year, trial.path.us_pressure[y]);
  }
  const MemberYearShape shape{model.start_year, model.shocks.growth_tail_dof,
                              static_cast<int>(d.noise_dof)};
  if constexpr (requires { draws.member_year_variates(shape, variates); }) {
    draws.member_year_variates(shape, variates);  // many member-years at a time
  } else {
    member_year_variates_from_slots(draws, shape, variates);
  }
  if (prepared.v2_member_loop != nullptr) {
    prepared.v2_member_loop(prepared, trial, variates, out);  // many members at a time
  } else {
    simulate_all_members_v2<double>(prepared, trial, variates, out);
  }
}

}  // namespace rampup
