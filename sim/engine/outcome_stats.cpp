#include "sim/engine/outcome_stats.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace rampup {

OutcomeStats::OutcomeStats(const ModelParams& model, std::span<const Statistic> table)
    : table_(table.begin(), table.end()),
      histograms_(table.size()),
      counts_(table.size()),
      counted_cells_(table.size()),
      members_(model.member_count()),
      years_(model.year_count()),
      start_year_(model.start_year) {
  for (std::size_t i = 0; i < table_.size(); ++i) {
    const Statistic& s = table_[i];
    const int cells = cell_count(s.cells, members_, years_);
    if (s.scale == Scale::member_base_gdp && s.cells != Cells::member_year &&
        s.cells != Cells::member) {
      throw std::invalid_argument(std::string("statistic ") + s.name +
                                  ": a member's base-GDP scale needs member cells");
    }
    if (s.kept == Kept::histogram)
      histograms_[i] = CellHistograms(cells, bin_spec(s, members_, years_));
    if (s.kept == Kept::count) counts_[i].assign(static_cast<std::size_t>(cells), 0);
  }
  for (const MemberParams& m : model.members) {
    base_gdp_usd_bn_.push_back(m.gdp_base_usd_bn);
    armed_.push_back(m.has_armed_forces);
    if (m.has_armed_forces) alliance_base_gdp_usd_bn_ += m.gdp_base_usd_bn;
  }
  // Members without armed forces are left out of every statistic.
  for (std::size_t i = 0; i < table_.size(); ++i) {
    for (std::size_t c = 0; c < counts_[i].size(); ++c) {
      const int m = member_of_cell(table_[i].cells, static_cast<int>(c), years_);
      counted_cells_[i].push_back(m < 0 || armed_[m] ? ~std::uint64_t{0} : 0);
    }
  }
}

void OutcomeStats::add(const TrialOutcome& t) { add_batch(&t, 1); }

// Statistic by statistic, cell by cell over the batch: each histogram row (up to 3002 slots,
// 24 KB) is loaded once per batch instead of once per trial, so it stays in L1 while the
// batch's values go in. The sums are integers, so the order of the additions does not change a
// bit of the result.
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
  const double to_pct_alliance = 100.0 / alliance_base_gdp_usd_bn_;
  for (std::size_t i = 0; i < table_.size(); ++i) {
    const Statistic& s = table_[i];
    if (s.kept == Kept::none) continue;
    if (s.kept == Kept::count) {
      add_counts(i, t, n);
      continue;
    }
    // Members without armed forces are left out of every statistic.
    const bool per_member = s.cells == Cells::member_year || s.cells == Cells::member;
    const int members = per_member ? members_ : 1;
    const int cells_per_member = cell_count(s.cells, members_, years_) / members;
    for (int m = 0; m < members; ++m) {
      if (per_member && !armed_[m]) continue;
      const double scale = s.scale == Scale::member_base_gdp     ? 100.0 / base_gdp_usd_bn_[m]
                           : s.scale == Scale::alliance_base_gdp ? to_pct_alliance
                                                                 : 1.0;
      for (int c = m * cells_per_member; c < (m + 1) * cells_per_member; ++c) {
        s.gather(t, n, c, 1, x);
        if (s.scale == Scale::year_index) {
          for (int k = 0; k < n; ++k) x[k] = x[k] == NEVER ? years_ : x[k] - start_year_;
        } else if (s.scale != Scale::none) {
          for (int k = 0; k < n; ++k) x[k] *= scale;
        }
        if (tally != nullptr) {
          histograms_[i].add_values(tally->bins[i], c, x, n);
        } else {
          histograms_[i].add_values(c, x, n);
        }
      }
    }
  }
}

// Counts trial by trial: a trial's indicators of every cell are adjacent, and the counts (a few
// KB) stay in L1, so this is contiguous work, unlike a histogram's cell-by-cell order above.
void OutcomeStats::add_counts(std::size_t i, const TrialOutcome* t, int n) {
  constexpr int PART = 512;  // cells gathered at a time
  double x[PART];
  std::uint64_t* counts = counts_[i].data();
  const std::uint64_t* counted = counted_cells_[i].data();
  const int cells = static_cast<int>(counts_[i].size());
  for (int k = 0; k < n; ++k) {
    for (int first = 0; first < cells; first += PART) {
      const int part = std::min(PART, cells - first);
      table_[i].gather(t + k, 1, first, part, x);
      count_ones(x, counted + first, part, counts + first);
    }
  }
}

void OutcomeStats::merge(const OutcomeStats& other) {
  if (other.members_ != members_ || other.years_ != years_ || other.table_ != table_) {
    throw std::invalid_argument(
        "OutcomeStats::merge: runs have different members, years or statistics");
  }
  for (std::size_t i = 0; i < table_.size(); ++i) {
    if (table_[i].kept == Kept::histogram) histograms_[i].merge(other.histograms_[i]);
    for (std::size_t c = 0; c < counts_[i].size(); ++c) counts_[i][c] += other.counts_[i][c];
  }
  trials_ += other.trials_;
}

std::vector<std::uint64_t> OutcomeStats::words() const {
  std::vector<std::uint64_t> out{trials_};
  for (std::size_t i = 0; i < table_.size(); ++i) {
    if (table_[i].kept == Kept::histogram) histograms_[i].append_words(out);
    out.insert(out.end(), counts_[i].begin(), counts_[i].end());
  }
  return out;
}

void OutcomeStats::merge_words(const std::vector<std::uint64_t>& words) {
  std::size_t expected = 1;
  for (std::size_t i = 0; i < table_.size(); ++i) {
    if (table_[i].kept == Kept::histogram) expected += histograms_[i].word_count();
    expected += counts_[i].size();
  }
  if (words.size() != expected) {
    throw std::invalid_argument("OutcomeStats::merge_words: " + std::to_string(words.size()) +
                                " words for statistics of " + std::to_string(expected));
  }
  const std::uint64_t* w = words.data();
  trials_ += *w++;
  for (std::size_t i = 0; i < table_.size(); ++i) {
    if (table_[i].kept == Kept::histogram) w = histograms_[i].add_words(w);
    for (auto& c : counts_[i]) c += *w++;
  }
}

}  // namespace rampup
