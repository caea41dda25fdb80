#include "sim/engine/outcome_stats.h"

#include <algorithm>
#include <stdexcept>

namespace rampup {

namespace {
BinSpec integer_bins(int max_value) { return {-0.5, 1.0, max_value + 1}; }
}  // namespace

OutcomeStats::OutcomeStats(const ModelParams& model)
    : members_(model.member_count()), years_(model.year_count()), start_year_(model.start_year) {
  const int my = members_ * years_;
  core_share_pct = CellHistograms(my, SHARE_BINS);
  total_share_pct = CellHistograms(my, SHARE_BINS);
  spending_pct_base_gdp = CellHistograms(my, SPENDING_BINS);
  will = CellHistograms(my, WILL_BINS);
  at_core_target.assign(my, 0);
  at_total_target.assign(my, 0);
  first_year_core = CellHistograms(members_, integer_bins(years_));
  first_year_total = CellHistograms(members_, integer_bins(years_));
  holds_core.assign(members_, 0);
  on_track_review.assign(members_, 0);
  first_by_jump.assign(members_, 0);
  alliance_spending_pct_base_gdp = CellHistograms(years_, SPENDING_BINS);
  alliance_share_pct = CellHistograms(years_, SHARE_BINS);
  us_share_pct = CellHistograms(years_, PERCENT_BINS);
  members_at_core_target = CellHistograms(years_, integer_bins(members_));
  members_at_total_target = CellHistograms(years_, integer_bins(members_));
  alliance_at_core_target.assign(years_, 0);
  for (const MemberParams& m : model.members) {
    base_gdp_usd_bn_.push_back(m.gdp_base_usd_bn);
    armed_.push_back(m.has_armed_forces);
    if (m.has_armed_forces) alliance_base_gdp_usd_bn_ += m.gdp_base_usd_bn;
  }
}

void OutcomeStats::add(const TrialOutcome& t) { add_batch(&t, 1); }

// Cell by cell over the batch: each histogram row (up to 3002 slots, 24 KB) is loaded once per
// batch instead of once per trial, so it stays in L1 while the batch's values go in. The sums
// are integers, so the order of the additions does not change a bit of the result.
void OutcomeStats::add_batch(const TrialOutcome* t, int n) { add_batch(t, n, nullptr); }
void OutcomeStats::add_batch(const TrialOutcome* t, int n, Tally& tally) {
  add_batch(t, n, &tally);
}

void OutcomeStats::add_batch(const TrialOutcome* t, int n, Tally* tally) {
  if (n > MAX_BATCH) {
    for (int k = 0; k < n; k += MAX_BATCH) add_batch(t + k, std::min(MAX_BATCH, n - k), tally);
    return;
  }
  trials_ += static_cast<std::uint64_t>(n);
  double x[MAX_BATCH];  // one cell's values over the batch
  const auto gather = [&](auto value) {
    for (int k = 0; k < n; ++k) x[k] = value(t[k]);
    return x;
  };
  const auto add_values = [&](CellHistograms& h, BinTally* h_tally, int c, const double* v) {
    if (h_tally != nullptr) {
      h.add_values(*h_tally, c, v, n);
    } else {
      h.add_values(c, v, n);
    }
  };
  BinTally* core_tally = tally != nullptr ? &tally->core_share_pct : nullptr;
  BinTally* total_tally = tally != nullptr ? &tally->total_share_pct : nullptr;
  BinTally* spending_tally = tally != nullptr ? &tally->spending_pct_base_gdp : nullptr;
  BinTally* will_tally = tally != nullptr ? &tally->will : nullptr;
  for (int m = 0; m < members_; ++m) {
    if (!armed_[m]) continue;  // no armed forces: left out of every statistic
    const double to_pct_base = 100.0 / base_gdp_usd_bn_[m];
    for (int y = 0; y < years_; ++y) {
      const int c = m * years_ + y;
      add_values(core_share_pct, core_tally, c,
                 gather([c](const TrialOutcome& o) { return o.core_share_pct[c]; }));
      add_values(total_share_pct, total_tally, c,
                 gather([c](const TrialOutcome& o) { return o.total_share_pct[c]; }));
      std::uint64_t at_core = 0, at_total = 0;  // as the model judged them (compute_outcomes)
      for (int k = 0; k < n; ++k) {
        at_core += t[k].at_core_target[c];
        at_total += t[k].at_total_target[c];
      }
      at_core_target[c] += at_core;
      at_total_target[c] += at_total;
      add_values(spending_pct_base_gdp, spending_tally, c, gather([&](const TrialOutcome& o) {
                   return o.core_spending_usd_bn[c] * to_pct_base;
                 }));
      add_values(will, will_tally, c, gather([c](const TrialOutcome& o) { return o.will[c]; }));
    }
    const auto year_index = [&](int first) {
      return first == NEVER ? years_ : first - start_year_;
    };
    for (int k = 0; k < n; ++k) {
      first_year_core.add(m, year_index(t[k].first_year_core[m]));
      first_year_total.add(m, year_index(t[k].first_year_total[m]));
      holds_core[m] += t[k].holds_core[m];
      on_track_review[m] += t[k].on_track_review[m];
      first_by_jump[m] += t[k].first_by_jump[m];
    }
  }
  const double to_pct_alliance = 100.0 / alliance_base_gdp_usd_bn_;
  for (int y = 0; y < years_; ++y) {
    for (int k = 0; k < n; ++k) {
      alliance_spending_pct_base_gdp.add(y, t[k].alliance_spending_usd_bn[y] * to_pct_alliance);
      alliance_share_pct.add(y, t[k].alliance_share_pct[y]);
      us_share_pct.add(y, t[k].us_share_pct[y]);
      members_at_core_target.add(y, t[k].members_at_core_target[y]);
      members_at_total_target.add(y, t[k].members_at_total_target[y]);
      alliance_at_core_target[y] += t[k].alliance_at_core_target[y];
    }
  }
}

void OutcomeStats::merge(const OutcomeStats& other) {
  if (other.members_ != members_ || other.years_ != years_) {
    throw std::invalid_argument("OutcomeStats::merge: runs have different members or years");
  }
  std::vector<const CellHistograms*> theirs;
  for_each_histogram(other, [&](const char*, const CellHistograms& h) { theirs.push_back(&h); });
  std::size_t i = 0;
  for_each_histogram(*this, [&](const char*, CellHistograms& h) { h.merge(*theirs[i++]); });
  std::vector<const std::vector<std::uint64_t>*> their_counters;
  for_each_counter(other, [&](const char*, const std::vector<std::uint64_t>& v) {
    their_counters.push_back(&v);
  });
  i = 0;
  for_each_counter(*this, [&](const char*, std::vector<std::uint64_t>& v) {
    const std::vector<std::uint64_t>& theirs_v = *their_counters[i++];
    for (std::size_t j = 0; j < v.size(); ++j) v[j] += theirs_v[j];
  });
  trials_ += other.trials_;
}

std::vector<std::uint64_t> OutcomeStats::words() const {
  std::vector<std::uint64_t> out{trials_};
  for_each_histogram(*this, [&](const char*, const CellHistograms& h) { h.append_words(out); });
  for_each_counter(*this, [&](const char*, const std::vector<std::uint64_t>& v) {
    out.insert(out.end(), v.begin(), v.end());
  });
  return out;
}

void OutcomeStats::merge_words(const std::vector<std::uint64_t>& words) {
  std::size_t expected = 1;
  for_each_histogram(*this,
                     [&](const char*, const CellHistograms& h) { expected += h.word_count(); });
  for_each_counter(*this,
                   [&](const char*, const std::vector<std::uint64_t>& v) { expected += v.size(); });
  if (words.size() != expected) {
    throw std::invalid_argument("OutcomeStats::merge_words: " + std::to_string(words.size()) +
                                " words for statistics of " + std::to_string(expected));
  }
  const std::uint64_t* w = words.data();
  trials_ += *w++;
  for_each_histogram(*this, [&](const char*, CellHistograms& h) { w = h.add_words(w); });
  for_each_counter(*this, [&](const char*, std::vector<std::uint64_t>& v) {
    for (auto& c : v) c += *w++;
  });
}

}  // namespace rampup
