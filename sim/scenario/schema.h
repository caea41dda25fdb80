// Internal to sim/scenario. The scenario schema: valid keys at each level and the allowed ranges
// of numbers (scenarios/README.md tables), and how messages state them.
#pragma once

#include <array>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "models/params.h"

namespace rampup::detail {

// An interval of allowed numbers; infinite ends are unbounded.
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;

  bool contains(double v) const;
  std::string describe() const;  // "a number", "a number >= 0", "a number in (0, 1)", ...
};

inline constexpr double INF = std::numeric_limits<double>::infinity();
inline constexpr Range ANY_NUMBER{};
inline constexpr Range NON_NEGATIVE{0.0, INF, false, false};
inline constexpr Range POSITIVE{0.0, INF, true, false};
inline constexpr Range UNIT_CLOSED{0.0, 1.0, false, false};      // [0, 1], also probabilities
inline constexpr Range UNIT_OPEN{0.0, 1.0, true, true};          // (0, 1)
inline constexpr Range UNIT_CLOSED_OPEN{0.0, 1.0, false, true};  // [0, 1)
inline constexpr Range UNIT_OPEN_CLOSED{0.0, 1.0, true, false};  // (0, 1]
inline constexpr Range PERCENT{0.0, 100.0, false, false};        // a share of GDP, %

inline constexpr int YEAR_MIN = 1900;  // calendar years anywhere in a scenario
inline constexpr int YEAR_MAX = 2200;
inline constexpr int MAX_HORIZON_YEARS = 64;
inline constexpr long long TRIALS_MAX = 1000000000000LL;  // 10^12

// Shortest text that reads back as `v` ("0.5", "3", "1e-09").
std::string format_number(double v);

// A number field of a parameter struct.
template <class T>
struct NumberField {
  std::string_view key;
  double T::*field;
  Range range;
};

inline constexpr NumberField<GrowthParams> GROWTH_FIELDS[] = {
    {"mean_pct", &GrowthParams::mean_pct, ANY_NUMBER},
    {"sd_pct", &GrowthParams::sd_pct, NON_NEGATIVE},
    {"persistence", &GrowthParams::persistence, UNIT_CLOSED_OPEN},
    {"common_loading", &GrowthParams::common_loading, UNIT_CLOSED},
    {"recession_depth_pct", &GrowthParams::recession_depth_pct, NON_NEGATIVE},
    {"last_growth_pct", &GrowthParams::last_growth_pct, ANY_NUMBER},
};

inline constexpr NumberField<WillParams> WILL_FIELDS[] = {
    {"initial", &WillParams::initial, UNIT_OPEN},
    {"baseline", &WillParams::baseline, UNIT_OPEN},
    {"baseline_sd", &WillParams::baseline_sd, NON_NEGATIVE},
    {"reversion", &WillParams::reversion, UNIT_CLOSED},
    {"volatility", &WillParams::volatility, NON_NEGATIVE},
    {"threat_exposure", &WillParams::threat_exposure, UNIT_CLOSED},
    {"election_change_prob", &WillParams::election_change_prob, UNIT_CLOSED},
    {"election_jump_sd", &WillParams::election_jump_sd, NON_NEGATIVE},
    {"debt_stress", &WillParams::debt_stress, NON_NEGATIVE},
    {"recession_stress", &WillParams::recession_stress, NON_NEGATIVE},
};

inline constexpr NumberField<SpendingParams> SPENDING_FIELDS[] = {
    {"max_rise_pp_per_year", &SpendingParams::max_rise_pp_per_year, NON_NEGATIVE},
    {"max_cut_pp_per_year", &SpendingParams::max_cut_pp_per_year, NON_NEGATIVE},
    {"will_full", &SpendingParams::will_full, UNIT_OPEN_CLOSED},
    {"will_stall", &SpendingParams::will_stall, UNIT_CLOSED_OPEN},
    {"related_max_rise_pp_per_year", &SpendingParams::related_max_rise_pp_per_year, NON_NEGATIVE},
    {"reclassification_prob", &SpendingParams::reclassification_prob, UNIT_CLOSED},
    {"reclassification_pp", &SpendingParams::reclassification_pp, NON_NEGATIVE},
};

inline constexpr NumberField<ShockParams> SHOCK_FIELDS[] = {
    {"recession_prob", &ShockParams::recession_prob, UNIT_CLOSED},
    {"threat_prob", &ShockParams::threat_prob, UNIT_CLOSED},
    {"threat_logit_mean", &ShockParams::threat_logit_mean, ANY_NUMBER},
    {"threat_logit_sd", &ShockParams::threat_logit_sd, NON_NEGATIVE},
};

inline constexpr NumberField<Targets> TARGET_FIELDS[] = {
    {"core_pct", &Targets::core_pct, PERCENT},
    {"related_cap_pct", &Targets::related_cap_pct, PERCENT},
    {"total_pct", &Targets::total_pct, PERCENT},
};

// Valid keys at each level, in the order of scenarios/README.md.
using KeyList = std::span<const std::string_view>;
KeyList top_keys();
KeyList model_keys();
KeyList run_keys();
KeyList horizon_keys();
KeyList targets_keys();
KeyList shocks_keys();
KeyList defaults_keys();
KeyList member_keys();
KeyList growth_keys();
KeyList will_keys();
KeyList spending_keys();

}  // namespace rampup::detail
