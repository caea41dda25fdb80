// Per-trial records of a contiguous block of trials, as written by --save-trials: outcomes and
// the sampled inputs that drove them, float32 where a value is continuous. Row r of every
// array belongs to trial first_trial + r.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "models/trial_outcome.h"

namespace rampup {

struct TrialBlock {
  int members = 0;
  int years = 0;
  std::uint64_t first_trial = 0;
  std::size_t rows = 0;
  // (trial, member, year)
  std::vector<float> core_share_pct, total_share_pct, spending_usd_bn, will, growth_pct;
  std::vector<std::uint8_t> government_change, reclassified, at_core_target;
  // (trial, year)
  std::vector<std::uint8_t> recession, regime, alliance_at_core_target;
  std::vector<float> threat_logit, alliance_spending_usd_bn, alliance_share_pct;
  // (trial, member)
  std::vector<std::int32_t> first_year_core;
  // (trial)
  std::vector<std::int64_t> trial_id;
  std::vector<std::int32_t> param_row;

  void resize(int member_count, int year_count, std::size_t capacity_rows);
  // Stores one trial's outcome in row `row`.
  void store(std::size_t row, std::uint64_t trial, const TrialOutcome& t);

  // The block as 64-bit words (first_trial, rows, then every array's bytes, each padded to
  // whole words) for sending between MPI ranks; read_words() restores a block resized to the
  // same shape and capacity (std::invalid_argument otherwise).
  std::vector<std::uint64_t> words() const;
  void read_words(const std::vector<std::uint64_t>& words);

 private:
  template <class Self, class F>
  static void for_each_array(Self& self, F&& f) {
    f(self.core_share_pct), f(self.total_share_pct), f(self.spending_usd_bn), f(self.will),
        f(self.growth_pct), f(self.government_change), f(self.reclassified), f(self.recession),
        f(self.regime), f(self.threat_logit), f(self.alliance_spending_usd_bn),
        f(self.alliance_share_pct), f(self.first_year_core), f(self.trial_id), f(self.param_row),
        f(self.at_core_target), f(self.alliance_at_core_target);
  }
};

// Receives blocks in trial order, on the thread that called run_trials.
class TrialSink {
 public:
  virtual ~TrialSink() = default;
  virtual void write(const TrialBlock& block) = 0;
};

}  // namespace rampup
