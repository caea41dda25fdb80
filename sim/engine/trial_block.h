// Per-trial records of a contiguous block of trials, as written by --save-trials: outcomes and
// the sampled inputs that drove them, float32 where a value is continuous. Row r of every
// array belongs to trial first_trial + r.
#pragma once

#include <cstdint>
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
  std::vector<std::uint8_t> government_change, reclassified;
  // (trial, year)
  std::vector<std::uint8_t> recession, regime;
  std::vector<float> threat_logit, alliance_spending_usd_bn, alliance_share_pct;
  // (trial, member)
  std::vector<std::int32_t> first_year_core;
  // (trial)
  std::vector<std::int64_t> trial_id;
  std::vector<std::int32_t> param_row;

  void resize(int member_count, int year_count, std::size_t capacity_rows);
  // Stores one trial's outcome in row `row`.
  void store(std::size_t row, std::uint64_t trial, const TrialOutcome& t);
};

// Receives blocks in trial order, on the thread that called run_trials.
class TrialSink {
 public:
  virtual ~TrialSink() = default;
  virtual void write(const TrialBlock& block) = 0;
};

}  // namespace rampup
