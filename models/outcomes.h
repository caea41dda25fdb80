// Outcomes derived from a trial's member paths (docs/MODEL.md §5): first year at target,
// whether it holds, on-track status at the review, and alliance aggregates over members with
// armed forces.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <string_view>

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
// share is on or above that line (or already at target). `review_fraction` is how far the
// review lies along the way (review_fraction below).
inline double on_track_threshold_pct(const Targets& t, double review_fraction,
                                     double start_share_pct) {
  if (start_share_pct >= t.core_pct) return t.core_pct;
  return start_share_pct + review_fraction * (t.core_pct - start_share_pct);
}
inline double review_fraction(const Targets& t, int start_year) {
  return static_cast<double>(t.review_year - start_year) / (t.target_year - start_year);
}

// First whether each member-year meets the targets, in one flat loop over the trial (which
// vectorises); then member by member (the paths are member-major), in short loops over the
// years. Each year's alliance sums are kept in per-year accumulators, so every sum adds the
// members in the same order as a year-by-year loop would.
// Always inlined: the engine's lanes include it in their per-instruction-set copies, which must
// not share an out-of-line function (sim/engine/member_lanes.cpp).
[[gnu::always_inline]] inline void compute_outcomes(const ModelParams& model, TrialOutcome& out) {
  const int years = model.year_count();
  const Targets& t = model.targets;
  const int review = t.review_year - model.start_year;
  const double review_frac = review_fraction(t, model.start_year);
  {
    const std::size_t n = static_cast<std::size_t>(model.member_count()) * years;
    const double* __restrict core = out.core_share_pct.data();
    const double* __restrict total = out.total_share_pct.data();
    unsigned char* __restrict core_met = out.at_core_target.data();
    unsigned char* __restrict total_met = out.at_total_target.data();
    const double core_pct = t.core_pct, total_pct = t.total_pct;  // a byte store may alias t
    for (std::size_t i = 0; i < n; ++i) core_met[i] = meets(core[i], core_pct);
    for (std::size_t i = 0; i < n; ++i) total_met[i] = meets(total[i], total_pct);
  }
  double spending[MAX_YEARS] = {}, gdp[MAX_YEARS] = {};
  int at_core[MAX_YEARS] = {}, at_total[MAX_YEARS] = {};
  int us_index = -1;
  static_assert(MAX_YEARS <= 64);  // a member's years fit the bits of one word
  const std::uint64_t all_years = years == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << years) - 1;
  for (int mi = 0; mi < model.member_count(); ++mi) {
    const MemberParams& m = model.members[mi];
    const std::size_t base = static_cast<std::size_t>(mi) * years;
    unsigned char* core_met = &out.at_core_target[base];
    unsigned char* total_met = &out.at_total_target[base];
    if (std::string_view(m.iso3) == "USA") us_index = mi;  // a 3-byte compare, no memcmp call
    if (!m.has_armed_forces) {
      std::fill_n(core_met, years, 0);
      std::fill_n(total_met, years, 0);
      out.first_year_core[mi] = out.first_year_total[mi] = NEVER;
      out.holds_core[mi] = out.on_track_review[mi] = out.first_by_jump[mi] = 0;
      continue;
    }
    const double* core = &out.core_share_pct[base];
    const double* member_spending = &out.core_spending_usd_bn[base];
    const double* member_gdp = &out.gdp_usd_bn[base];
    std::uint64_t core_years = 0, total_years = 0;  // bit y: the target met in year y
    for (int y = 0; y < years; ++y) {
      spending[y] += member_spending[y];
      gdp[y] += member_gdp[y];
      at_core[y] += core_met[y];
      at_total[y] += total_met[y];
      core_years |= std::uint64_t{core_met[y]} << y;
      total_years |= std::uint64_t{total_met[y]} << y;
    }
    const int first = std::countr_zero(core_years);  // 64 (>= years) if never
    const bool reached = core_years != 0;
    out.first_year_core[mi] = reached ? model.start_year + first : NEVER;
    out.first_year_total[mi] =
        total_years != 0 ? model.start_year + std::countr_zero(total_years) : NEVER;
    // Holds: at target in every year from the first on.
    out.holds_core[mi] = reached && (core_years >> first) == (all_years >> first);
    out.first_by_jump[mi] =
        model.behaviour.version == 2 && reached && out.reclassified[base + first];
    out.on_track_review[mi] = review >= 0 && review < years &&
                              meets(core[review], on_track_threshold_pct(t, review_frac, core[0]));
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
