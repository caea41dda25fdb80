#include "sim/engine/histogram.h"

#include <limits>
#include <stdexcept>

namespace rampup {

CellHistograms::CellHistograms(int cells, BinSpec spec)
    : cells_(cells),
      spec_(spec),
      inv_width_(1.0 / spec.width),
      count_(cells, 0),
      bins_(static_cast<std::size_t>(cells) * (spec.bins + 2), 0),
      sum_(cells, 0),
      sum_sq_(cells, 0) {
  if (cells < 0 || spec.bins < 1 || !(spec.width > 0.0)) {
    throw std::invalid_argument("CellHistograms: need cells >= 0, bins >= 1 and width > 0");
  }
}

void CellHistograms::merge(const CellHistograms& other) {
  if (other.cells_ != cells_ || !(other.spec_ == spec_)) {
    throw std::invalid_argument("CellHistograms::merge: different cells or bins");
  }
  for (std::size_t i = 0; i < count_.size(); ++i) count_[i] += other.count_[i];
  for (std::size_t i = 0; i < bins_.size(); ++i) bins_[i] += other.bins_[i];
  for (std::size_t i = 0; i < sum_.size(); ++i) {
    sum_[i] += other.sum_[i];
    sum_sq_[i] += other.sum_sq_[i];
  }
}

void CellHistograms::append_words(std::vector<std::uint64_t>& out) const {
  out.insert(out.end(), count_.begin(), count_.end());
  out.insert(out.end(), bins_.begin(), bins_.end());
  for (const std::vector<int128>* sums : {&sum_, &sum_sq_}) {
    for (const int128 x : *sums) {
      const auto bits = static_cast<uint128>(x);  // two's complement, exact
      out.push_back(static_cast<std::uint64_t>(bits));
      out.push_back(static_cast<std::uint64_t>(bits >> 64));
    }
  }
}

const std::uint64_t* CellHistograms::add_words(const std::uint64_t* w) {
  for (auto& c : count_) c += *w++;
  for (auto& b : bins_) b += *w++;
  for (std::vector<int128>* sums : {&sum_, &sum_sq_}) {
    for (int128& x : *sums) {
      const uint128 bits = (static_cast<uint128>(w[1]) << 64) | w[0];
      x += static_cast<int128>(bits);
      w += 2;
    }
  }
  return w;
}

CellHistograms CellHistograms::from_raw(int cells, BinSpec spec, std::vector<std::uint64_t> counts,
                                        std::vector<std::uint64_t> bins, std::vector<int128> sums,
                                        std::vector<int128> sum_sqs) {
  CellHistograms h(cells, spec);
  if (counts.size() != h.count_.size() || bins.size() != h.bins_.size() ||
      sums.size() != h.sum_.size() || sum_sqs.size() != h.sum_sq_.size()) {
    throw std::invalid_argument("CellHistograms::from_raw: array sizes do not match the shape");
  }
  h.count_ = std::move(counts);
  h.bins_ = std::move(bins);
  h.sum_ = std::move(sums);
  h.sum_sq_ = std::move(sum_sqs);
  return h;
}

double cell_mean(const CellHistograms& h, int cell) {
  const std::uint64_t n = h.count(cell);
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(h.sum(cell)) / QUANT_SCALE / static_cast<double>(n);
}

double cell_sd(const CellHistograms& h, int cell) {
  const std::uint64_t n = h.count(cell);
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  // The sums are exact integers; the variance is formed from them in long double (64-bit
  // mantissa), and clamped at 0 against rounding.
  const long double s1 = static_cast<long double>(h.sum(cell));
  const long double s2 = static_cast<long double>(h.sum_sq(cell));
  const long double nn = static_cast<long double>(n);
  long double var_q = (s2 - s1 * s1 / nn) / (nn - 1.0L);
  if (var_q < 0.0L) var_q = 0.0L;
  return static_cast<double>(std::sqrt(var_q) / QUANT_SCALE);
}

double cell_quantile(const CellHistograms& h, int cell, double p) {
  const std::uint64_t n = h.count(cell);
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  const BinSpec& s = h.spec();
  const std::uint64_t* row = h.bins(cell);
  const double rank = p * static_cast<double>(n);
  double cumulative = static_cast<double>(row[0]);
  if (rank <= cumulative && row[0] > 0) return s.lo;
  for (int k = 0; k < s.bins; ++k) {
    const double c = static_cast<double>(row[k + 1]);
    if (c > 0.0 && rank <= cumulative + c) {
      const double frac = (rank - cumulative) / c;
      return s.lo + (k + frac) * s.width;
    }
    cumulative += c;
  }
  return s.hi();
}

}  // namespace rampup
