// One Monte Carlo trial: alliance shocks, then each member's growth, will and spending path,
// then the attainment and alliance outcomes (docs/MODEL.md). Pure: parameters and draws in,
// numbers out.
#pragma once

#include <cmath>
#include <limits>

#include "models/alliance_year.h"
#include "models/distributions.h"
#include "models/draws.h"
#include "models/growth.h"
#include "models/outcomes.h"
#include "models/params.h"
#include "models/plan.h"
#include "models/prepared_model.h"
#include "models/spending.h"
#include "models/trial_outcome.h"
#include "models/trial_v2.h"
#include "models/will.h"

namespace rampup {

// A one-off reclassification of existing spending into the related category happens in the
// first year after the start in which a yearly event of probability p occurs: the year is
// start + 1 + floor(log(U) / log(1 - p)) (geometric, one uniform per member and trial).
template <class Slot>
int draw_reclassification_year(double p, Slot slot, int start_year) {
  if (p >= 1.0) return start_year + 1;
  const double years_after = std::floor(std::log(slot.uniform()) / std::log1p(-p));
  return years_after < 1000.0 ? start_year + 1 + static_cast<int>(years_after) : NEVER;
}

// Simulates member `mi` over all years; `alliance` holds the year's alliance draws.
// flatten: inlining the draws (Philox, ziggurat) into this loop measured ~6% faster.
template <class Draws>
[[gnu::flatten]] void simulate_member(const PreparedModel& prepared, int mi,
                                      const AllianceYear* alliance, Draws& draws,
                                      TrialOutcome& out) {
  const ModelParams& model = prepared.params;
  const MemberParams& m = model.members[mi];
  const PreparedMember& pm = prepared.members[mi];
  const SpendingParams& sp = m.spending;
  const int years = model.year_count();
  const std::size_t base = static_cast<std::size_t>(mi) * years;

  const double logit_will_baseline =
      pm.logit_will_baseline +
      (m.will.baseline_sd > 0.0
           ? m.will.baseline_sd * draws.slot(mi, model.start_year, Stream::will_baseline).normal()
           : 0.0);
  double growth_state = m.growth.last_growth_pct;
  double gdp_prev = m.gdp_base_usd_bn;
  double will_x = logit(m.will.initial);
  double will = m.will.initial;
  double core = m.core_share_start_pct;
  double related = m.related_share_start_pct;

  const int reclassification_year =
      sp.reclassification_prob > 0.0
          ? draw_reclassification_year(sp.reclassification_prob,
                                       draws.slot(mi, model.start_year, Stream::reclassification),
                                       model.start_year)
          : NEVER;

  // Generate first, then evaluate: the yearly shocks are independent of each other, so drawing
  // them in their own loop lets their latencies overlap; the path below is a dependency chain.
  const int dof = model.shocks.growth_tail_dof;
  StudentTParts growth_parts[MAX_YEARS];
  double member_shocks[MAX_YEARS];
  double will_shocks[MAX_YEARS];
  for (int y = 0; y < years; ++y) {
    const int year = model.start_year + y;
    auto growth_slot = draws.slot(mi, year, Stream::growth);
    growth_parts[y] = draw_student_t_parts(growth_slot, dof);
    will_shocks[y] = y > 0 ? draws.slot(mi, year, Stream::will).normal() : 0.0;
  }
  for (int y = 0; y < years; ++y) member_shocks[y] = unit_student_t_from(growth_parts[y], dof);

  for (int y = 0; y < years; ++y) {
    const int year = model.start_year + y;
    const AllianceYear& a = alliance[y];
    const double member_shock = member_shocks[y];
    const GrowthStep g =
        step_growth(m.growth, pm.growth, growth_state, a.common_shock, member_shock, a.recession);
    growth_state = g.state_pct;
    const double expected_gdp = gdp_prev * (1.0 + g.forecast_pct / 100.0);
    const double gdp = gdp_prev * (1.0 + g.realised_pct / 100.0);

    bool changed = false;
    bool reclassified = false;
    if (y > 0) {  // the start year's shares and will are observed, not decided
      WillInputs wi;
      wi.shock = will_shocks[y];
      wi.threat_logit = a.threat_logit;
      wi.recession = a.recession;
      if (pm.election[y]) {
        auto e = draws.slot(mi, year, Stream::election);
        wi.government_change = e.uniform() < m.will.election_change_prob;
        if (wi.government_change) wi.jump = e.normal();
        changed = wi.government_change;
      }
      will_x = step_will_logit(m.will, logit_will_baseline, pm.debt_excess, will_x, wi);
      will = logistic(will_x);
      const double exec = plan_execution(will, sp.will_full, sp.will_stall);

      const double core_decided = decide_share_pct(core, pm.core_plan_pct[y], exec,
                                                   sp.max_rise_pp_per_year, sp.max_cut_pp_per_year);
      double related_decided =
          decide_share_pct(related, pm.related_plan_pct[y], exec, sp.related_max_rise_pp_per_year,
                           sp.max_cut_pp_per_year);
      if (year == reclassification_year && related_decided < model.targets.related_cap_pct) {
        related_decided += sp.reclassification_pp;
        reclassified = true;
      }
      core = realised_share_pct(core_decided, expected_gdp, gdp);
      related = realised_share_pct(related_decided, expected_gdp, gdp);
    }
    gdp_prev = gdp;

    out.store(base + y, {core, related, model.targets.related_cap_pct, gdp, will, g.realised_pct,
                         changed, reclassified});
  }
}

// Runs one trial into `out` (already sized with out.resize(members, years)); `variates` is model
// v2's scratch (sized with variates.resize(members, years)), reused from trial to trial.
template <class Draws>
void simulate_trial(const PreparedModel& prepared, Draws& draws, TrialOutcome& out,
                    MemberYearVariates& variates) {
  const ModelParams& model = prepared.params;
  if (model.behaviour.version == 2) {
    simulate_trial_v2(prepared, draws, out, variates);
    return;
  }
  const int years = model.year_count();
  // Alliance draws first; at most MAX_YEARS years, so a fixed stack buffer.
  AllianceYear alliance[MAX_YEARS];
  for (int y = 0; y < years; ++y) {
    alliance[y] = draw_alliance_year(model.shocks, draws, model.start_year + y, true);
    out.recession[y] = alliance[y].recession;
    out.threat_logit[y] = alliance[y].threat_logit;
  }
  for (int mi = 0; mi < model.member_count(); ++mi) {
    simulate_member(prepared, mi, alliance, draws, out);
  }
  compute_outcomes(model, out);
}

// Convenience for one-off trials (tests): its own scratch.
template <class Draws>
void simulate_trial(const PreparedModel& prepared, Draws& draws, TrialOutcome& out) {
  MemberYearVariates variates;
  variates.resize(prepared.params.member_count(), prepared.params.year_count());
  simulate_trial(prepared, draws, out, variates);
}

// The same, preparing the model each call.
template <class Draws>
void simulate_trial(const ModelParams& model, Draws& draws, TrialOutcome& out) {
  simulate_trial(PreparedModel(model), draws, out);
}

}  // namespace rampup
