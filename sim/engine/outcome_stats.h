// The mergeable statistics of a run: what the accumulator keeps of each trial's outcome
// (models/trial_outcome.h), one histogram or count per entry of a statistics table
// (sim/engine/statistics.h). Knows the outcome's shape, not the model's equations.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/params.h"
#include "models/trial_outcome.h"
#include "sim/engine/histogram.h"
#include "sim/engine/statistics.h"

namespace rampup {

class OutcomeStats {
 public:
  OutcomeStats() = default;
  // The statistics of `table` (STATISTICS, or a table that extends it) for model's members and
  // years.
  explicit OutcomeStats(const ModelParams& model, std::span<const Statistic> table = STATISTICS);

  void add(const TrialOutcome& trial);
  // The same as add() of each of `count` trials (faster: see the .cpp).
  void add_batch(const TrialOutcome* trials, int count);
  static constexpr int MAX_BATCH = 64;

  // 16-bit bin counts of every histogram (BinTally), for a run's hot loop: add_batch(trials,
  // count, tally) counts their bins in the tally; only after tally.flush(*this) do these
  // statistics hold every count.
  struct Tally {
    Tally() = default;
    explicit Tally(const OutcomeStats& s) : bins(s.table_.size()) {
      for (std::size_t i = 0; i < bins.size(); ++i) {
        if (s.table_[i].kept == Kept::histogram) bins[i] = BinTally(s.histograms_[i]);
      }
    }
    void flush(OutcomeStats& s) {
      for (std::size_t i = 0; i < bins.size(); ++i) {
        if (s.table_[i].kept == Kept::histogram) bins[i].flush(s.histograms_[i]);
      }
    }
    std::vector<BinTally> bins;  // per table entry; empty unless kept histogram
  };
  void add_batch(const TrialOutcome* trials, int count, Tally& tally);
  void merge(const OutcomeStats& other);  // throws std::invalid_argument on shape mismatch

  // The statistics as flat 64-bit words (trial count first) for message passing between MPI
  // ranks; merge_words(words()) of another run's statistics equals merge() of them. Both
  // sides must have the same shape (same scenario); a wrong size throws std::invalid_argument.
  std::vector<std::uint64_t> words() const;
  void merge_words(const std::vector<std::uint64_t>& words);

  const std::vector<Statistic>& table() const { return table_; }
  // Entry i of table(): its histogram (kept histogram) or counts per cell (kept count).
  const CellHistograms& histogram(std::size_t i) const { return histograms_.at(i); }
  CellHistograms& histogram(std::size_t i) { return histograms_.at(i); }
  const std::vector<std::uint64_t>& counts(std::size_t i) const { return counts_.at(i); }
  std::vector<std::uint64_t>& counts(std::size_t i) { return counts_.at(i); }

  int members() const { return members_; }
  int years() const { return years_; }
  std::uint64_t trials() const { return trials_; }
  const std::vector<double>& base_gdp_usd_bn() const { return base_gdp_usd_bn_; }
  double alliance_base_gdp_usd_bn() const { return alliance_base_gdp_usd_bn_; }

  void set_trials(std::uint64_t trials) { trials_ = trials; }

  bool operator==(const OutcomeStats&) const = default;

 private:
  void add_batch(const TrialOutcome* trials, int count, Tally* tally);
  void add_counts(std::size_t i, const TrialOutcome* trials, int count);
  std::vector<Statistic> table_;
  std::vector<CellHistograms> histograms_;          // per entry; empty unless kept histogram
  std::vector<std::vector<std::uint64_t>> counts_;  // per entry; empty unless kept count
  // Per kept-count entry and cell: all ones if the cell is counted, 0 for a member without
  // armed forces.
  std::vector<std::vector<std::uint64_t>> counted_cells_;
  int members_ = 0;
  int years_ = 0;
  std::uint64_t trials_ = 0;
  std::vector<double> base_gdp_usd_bn_;
  std::vector<unsigned char> armed_;
  double alliance_base_gdp_usd_bn_ = 0.0;
  int start_year_ = 0;
};

}  // namespace rampup
