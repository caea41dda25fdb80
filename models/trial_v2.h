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
// unit_student_t, adjustment by Bailey's polar method, the election uniform of each year, and
// one compliance slot per member serving the years in order. For Draws without a
// member_year_variates of their own (the tests' fixed draws).
template <class Draws>
void member_year_variates_from_slots(Draws& draws, const MemberYearShape& shape,
                                     MemberYearVariates& v) {
  for (int mi = 0; mi < v.members; ++mi) {
    auto compliance = draws.slot(mi, shape.start_year, Stream::compliance);
    for (int y = 0; y < v.years; ++y) {
      const int year = shape.start_year + y;
      const std::size_t i = static_cast<std::size_t>(mi) * v.years + y;
      auto growth = draws.slot(mi, year, Stream::growth);
      v.growth_shock[i] = unit_student_t(growth, shape.growth_dof);
      if (y > 0) {
        auto adjustment = draws.slot(mi, year, Stream::adjustment);
        v.adjustment_noise[i] = unit_student_t_polar(adjustment, shape.noise_dof);
        v.election_u[i] = draws.slot(mi, year, Stream::election).uniform();
      }
      v.compliance_u[i] = compliance.uniform();
    }
  }
}

template <class Draws>
[[gnu::flatten]] void simulate_member_v2(const PreparedModel& prepared, int mi,
                                         const AllianceYear* alliance, const AlliancePath& path,
                                         const double* compliance_q, Draws& draws,
                                         TrialOutcome& out) {
  const ModelParams& model = prepared.params;
  const MemberParams& m = model.members[mi];
  const PreparedMember& pm = prepared.members[mi];
  const SpendingParams& sp = m.spending;
  const ParameterDraw& d = model.behaviour.draws[path.param_row];
  const Targets& targets = model.targets;
  const int years = model.year_count();
  const std::size_t base = static_cast<std::size_t>(mi) * years;
  const int adopted_year = sp.plan_adopted_year > 0 ? sp.plan_adopted_year : model.start_year;

  const double member_effect_pp =
      d.tau_member > 0.0
          ? d.tau_member * draws.slot(mi, model.start_year, Stream::member_effect).normal()
          : 0.0;
  double one_off_pp[MAX_YEARS];
  draw_one_offs(d, draws.slot(mi, model.start_year, Stream::one_off), years, one_off_pp);
  const MemberYearVariates& v = out.variates;
  const double* member_shock = &v.growth_shock[base];
  const double* noise = &v.adjustment_noise[base];
  const double* compliance_u = &v.compliance_u[base];
  bool changed[MAX_YEARS];  // an election changed the government
  for (int y = 0; y < years; ++y) {
    changed[y] = y > 0 && pm.election[y] && v.election_u[base + y] < m.will.election_change_prob;
  }

  // GDP path: realised growth, expected and realised GDP.
  double realised_pct[MAX_YEARS], expected_gdp[MAX_YEARS], gdp[MAX_YEARS];
  double growth_state = m.growth.last_growth_pct;
  double gdp_prev = m.gdp_base_usd_bn;
  for (int y = 0; y < years; ++y) {
    const AllianceYear& a = alliance[y];
    const GrowthStep g = step_growth(m.growth, pm.growth, growth_state, a.common_shock,
                                     member_shock[y], a.recession);
    growth_state = g.state_pct;
    realised_pct[y] = g.realised_pct;
    expected_gdp[y] = gdp_prev * (1.0 + g.forecast_pct / 100.0);
    gdp[y] = gdp_prev * (1.0 + g.realised_pct / 100.0);
    gdp_prev = gdp[y];
  }

  // Plan credibility (0 in the start year).
  double kappa[MAX_YEARS];
  kappa[0] = 0.0;
  bool government_changed = false;
  for (int y = 1; y < years; ++y) {
    const int year = model.start_year + y;
    government_changed = government_changed || (changed[y] && year > adopted_year);
    CredibilityInputs ci;
    ci.lead_years = std::max(1, year - adopted_year);
    ci.phi = pm.fiscal_stress;
    ci.us_pressure = path.us_pressure[y];
    ci.near_deadline = year >= targets.target_year - 1;
    ci.government_changed = government_changed;
    kappa[y] = credibility(d, ci);
  }

  double core = m.core_share_start_pct;
  double related = m.related_share_start_pct;
  for (int y = 0; y < years; ++y) {
    bool jumped = false;
    if (y > 0) {
      const Regime regime = path.regime[y];
      double core_decided;
      const double budget = pm.adopted_budget_pct[y];
      if (!m.has_armed_forces) {
        core_decided = 0.0;  // kept for GDP only (Iceland)
      } else if (!std::isnan(budget)) {
        core_decided = std::max(0.0, budget + d.budget_execution_sd * noise[y]);
        one_off_pp[y] = 0.0;  // the budget law is the year's level: nothing to reverse next year
      } else {
        const double fundamentals =
            fundamentals_pct(d, m, pm.fiscal_stress, member_effect_pp, regime);
        const double planned =
            planned_step_pct(core, fundamentals, d.lambda(regime), kappa[y], pm.core_plan_pct[y]);
        const double reversed = d.one_off_reversal * one_off_pp[y - 1];
        core_decided = noisy_step_pct(core, planned, d.sigma(regime) * noise[y], one_off_pp[y],
                                      reversed, sp.max_rise_pp_per_year, sp.max_cut_pp_per_year);
      }
      const double related_decided =
          decide_share_pct(related, pm.related_plan_pct[y], kappa[y],
                           sp.related_max_rise_pp_per_year, sp.max_cut_pp_per_year);
      core = realised_share_pct(core_decided, expected_gdp[y], gdp[y]);
      related = realised_share_pct(related_decided, expected_gdp[y], gdp[y]);

      // Compliance is decided on the share as reported, after GDP is known.
      // Given u < q, u / q is uniform on (0, 1): it places the landing point.
      if (m.has_armed_forces && in_reach_band(d, core, targets.core_pct) &&
          compliance_u[y] < compliance_q[y]) {
        core = targets.core_pct + 0.1 * (compliance_u[y] / compliance_q[y]);
        jumped = true;
      }
    }
    out.store(base + y, {core, related, targets.related_cap_pct, gdp[y], kappa[y], realised_pct[y],
                         changed[y], jumped});
  }
}

