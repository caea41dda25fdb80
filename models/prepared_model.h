// Per-model constants computed once before the trials (plans by year, election calendar,
// logit baselines), so a trial's inner loop does no searching and no repeated logarithms.
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

#include "models/desired.h"
#include "models/distributions.h"
#include "models/growth.h"
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
  // Model v2.
  double fiscal_stress = 0.0;              // phi_i, models/desired.h
  std::vector<double> adopted_budget_pct;  // adopted core share by year index, NaN = none
};

struct PreparedModel {
  explicit PreparedModel(const ModelParams& model) : params(model) {
    const int years = model.year_count();
    for (const MemberParams& m : model.members) {
      PreparedMember p;
      p.growth = growth_coefficients(m.growth);
      p.logit_will_baseline = logit(m.will.baseline);
      p.debt_excess = std::max(0.0, m.debt_pct_gdp - 60.0) / 100.0;
      p.fiscal_stress = fiscal_stress(m.debt_pct_gdp);
      for (int y = 0; y < years; ++y) {
        const int year = model.start_year + y;
        p.core_plan_pct.push_back(planned_share_pct(m.spending.core_plan, year));
        p.related_plan_pct.push_back(planned_share_pct(m.spending.related_plan, year));
        p.adopted_budget_pct.push_back(adopted_budget_pct(m.spending.adopted_budget, year));
        p.election.push_back(std::find(m.election_years.begin(), m.election_years.end(), year) !=
                             m.election_years.end());
      }
      members.push_back(std::move(p));
    }
  }
  const ModelParams& params;  // must outlive this object
  std::vector<PreparedMember> members;
};

}  // namespace rampup
