// Outcomes derived from a trial's member paths (docs/MODEL.md §5): first year at target,
// whether it holds, on-track status at the review, and alliance aggregates over members with
// armed forces.
#pragma once

#include <algorithm>
#include <limits>

#include "models/params.h"
#include "models/trial_outcome.h"

namespace rampup {

// A share "meets" a target when it does so as NATO publishes it, rounded to 2 decimals
// (docs/POLICY.md §2.2 counts allies at >= 2.00 that way): share >= target - 0.005 pp.
inline constexpr double TARGET_TOLERANCE_PP = 0.005;
inline bool meets(double share_pct, double target_pct) {
  return share_pct >= target_pct - TARGET_TOLERANCE_PP;
}

// The credible incremental path of the Hague declaration, read as linear from the start-year
// share to the core target in the target year; a member is on track at the review if its core
// share is on or above that line (or already at target).
inline double on_track_threshold_pct(const Targets& t, int start_year, double start_share_pct) {
  if (start_share_pct >= t.core_pct) return t.core_pct;
  const double frac =
      static_cast<double>(t.review_year - start_year) / (t.target_year - start_year);
  return start_share_pct + frac * (t.core_pct - start_share_pct);
}

// Member by member (the paths are member-major), each year's alliance sums kept in per-year
// accumulators: every sum adds the members in the same order as a year-by-year loop would.
inline void compute_outcomes(const ModelParams& model, TrialOutcome& out) {
  const int years = model.year_count();
  const Targets& t = model.targets;
  const int review = t.review_year - model.start_year;
  double spending[MAX_YEARS] = {}, gdp[MAX_YEARS] = {};
  int at_core[MAX_YEARS] = {}, at_total[MAX_YEARS] = {};
  int us_index = -1;
  for (int mi = 0; mi < model.member_count(); ++mi) {
    const MemberParams& m = model.members[mi];
    const std::size_t base = static_cast<std::size_t>(mi) * years;
    if (m.iso3 == "USA") us_index = mi;
    if (!m.has_armed_forces) {
      std::fill_n(&out.at_core_target[base], years, 0);
      std::fill_n(&out.at_total_target[base], years, 0);
      out.first_year_core[mi] = out.first_year_total[mi] = NEVER;
      out.holds_core[mi] = out.on_track_review[mi] = out.first_by_jump[mi] = 0;
      continue;
    }
    const double* core = &out.core_share_pct[base];
    int first = NEVER, first_total = NEVER;
    bool holds = true;  // from the first year at target on
    for (int y = 0; y < years; ++y) {
      const std::size_t i = base + y;
      const bool core_met = meets(core[y], t.core_pct);
      const bool total_met = meets(out.total_share_pct[i], t.total_pct);
      out.at_core_target[i] = core_met;
      out.at_total_target[i] = total_met;
      if (first == NEVER && core_met) first = model.start_year + y;
      if (first_total == NEVER && total_met) first_total = model.start_year + y;
      holds = holds && (first == NEVER || core_met);
      spending[y] += out.core_spending_usd_bn[i];
      gdp[y] += out.gdp_usd_bn[i];
      at_core[y] += core_met;
      at_total[y] += total_met;
    }
    out.first_year_core[mi] = first;
    out.first_year_total[mi] = first_total;
    out.holds_core[mi] = first != NEVER && holds;
    out.first_by_jump[mi] =
        model.behaviour.version == 2 && first != NEVER &&
        out.reclassified[base + static_cast<std::size_t>(first - model.start_year)];
    out.on_track_review[mi] =
        review >= 0 && review < years &&
        meets(core[review], on_track_threshold_pct(t, model.start_year, core[0]));
  }

  for (int y = 0; y < years; ++y) {
    out.alliance_spending_usd_bn[y] = spending[y];
    out.alliance_share_pct[y] = gdp[y] > 0.0 ? 100.0 * spending[y] / gdp[y] : 0.0;
    out.us_share_pct[y] =
        us_index >= 0 && spending[y] > 0.0
            ? 100.0 * out.core_spending_usd_bn[static_cast<std::size_t>(us_index) * years + y] /
                  spending[y]
            : std::numeric_limits<double>::quiet_NaN();
    out.members_at_core_target[y] = at_core[y];
    out.members_at_total_target[y] = at_total[y];
    out.alliance_at_core_target[y] = meets(out.alliance_share_pct[y], t.core_pct);
  }
}

}  // namespace rampup
