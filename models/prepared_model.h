// Per-model constants computed once before the trials (plans by year, election calendar,
// logit baselines), so a trial's inner loop does no searching and no repeated logarithms.
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

#include "models/desired.h"
#include "models/distributions.h"
#include "models/growth.h"
#include "models/member_year_variates.h"
#include "models/params.h"
#include "models/plan.h"

namespace rampup {

inline double adopted_budget_pct(const std::vector<PlanPoint>& budgets, int year) {
  for (const PlanPoint& b : budgets) {
    if (b.year == year) return b.share_pct_gdp;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

struct PreparedMember {
  GrowthCoefficients growth{};
  double logit_will_baseline = 0.0;
  double debt_excess = 0.0;              // max(0, debt - 60) / 100, see will.h
  std::vector<double> core_plan_pct;     // planned core share by year index
  std::vector<double> related_plan_pct;  // planned related share by year index
  std::vector<unsigned char> election;   // 1 in election years, by year index
};

// Model v2's member parameters as columns, padded with copies of the last member: index m for
// per-member values, y * padded + m for per member-year values (year-major), so that a year's
// members are consecutive.
struct MemberColumns {
  int padded = 0;
  GrowthTerms<std::vector<double>> growth;
  std::vector<double> last_growth_pct, gdp_base_usd_bn, core_start_pct, related_start_pct;
  std::vector<double> armed, regime_response;  // 1 or 0
  std::vector<double> baseline_pct, proximity, fiscal_stress, election_change_prob;
  std::vector<double> max_rise_pp, max_cut_pp, related_max_rise_pp;
  // Per member-year.
  std::vector<double> core_plan_pct, related_plan_pct;
  std::vector<double> adopted_budget_pct;    // NaN: none
  std::vector<double> election;              // 1 in election years
  std::vector<double> after_adoption;        // 1 after the plan's adoption year
  std::vector<double> lead_years_minus_one;  // L_it - 1 of models/desired.h
};

struct PreparedModel;
struct TrialAlliance;
struct TrialOutcome;
// Simulates every member of one v2 trial and computes its outcomes (models/trial_v2.h
// simulate_all_members_v2); the engine offers one in lanes.
using MemberLoop = void (*)(const PreparedModel&, const TrialAlliance&, const MemberYearVariates&,
                            TrialOutcome&);

struct PreparedModel {
  explicit PreparedModel(const ModelParams& model, MemberLoop v2_members = nullptr)
      : params(model), v2_member_loop(v2_members) {
    const int years = model.year_count();
    for (const MemberParams& m : model.members) {
      PreparedMember p;
      p.growth = growth_coefficients(m.growth);
      p.logit_will_baseline = logit(m.will.baseline);
      p.debt_excess = std::max(0.0, m.debt_pct_gdp - 60.0) / 100.0;
      for (int y = 0; y < years; ++y) {
        const int year = model.start_year + y;
        p.core_plan_pct.push_back(planned_share_pct(m.spending.core_plan, year));
        p.related_plan_pct.push_back(planned_share_pct(m.spending.related_plan, year));
        p.election.push_back(std::find(m.election_years.begin(), m.election_years.end(), year) !=
                             m.election_years.end());
      }
      members.push_back(std::move(p));
    }
    if (!model.members.empty()) fill_columns();
  }
  const ModelParams& params;  // must outlive this object
  std::vector<PreparedMember> members;
  MemberColumns columns;
  MemberLoop v2_member_loop = nullptr;  // nullptr: one member at a time

 private:
  void fill_columns() {
    const int years = params.year_count();
    MemberColumns& c = columns;
    c.padded = padded_member_count(params.member_count());
    for (int pm = 0; pm < c.padded; ++pm) {
      const int mi = std::min(pm, params.member_count() - 1);
      const MemberParams& m = params.members[mi];
      const PreparedMember& p = members[mi];
      c.growth.mean_pct.push_back(m.growth.mean_pct);
      c.growth.persistence.push_back(m.growth.persistence);
      c.growth.recession_depth_pct.push_back(m.growth.recession_depth_pct);
      c.growth.innovation_sd.push_back(p.growth.innovation_sd);
      c.growth.common_weight.push_back(p.growth.common_weight);
      c.growth.member_weight.push_back(p.growth.member_weight);
      c.last_growth_pct.push_back(m.growth.last_growth_pct);
      c.gdp_base_usd_bn.push_back(m.gdp_base_usd_bn);
      c.core_start_pct.push_back(m.core_share_start_pct);
      c.related_start_pct.push_back(m.related_share_start_pct);
      c.armed.push_back(m.has_armed_forces ? 1.0 : 0.0);
      c.regime_response.push_back(m.regime_response ? 1.0 : 0.0);
      c.baseline_pct.push_back(m.baseline_pct);
      c.proximity.push_back(m.proximity);
      c.fiscal_stress.push_back(fiscal_stress(m.debt_pct_gdp));
      c.election_change_prob.push_back(m.will.election_change_prob);
      c.max_rise_pp.push_back(m.spending.max_rise_pp_per_year);
      c.max_cut_pp.push_back(m.spending.max_cut_pp_per_year);
      c.related_max_rise_pp.push_back(m.spending.related_max_rise_pp_per_year);
    }
    const auto size = static_cast<std::size_t>(years) * c.padded;
    for (auto* v : {&c.core_plan_pct, &c.related_plan_pct, &c.adopted_budget_pct, &c.election,
                    &c.after_adoption, &c.lead_years_minus_one}) {
      v->resize(size);
    }
    for (int y = 0; y < years; ++y) {
      const int year = params.start_year + y;
      for (int pm = 0; pm < c.padded; ++pm) {
        const int mi = std::min(pm, params.member_count() - 1);
        const SpendingParams& sp = params.members[mi].spending;
        const PreparedMember& p = members[mi];
        const std::size_t i = static_cast<std::size_t>(y) * c.padded + pm;
        const int adopted = sp.plan_adopted_year > 0 ? sp.plan_adopted_year : params.start_year;
        c.core_plan_pct[i] = p.core_plan_pct[y];
        c.related_plan_pct[i] = p.related_plan_pct[y];
        c.adopted_budget_pct[i] = adopted_budget_pct(sp.adopted_budget, year);
        c.election[i] = p.election[y];
        c.after_adoption[i] = year > adopted;
        c.lead_years_minus_one[i] = std::max(1, year - adopted) - 1;
      }
    }
  }
};

}  // namespace rampup
