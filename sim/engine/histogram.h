// Mergeable statistics of one quantity over a set of cells (e.g. member x year): per cell a
// fixed-bin histogram plus exact moment sums. Everything is integer, so merging is exactly
// associative and commutative: any thread count, block order or shard split gives the same
// bits (STYLE.md principle 9).
//
// Per cell c, for the values x_1..x_n added to it:
//   count[c]           = n (NaN values are skipped)
//   bins[c][k]         = #{x : lo + k w <= x < lo + (k+1) w}, k = 0..B-1,
//                        plus underflow (x < lo) and overflow (x >= lo + B w)
//   sum[c], sum_sq[c]  = sum of q, sum of q^2 with q = rint(x * 2^QUANT_BITS) (int64),
//                        accumulated in 128-bit integers.
// Estimators (moments.h): mean = sum / (n 2^QUANT_BITS), variance with n - 1 in the
// denominator; quantiles by linear interpolation inside the bin (resolution w).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/value_lanes.h"

namespace rampup {

__extension__ typedef __int128 int128;  // GCC/Clang extension, exact 128-bit sums
__extension__ typedef unsigned __int128 uint128;

struct BinSpec {
  double lo = 0.0;     // lower edge of the first bin
  double width = 1.0;  // bin width (the quantile resolution)
  int bins = 1;        // number of regular bins
  double hi() const { return lo + width * bins; }
  bool operator==(const BinSpec&) const = default;
};

class BinTally;

class CellHistograms {
 public:
  CellHistograms() = default;
  CellHistograms(int cells, BinSpec spec);

  void add(int cell, double x) { add_values(cell, &x, 1); }

  // add(cell, x[k]) for k < n, with the cell's count and sums kept in registers meanwhile.
  void add_values(int cell, const double* x, int n) {
    add_values_counting_in(&bins_[static_cast<std::size_t>(cell) * stride()], cell, x, n);
  }
  // The same, with the bin counts going into the tally's row of the cell (see BinTally).
  void add_values(BinTally& tally, int cell, const double* x, int n);

  // Adds a row of stride() bin counts (a tally's) into the cell's bins.
  void add_bin_counts(int cell, const std::uint16_t* counts) {
    std::uint64_t* row = &bins_[static_cast<std::size_t>(cell) * stride()];
    for (int k = 0; k < stride(); ++k) row[k] += counts[k];
  }

  void merge(const CellHistograms& other);  // throws std::invalid_argument on shape mismatch

  // Flat 64-bit words for message passing (MPI): counts, bins, then the sums and sums of
  // squares as (low, high) word pairs. add_words(w) adds what append_words wrote, as merge
  // would; it returns the position after this histogram's words.
  std::size_t word_count() const { return count_.size() + bins_.size() + 4 * sum_.size(); }
  void append_words(std::vector<std::uint64_t>& out) const;
  const std::uint64_t* add_words(const std::uint64_t* words);

  int cells() const { return cells_; }
  const BinSpec& spec() const { return spec_; }
  int stride() const { return spec_.bins + 2; }
  std::uint64_t count(int cell) const { return count_[cell]; }
  const std::uint64_t* bins(int cell) const {  // stride() slots: under, B bins, over
    return &bins_[static_cast<std::size_t>(cell) * stride()];
  }
  int128 sum(int cell) const { return sum_[cell]; }
  int128 sum_sq(int cell) const { return sum_sq_[cell]; }

  // Raw storage, for the results file.
  const std::vector<std::uint64_t>& raw_counts() const { return count_; }
  const std::vector<std::uint64_t>& raw_bins() const { return bins_; }
  const std::vector<int128>& raw_sums() const { return sum_; }
  const std::vector<int128>& raw_sum_sqs() const { return sum_sq_; }
  static CellHistograms from_raw(int cells, BinSpec spec, std::vector<std::uint64_t> counts,
                                 std::vector<std::uint64_t> bins, std::vector<int128> sums,
                                 std::vector<int128> sum_sqs);