template <class Draws>
void simulate_trial_v2(const PreparedModel& prepared, Draws& draws, TrialOutcome& out) {
  const ModelParams& model = prepared.params;
  const int years = model.year_count();
  AlliancePath path;
  draw_alliance_path(model.behaviour, model.start_year, years, draws, path);
  AllianceYear alliance[MAX_YEARS];
  for (int y = 0; y < years; ++y) {
    alliance[y] = draw_alliance_year(model.shocks, draws, model.start_year + y, false);
    out.recession[y] = alliance[y].recession;
    out.threat_logit[y] = 0.0;
    out.regime[y] = static_cast<unsigned char>(path.regime[y]);
  }
  out.param_row = static_cast<std::uint32_t>(path.param_row);
  const ParameterDraw& d = model.behaviour.draws[path.param_row];
  double compliance_q[MAX_YEARS];  // the hazard depends on the year and US pressure only
  for (int y = 0; y < years; ++y) {
    const int year = model.start_year + y;
    compliance_q[y] = compliance_hazard(d, year >= model.targets.target_year - 1,
                                        year == model.targets.review_year, path.us_pressure[y]);
  }
  const MemberYearShape shape{model.start_year, model.shocks.growth_tail_dof,
                              static_cast<int>(d.noise_dof)};
  if constexpr (requires { draws.member_year_variates(shape, out.variates); }) {
    draws.member_year_variates(shape, out.variates);  // many member-years at a time
  } else {
    member_year_variates_from_slots(draws, shape, out.variates);
  }
  for (int mi = 0; mi < model.member_count(); ++mi) {
    simulate_member_v2(prepared, mi, alliance, path, compliance_q, draws, out);
  }
  compute_outcomes(model, out);
}

}  // namespace rampup
