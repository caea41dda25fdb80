// The mergeable statistics of a run: what the accumulator keeps of each trial's outcome
// (models/trial_outcome.h). Knows the outcome's shape, not the model's equations.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/params.h"
#include "models/trial_outcome.h"
#include "sim/engine/histogram.h"

namespace rampup {

// Bin layouts (quantile resolution = width). Shares in % of GDP, will in [0, 1]; spending is
// binned as % of the member's (or alliance's) base-year GDP, so one layout serves all sizes.
inline constexpr BinSpec SHARE_BINS{0.0, 0.01, 2000};     // 0-20 % of GDP, 0.01 pp
inline constexpr BinSpec WILL_BINS{0.0, 0.005, 200};      // 0-1, 0.005
inline constexpr BinSpec SPENDING_BINS{0.0, 0.01, 3000};  // 0-30 % of base GDP, 0.01
inline constexpr BinSpec PERCENT_BINS{0.0, 0.05, 2000};   // 0-100 %, 0.05 pp (US share)

class OutcomeStats {
 public:
  OutcomeStats() = default;
  explicit OutcomeStats(const ModelParams& model);

  void add(const TrialOutcome& trial);
  // The same as add() of each of `count` trials (faster: see the .cpp).
  void add_batch(const TrialOutcome* trials, int count);
  static constexpr int MAX_BATCH = 64;

  // 16-bit bin counts of the four member-year histograms (BinTally), for a run's hot loop:
  // add_batch(trials, count, tally) counts their bins in the tally; only after
  // tally.flush(*this) do these statistics hold every count.
  struct Tally {
    Tally() = default;
    explicit Tally(const OutcomeStats& s)
        : core_share_pct(s.core_share_pct),
          total_share_pct(s.total_share_pct),
          spending_pct_base_gdp(s.spending_pct_base_gdp),
          will(s.will) {}
    void flush(OutcomeStats& s) {
      core_share_pct.flush(s.core_share_pct);
      total_share_pct.flush(s.total_share_pct);
      spending_pct_base_gdp.flush(s.spending_pct_base_gdp);
      will.flush(s.will);
    }
    BinTally core_share_pct, total_share_pct, spending_pct_base_gdp, will;
  };
  void add_batch(const TrialOutcome* trials, int count, Tally& tally);
  void merge(const OutcomeStats& other);  // throws std::invalid_argument on shape mismatch

  // The statistics as flat 64-bit words (trial count first) for message passing between MPI
  // ranks; merge_words(words()) of another run's statistics equals merge() of them. Both
  // sides must have the same shape (same scenario); a wrong size throws std::invalid_argument.
  std::vector<std::uint64_t> words() const;
  void merge_words(const std::vector<std::uint64_t>& words);

  int members() const { return members_; }
  int years() const { return years_; }
  std::uint64_t trials() const { return trials_; }
  const std::vector<double>& base_gdp_usd_bn() const { return base_gdp_usd_bn_; }
  double alliance_base_gdp_usd_bn() const { return alliance_base_gdp_usd_bn_; }

  // Per member-year (cell m * years + y).
  CellHistograms core_share_pct, total_share_pct, spending_pct_base_gdp, will;
  std::vector<std::uint64_t> at_core_target, at_total_target;
  // Per member (cell m): first year at target as year index 0..years-1, `years` = never.
  CellHistograms first_year_core, first_year_total;
  std::vector<std::uint64_t> holds_core, on_track_review, first_by_jump;
  // Per year (cell y).
  CellHistograms alliance_spending_pct_base_gdp, alliance_share_pct, us_share_pct,
      members_at_core_target, members_at_total_target;
  std::vector<std::uint64_t> alliance_at_core_target;

  // Visit every statistic by its results-file name (fixed order), for I/O and merging.
  template <class Self, class F>
  static void for_each_histogram(Self& self, F&& f) {
    f("core_share", self.core_share_pct);
    f("total_share", self.total_share_pct);
    f("spending", self.spending_pct_base_gdp);
    f("will", self.will);
    f("first_year_core", self.first_year_core);
    f("first_year_total", self.first_year_total);
    f("alliance_spending", self.alliance_spending_pct_base_gdp);
    f("alliance_share", self.alliance_share_pct);
    f("us_share", self.us_share_pct);
    f("members_at_core_target", self.members_at_core_target);
    f("members_at_total_target", self.members_at_total_target);
  }
  template <class Self, class F>
  static void for_each_counter(Self& self, F&& f) {
    f("at_core_target", self.at_core_target);
    f("at_total_target", self.at_total_target);
    f("holds_core", self.holds_core);
    f("on_track_review", self.on_track_review);
    f("first_by_jump", self.first_by_jump);
    f("alliance_at_core_target", self.alliance_at_core_target);
  }
  void set_trials(std::uint64_t trials) { trials_ = trials; }

  bool operator==(const OutcomeStats&) const = default;

 private:
  void add_batch(const TrialOutcome* trials, int count, Tally* tally);
  int members_ = 0;
  int years_ = 0;
  std::uint64_t trials_ = 0;
  std::vector<double> base_gdp_usd_bn_;
  std::vector<unsigned char> armed_;
  double alliance_base_gdp_usd_bn_ = 0.0;
  int start_year_ = 0;
};

}  // namespace rampup