  bool operator==(const CellHistograms&) const = default;

 private:
  template <class Count>
  void add_values_counting_in(Count* row, int cell, const double* x, int n) {
    // The slots and sums in SIMD lanes (value_lanes.h), then the bin increments, whose
    // addresses are then all known.
    const ValueBinning binning{spec_.lo, inv_width_, static_cast<double>(spec_.bins)};
    BinnedValues v;
    for (int first = 0; first < n; first += BinnedValues::MAX_VALUES) {
      const int count = std::min(n - first, BinnedValues::MAX_VALUES);
      bin_and_sum(x + first, count, binning, v);
      for (int k = 0; k < count; ++k) {
        if (v.slots[k] >= 0) ++row[v.slots[k]];
      }
      count_[cell] += v.count;
      sum_[cell] += v.sum;
      sum_sq_[cell] += (static_cast<int128>(v.square_high) << 52) +
                       (static_cast<int128>(v.square_middle) << 27) + v.square_low;
    }
  }

  int cells_ = 0;
  BinSpec spec_;
  double inv_width_ = 1.0;
  std::vector<std::uint64_t> count_;
  std::vector<std::uint64_t> bins_;
  std::vector<int128> sum_;
  std::vector<int128> sum_sq_;
};

// 16-bit bin counts in front of the 64-bit bins of a CellHistograms, for a run's hot loop
// (OutcomeStats::add_batch): each value's increment touches a quarter of the memory, so more of
// a histogram's busy rows stay in cache. Exact: a cell's row is added into the histogram and
// cleared before it could overflow, and by flush(), after which the histogram holds every count.
class BinTally {
 public:
  BinTally() = default;
  explicit BinTally(const CellHistograms& h)
      : stride_(h.stride()),
        counts_(static_cast<std::size_t>(h.cells()) * h.stride(), 0),
        held_(h.cells(), 0) {}

  static constexpr std::uint32_t MAX_HELD = 0xFFFF;  // values a row holds at most

  // The cell's row of counts, with room for n <= MAX_HELD more values (flushed into h first if
  // need be).
  std::uint16_t* row(CellHistograms& h, int cell, int n) {
    if (held_[cell] + static_cast<std::uint32_t>(n) > MAX_HELD) flush_cell(h, cell);
    held_[cell] += static_cast<std::uint32_t>(n);
    return &counts_[static_cast<std::size_t>(cell) * stride_];
  }
  void flush(CellHistograms& h) {
    for (int c = 0; c < static_cast<int>(held_.size()); ++c) {
      if (held_[c] > 0) flush_cell(h, c);
    }
  }

 private:
  void flush_cell(CellHistograms& h, int cell) {
    std::uint16_t* r = &counts_[static_cast<std::size_t>(cell) * stride_];
    h.add_bin_counts(cell, r);
    std::fill(r, r + stride_, std::uint16_t{0});
    held_[cell] = 0;
  }
  int stride_ = 0;
  std::vector<std::uint16_t> counts_;
  std::vector<std::uint32_t> held_;  // values counted in a cell's row since its last flush
};

inline void CellHistograms::add_values(BinTally& tally, int cell, const double* x, int n) {
  for (int k = 0; k < n; k += BinTally::MAX_HELD) {
    const int part = std::min(n - k, static_cast<int>(BinTally::MAX_HELD));
    add_values_counting_in(tally.row(*this, cell, part), cell, x + k, part);
  }
}

// Summary estimators of one cell.
double cell_mean(const CellHistograms& h, int cell);
double cell_sd(const CellHistograms& h, int cell);  // sample sd (n - 1); NaN if n < 2
// Quantile p in [0, 1] by linear interpolation within the bin holding rank p * n; values in
// the under/overflow slots are reported at the range edge. NaN if the cell is empty.
double cell_quantile(const CellHistograms& h, int cell, double p);

}  // namespace rampup
