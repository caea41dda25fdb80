// One descriptor per statistic of a run: what the accumulator keeps of each trial
// (sim/engine/outcome_stats.h), what --save-trials stores per trial (trial_block.h), and how
// /accumulators, /summary and /trials name and describe it (sim/results, docs/FORMAT.md).
// Adding a statistic is one entry in STATISTICS (tests/results/statistics_table_tests.cpp adds one
// in a fixture); derived summaries that combine several (the headline) are written by hand.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/trial_outcome.h"
#include "sim/engine/histogram.h"

namespace rampup {

// Bin layouts (quantile resolution = width). Shares in % of GDP, will in [0, 1]; spending is
// binned as % of the member's (or alliance's) base-year GDP, so one layout serves all sizes.
inline constexpr BinSpec SHARE_BINS{0.0, 0.01, 2000};     // 0-20 % of GDP, 0.01 pp
inline constexpr BinSpec WILL_BINS{0.0, 0.005, 200};      // 0-1, 0.005
inline constexpr BinSpec SPENDING_BINS{0.0, 0.01, 3000};  // 0-30 % of base GDP, 0.01
inline constexpr BinSpec PERCENT_BINS{0.0, 0.05, 2000};   // 0-100 %, 0.05 pp (US share)

// The cells of a statistic: the dimensions of its arrays after `trial`.
enum class Cells {
  member_year,  // index m * years + y, dims (member, year)
  member,       // index m, dims (member)
  year,         // index y, dims (year)
  trial,        // one value per trial, no further dims
};

// What the accumulator keeps over trials.
enum class Kept {
  none,       // per trial only (a sampled input)
  histogram,  // CellHistograms: fixed bins plus exact moment sums
  count,      // number of trials with value 1 (a 0/1 indicator)
};

// Bins of a histogram: a fixed layout, or unit bins over the integers.
enum class Bins {
  share,
  will,
  spending,
  percent,
  year_index,    // 0..years-1 = year index, years = never (first year at target)
  member_count,  // 0..members (members at target)
};

// How the histogram's bin units relate to the per-trial value.
enum class Scale {
  none,               // the value itself
  member_base_gdp,    // value (USD bn) as % of the member's base-year GDP
  alliance_base_gdp,  // value (USD bn) as % of the alliance's base-year GDP (armed members)
  year_index,         // calendar year -> index from the start year; NEVER -> years
};

// What /summary holds of it.
enum class Summarized {
  none,
  quantity,      // NAME_mean, _sd, _mean_se, _quantile (in the units of the per-trial value)
  probability,   // summary_name and _se: count / trials (NaN for members without armed forces)
  distribution,  // NAME_prob and _se over the integer values (dims + first_year or
                 // members_at_target)
};

// The per-trial type in /trials (--save-trials).
enum class TrialType { none, float32, uint8, int32 };

// values[k * cells + j] = the statistic's value in cell first_cell + j of trial outcome t[k],
// for k < n, j < cells: one cell over a batch of trials (the accumulator) or one trial's cells
// (the per-trial records).
using GatherFn = void (*)(const TrialOutcome* t, int n, int first_cell, int cells, double* values);

// Gathers field F of TrialOutcome, a vector over the cells.
template <auto F>
void gather_field(const TrialOutcome* t, int n, int first_cell, int cells, double* values) {
  if (cells == 1) {  // one cell over a batch of trials (the accumulator's case)
    for (int k = 0; k < n; ++k) values[k] = static_cast<double>((t[k].*F)[first_cell]);
    return;
  }
  for (int k = 0; k < n; ++k) {
    const auto& field = t[k].*F;
    for (int j = 0; j < cells; ++j)
      values[k * cells + j] = static_cast<double>(field[first_cell + j]);
  }
}

struct Statistic {
  const char* name;  // variable name in /accumulators and /trials; prefix of quantity summaries
  Cells cells;
  GatherFn gather;
  const char* long_name;  // what one value is
  const char* units;      // of one value
  Kept kept = Kept::none;
  Bins bins = Bins::share;  // histograms only
  Scale scale = Scale::none;
  Summarized summarized = Summarized::none;
  const char* summary_name = "";       // probability: the summary variable's name
  const char* summary_long_name = "";  // probability and distribution: what it is
  TrialType trial_type = TrialType::none;
  bool operator==(const Statistic&) const = default;
};

// The statistics of a run, in file order (models/trial_outcome.h says what each field is).
inline constexpr std::array STATISTICS{
    // Per member-year.
    Statistic{"core_share", Cells::member_year, gather_field<&TrialOutcome::core_share_pct>,
              "core defence spending as a share of GDP", "percent", Kept::histogram, Bins::share,
              Scale::none, Summarized::quantity, "", "", TrialType::float32},
    Statistic{"total_share", Cells::member_year, gather_field<&TrialOutcome::total_share_pct>,
              "core plus counted defence-related spending as a share of GDP", "percent",
              Kept::histogram, Bins::share, Scale::none, Summarized::quantity, "", "",
              TrialType::float32},
    Statistic{"spending", Cells::member_year, gather_field<&TrialOutcome::core_spending_usd_bn>,
              "core defence spending", "billion US dollars (constant prices)", Kept::histogram,
              Bins::spending, Scale::member_base_gdp, Summarized::quantity, "", "",
              TrialType::float32},
    Statistic{"will", Cells::member_year, gather_field<&TrialOutcome::will>,
              "political will for defence (model v1) or plan credibility kappa (model v2)", "1",
              Kept::histogram, Bins::will, Scale::none, Summarized::quantity, "", "",
              TrialType::float32},
    Statistic{"at_core_target", Cells::member_year, gather_field<&TrialOutcome::at_core_target>,
              "1 if the core share meets the core target as NATO rounds it (>= target - 0.005 "
              "pp), as the model judged it in double precision; 0 without armed forces",
              "1", Kept::count, Bins::share, Scale::none, Summarized::probability, "p_core_target",
              "probability that core share >= core target", TrialType::uint8},
    Statistic{"at_total_target", Cells::member_year, gather_field<&TrialOutcome::at_total_target>,
              "1 if the total share meets the total target as NATO rounds it", "1", Kept::count,
              Bins::share, Scale::none, Summarized::probability, "p_total_target",
              "probability that total share >= total target"},
    Statistic{"growth", Cells::member_year, gather_field<&TrialOutcome::growth_pct>,
              "realised real GDP growth (sampled input)", "percent", Kept::none, Bins::share,
              Scale::none, Summarized::none, "", "", TrialType::float32},
    Statistic{"government_change", Cells::member_year,
              gather_field<&TrialOutcome::government_change>,
              "1 if an election changed the government (sampled input)", "1", Kept::none,
              Bins::share, Scale::none, Summarized::none, "", "", TrialType::uint8},
    Statistic{"reclassified", Cells::member_year, gather_field<&TrialOutcome::reclassified>,
              "1 in the year of the one-off reclassification (model v1) or of a compliance jump "
              "(model v2) (sampled input)",
              "1", Kept::none, Bins::share, Scale::none, Summarized::none, "", "",
              TrialType::uint8},
    // Per member.
    Statistic{"first_year_core", Cells::member, gather_field<&TrialOutcome::first_year_core>,
              "first year with core share >= core target, 0 = never", "1", Kept::histogram,
              Bins::year_index, Scale::year_index, Summarized::distribution, "",
              "distribution of the first year with core share >= core target", TrialType::int32},
    Statistic{"first_year_total", Cells::member, gather_field<&TrialOutcome::first_year_total>,
              "first year with total share >= total target, 0 = never", "1", Kept::histogram,
              Bins::year_index, Scale::year_index, Summarized::distribution, "",
              "distribution of the first year with total share >= total target"},
    Statistic{"holds_core", Cells::member, gather_field<&TrialOutcome::holds_core>,
              "1 if the core share reaches the target and holds it to the horizon", "1",
              Kept::count, Bins::share, Scale::none, Summarized::probability, "p_holds_core",
              "probability of reaching the core target and holding it to the horizon"},
    Statistic{"on_track_review", Cells::member, gather_field<&TrialOutcome::on_track_review>,
              "1 if the core share is on the linear path to the target at the review", "1",
              Kept::count, Bins::share, Scale::none, Summarized::probability, "p_on_track_review",
              "probability of being on the linear path to the core target at the review"},
    Statistic{"first_by_jump", Cells::member, gather_field<&TrialOutcome::first_by_jump>,
              "1 if the first year at the core target was a compliance jump", "1", Kept::count,
              Bins::share, Scale::none, Summarized::probability, "p_first_at_target_by_jump",
              "probability that the first year at the core target was a deadline/review "
              "compliance jump, partly reclassification (model v2; 0 in v1)"},
    // Per year, the alliance (members with armed forces).
    Statistic{
        "alliance_spending", Cells::year, gather_field<&TrialOutcome::alliance_spending_usd_bn>,
        "alliance core defence spending", "billion US dollars (constant prices)", Kept::histogram,
        Bins::spending, Scale::alliance_base_gdp, Summarized::quantity, "", "", TrialType::float32},
    Statistic{"alliance_share", Cells::year, gather_field<&TrialOutcome::alliance_share_pct>,
              "alliance core defence spending as a share of alliance GDP", "percent",
              Kept::histogram, Bins::share, Scale::none, Summarized::quantity, "", "",
              TrialType::float32},
    Statistic{"us_share", Cells::year, gather_field<&TrialOutcome::us_share_pct>,
              "United States share of alliance core spending", "percent", Kept::histogram,
              Bins::percent, Scale::none, Summarized::quantity},
    Statistic{"members_at_core_target", Cells::year,
              gather_field<&TrialOutcome::members_at_core_target>,
              "number of members at the core target", "1", Kept::histogram, Bins::member_count,
              Scale::none, Summarized::distribution, "",
              "distribution of the number of members at the core target"},
    Statistic{"members_at_total_target", Cells::year,
              gather_field<&TrialOutcome::members_at_total_target>,
              "number of members at the total target", "1", Kept::histogram, Bins::member_count,
              Scale::none, Summarized::distribution, "",
              "distribution of the number of members at the total target"},
    Statistic{"alliance_at_core_target", Cells::year,
              gather_field<&TrialOutcome::alliance_at_core_target>,
              "1 if the alliance core share meets the core target as NATO rounds it, as the "
              "model judged it",
              "1", Kept::count, Bins::share, Scale::none, Summarized::probability,
              "p_alliance_core_target", "probability that the alliance share >= core target",
              TrialType::uint8},
    Statistic{"recession", Cells::year, gather_field<&TrialOutcome::recession>,
              "1 in an alliance-wide recession year (sampled input)", "1", Kept::none, Bins::share,
              Scale::none, Summarized::none, "", "", TrialType::uint8},
    Statistic{"threat", Cells::year, gather_field<&TrialOutcome::threat_logit>,
              "alliance threat shock on will, logit units, 0 = none (sampled input)", "1",
              Kept::none, Bins::share, Scale::none, Summarized::none, "", "", TrialType::float32},
    Statistic{"regime", Cells::year, gather_field<&TrialOutcome::regime>,
              "threat regime, 0 calm, 1 elevated, 2 acute (model v2; sampled input)", "1",
              Kept::none, Bins::share, Scale::none, Summarized::none, "", "", TrialType::uint8},
    // Per trial.
    Statistic{"param_row", Cells::trial,
              [](const TrialOutcome* t, int n, int, int, double* values) {
                for (int k = 0; k < n; ++k) values[k] = static_cast<double>(t[k].param_row);
              },
              "row of the calibration file used by the trial (model v2; sampled input)", "1",
              Kept::none, Bins::share, Scale::none, Summarized::none, "", "", TrialType::int32},
};

// Index of `name` in STATISTICS; an unknown name fails to compile (consteval).
consteval std::size_t statistic_index(std::string_view name) {
  for (std::size_t i = 0; i < STATISTICS.size(); ++i) {
    if (name == STATISTICS[i].name) return i;
  }
  throw "statistic_index: no such statistic";  // not a constant expression: a compile error
}

// The histogram bins of statistic s for a run of `members` x `years`.
BinSpec bin_spec(const Statistic& s, int members, int years);

// The dimension names of the cells, without `trial`.
std::vector<std::string> cell_dimensions(Cells cells);

// Number of cells for members x years (trial: 1).
int cell_count(Cells cells, int members, int years);

// The member of a cell, or -1 for cells that are not a member's (year, trial).
int member_of_cell(Cells cells, int cell, int years);

}  // namespace rampup
