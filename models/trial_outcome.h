// Everything one trial produces: per member-year paths, per member attainment, alliance lines,
// and the sampled inputs that drove them. Buffers are sized once and reused across trials.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "models/elementwise.h"
#include "models/params.h"

namespace rampup {

inline constexpr int NEVER = 0;  // "first year at target": not reached by the horizon

// The total share: core plus related counted up to its cap, % of GDP.
template <class T>
[[gnu::always_inline]] inline T counted_total_pct(T core_pct, T related_pct,
                                                  double related_cap_pct) {
  return core_pct + minimum(related_pct, T{} + related_cap_pct);
}
// Core spending in money (the GDP's units).
template <class T>
[[gnu::always_inline]] inline T spending_usd_bn(T core_pct, T gdp_usd_bn) {
  return core_pct / 100.0 * gdp_usd_bn;
}

struct TrialOutcome {
  int members = 0;
  int years = 0;

  // Per member-year, index m * years + y.
  std::vector<double> core_share_pct;        // core defence spending, % of GDP
  std::vector<double> total_share_pct;       // core + related (related counted up to its cap)
  std::vector<double> core_spending_usd_bn;  // constant USD bn
  std::vector<double> gdp_usd_bn;            // constant USD bn
  std::vector<double> will;                  // v1: political will, (0, 1); v2: plan credibility
  // Sampled inputs per member-year.
  std::vector<double> growth_pct;                // realised real GDP growth, %
  std::vector<unsigned char> government_change;  // 1 if an election changed the government
  std::vector<unsigned char> reclassified;       // v1: related reclassified; v2: compliance jump
  // Outcomes per member-year (compute_outcomes): 1 if the share meets the target as NATO rounds
  // it (models/outcomes.h meets); 0 for members without armed forces.
  std::vector<unsigned char> at_core_target, at_total_target;

  // Per member.
  std::vector<int> first_year_core;            // first calendar year with core >= target, or NEVER
  std::vector<int> first_year_total;           // first calendar year with total >= target, or NEVER
  std::vector<unsigned char> holds_core;       // core >= target from first year to the horizon
  std::vector<unsigned char> on_track_review;  // core on the linear path to target at review
  std::vector<unsigned char> first_by_jump;    // v2: the first year at target was a compliance jump

  // Per year, alliance (members with armed forces only).
  std::vector<double> alliance_spending_usd_bn;
  std::vector<double> alliance_share_pct;  // alliance core spending / alliance GDP, %
  std::vector<double> us_share_pct;        // US share of alliance spending, % (NaN if no USA)
  std::vector<int> members_at_core_target;
  std::vector<int> members_at_total_target;
  std::vector<unsigned char>
      alliance_at_core_target;  // 1 if the alliance share meets the core target
  // Sampled alliance inputs per year.
  std::vector<unsigned char> recession;
  std::vector<double> threat_logit;
  std::vector<unsigned char> regime;  // v2: threat regime (0 calm, 1 elevated, 2 acute); v1: 0
  std::uint32_t param_row = 0;        // v2: the calibration row of this trial; v1: 0

  // One member-year of both models: the shares, money and sampled inputs at index i.
  struct MemberYear {
    double core_pct, related_pct, related_cap_pct, gdp_usd_bn, will_or_kappa, growth_pct;
    bool government_change, reclassified_or_jump;
  };
  void store(std::size_t i, const MemberYear& v) {
    store_values(i, {v.core_pct, counted_total_pct(v.core_pct, v.related_pct, v.related_cap_pct),
                     spending_usd_bn(v.core_pct, v.gdp_usd_bn), v.gdp_usd_bn, v.will_or_kappa,
                     v.growth_pct, v.government_change, v.reclassified_or_jump});
  }
  // The same with the derived values already computed (by the functions above).
  struct MemberYearValues {
    double core_pct, total_pct, core_spending_usd_bn, gdp_usd_bn, will_or_kappa, growth_pct;
    bool government_change, reclassified_or_jump;
  };
  void store_values(std::size_t i, const MemberYearValues& v) {
    core_share_pct[i] = v.core_pct;
    total_share_pct[i] = v.total_pct;
    gdp_usd_bn[i] = v.gdp_usd_bn;
    core_spending_usd_bn[i] = v.core_spending_usd_bn;
    will[i] = v.will_or_kappa;
    growth_pct[i] = v.growth_pct;
    government_change[i] = v.government_change;
    reclassified[i] = v.reclassified_or_jump;
  }

  void resize(int member_count, int year_count) {
    members = member_count;
    years = year_count;
    const auto my = static_cast<std::size_t>(member_count) * year_count;
    for (auto* v : {&core_share_pct, &total_share_pct, &core_spending_usd_bn, &gdp_usd_bn, &will,
                    &growth_pct}) {
      v->assign(my, 0.0);
    }
    government_change.assign(my, 0);
    reclassified.assign(my, 0);
    at_core_target.assign(my, 0);
    at_total_target.assign(my, 0);
    first_year_core.assign(member_count, NEVER);
    first_year_total.assign(member_count, NEVER);
    holds_core.assign(member_count, 0);
    on_track_review.assign(member_count, 0);
    first_by_jump.assign(member_count, 0);
    for (auto* v : {&alliance_spending_usd_bn, &alliance_share_pct, &us_share_pct, &threat_logit}) {
      v->assign(year_count, 0.0);
    }
    members_at_core_target.assign(year_count, 0);
    members_at_total_target.assign(year_count, 0);
    alliance_at_core_target.assign(year_count, 0);
    recession.assign(year_count, 0);
    regime.assign(year_count, 0);
    param_row = 0;
  }
};

}  // namespace rampup
