// Key tables and ranges.
#include "sim/scenario/schema.h"

#include <charconv>
#include <cmath>
#include <vector>

namespace rampup::detail {

namespace {

template <class T, std::size_t N>
std::vector<std::string_view> keys_of(const NumberField<T> (&fields)[N],
                                      std::initializer_list<std::string_view> before = {},
                                      std::initializer_list<std::string_view> after = {}) {
  std::vector<std::string_view> out(before);
  for (const NumberField<T>& f : fields) out.push_back(f.key);
  out.insert(out.end(), after);
  return out;
}

constexpr std::string_view TOP[] = {"name",    "description", "extends", "model",    "run",
                                    "horizon", "targets",     "shocks",  "defaults", "members"};
constexpr std::string_view MODEL[] = {
    "version",           "parameter_draws",         "start_regime",         "regime_transition",
    "us_pressure_years", "us_pressure_known_until", "us_pressure_term_prob"};
constexpr std::string_view RUN[] = {"trials", "seed"};
constexpr std::string_view HORIZON[] = {"start_year", "end_year"};
constexpr std::string_view DEFAULTS[] = {"growth", "will", "spending"};
constexpr std::string_view MEMBER[] = {"name",
                                       "armed_forces",
                                       "gdp_base_usd_bn",
                                       "debt_pct_gdp",
                                       "core_share_start_pct",
                                       "related_share_start_pct",
                                       "elections",
                                       "growth",
                                       "will",
                                       "spending",
                                       "proximity",
                                       "baseline_pct",
                                       "regime_response"};

}  // namespace

bool Range::contains(double v) const {
  if (lo_open ? !(v > lo) : !(v >= lo)) return false;
  if (hi_open ? !(v < hi) : !(v <= hi)) return false;
  return true;
}

std::string Range::describe() const {
  const bool has_lo = std::isfinite(lo), has_hi = std::isfinite(hi);
  if (!has_lo && !has_hi) return "a number";
  if (!has_hi) return std::string("a number ") + (lo_open ? "> " : ">= ") + format_number(lo);
  if (!has_lo) return std::string("a number ") + (hi_open ? "< " : "<= ") + format_number(hi);
  return std::string("a number in ") + (lo_open ? "(" : "[") + format_number(lo) + ", " +
         format_number(hi) + (hi_open ? ")" : "]");
}

std::string format_number(double v) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, result.ptr);
}

KeyList top_keys() { return TOP; }
KeyList model_keys() { return MODEL; }
KeyList run_keys() { return RUN; }
KeyList horizon_keys() { return HORIZON; }
KeyList targets_keys() {
  static const std::vector<std::string_view> keys =
      keys_of(TARGET_FIELDS, {}, {"target_year", "review_year"});
  return keys;
}
KeyList shocks_keys() {
  static const std::vector<std::string_view> keys = keys_of(SHOCK_FIELDS, {}, {"growth_tail_dof"});
  return keys;
}
KeyList defaults_keys() { return DEFAULTS; }
KeyList member_keys() { return MEMBER; }
KeyList growth_keys() {
  static const std::vector<std::string_view> keys = keys_of(GROWTH_FIELDS);
  return keys;
}
KeyList will_keys() {
  static const std::vector<std::string_view> keys = keys_of(WILL_FIELDS);
  return keys;
}
KeyList spending_keys() {
  static const std::vector<std::string_view> keys = keys_of(
      SPENDING_FIELDS, {"core_plan", "related_plan"}, {"plan_adopted_year", "adopted_budget"});
  return keys;
}

}  // namespace rampup::detail
