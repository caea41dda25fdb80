#include "sim/engine/trial_block.h"

#include <algorithm>
#include <string>

namespace rampup {

void TrialBlock::resize(int member_count, int year_count, std::size_t capacity_rows) {
  members = member_count;
  years = year_count;
  const std::size_t my = static_cast<std::size_t>(member_count) * year_count * capacity_rows;
  const std::size_t y = static_cast<std::size_t>(year_count) * capacity_rows;
  for (auto* v : {&core_share_pct, &total_share_pct, &spending_usd_bn, &will, &growth_pct}) {
    v->assign(my, 0.0f);
  }
  government_change.assign(my, 0);
  reclassified.assign(my, 0);
  at_core_target.assign(my, 0);
  recession.assign(y, 0);
  regime.assign(y, 0);
  alliance_at_core_target.assign(y, 0);
  for (auto* v : {&threat_logit, &alliance_spending_usd_bn, &alliance_share_pct})
    v->assign(y, 0.0f);
  first_year_core.assign(static_cast<std::size_t>(member_count) * capacity_rows, 0);
  trial_id.assign(capacity_rows, 0);
  param_row.assign(capacity_rows, 0);
}

void TrialBlock::store(std::size_t row, std::uint64_t trial, const TrialOutcome& t) {
  const std::size_t my = static_cast<std::size_t>(members) * years;
  const auto narrow = [](const std::vector<double>& from, std::vector<float>& to, std::size_t at) {
    std::transform(from.begin(), from.end(), to.begin() + static_cast<std::ptrdiff_t>(at),
                   [](double x) { return static_cast<float>(x); });
  };
  narrow(t.core_share_pct, core_share_pct, row * my);
  narrow(t.total_share_pct, total_share_pct, row * my);
  narrow(t.core_spending_usd_bn, spending_usd_bn, row * my);
  narrow(t.will, will, row * my);
  narrow(t.growth_pct, growth_pct, row * my);
  std::copy(t.government_change.begin(), t.government_change.end(),
            government_change.begin() + static_cast<std::ptrdiff_t>(row * my));
  std::copy(t.reclassified.begin(), t.reclassified.end(),
            reclassified.begin() + static_cast<std::ptrdiff_t>(row * my));
  std::copy(t.at_core_target.begin(), t.at_core_target.end(),
            at_core_target.begin() + static_cast<std::ptrdiff_t>(row * my));
  const std::size_t y = static_cast<std::size_t>(years);
  std::copy(t.recession.begin(), t.recession.end(),
            recession.begin() + static_cast<std::ptrdiff_t>(row * y));
  std::copy(t.regime.begin(), t.regime.end(),
            regime.begin() + static_cast<std::ptrdiff_t>(row * y));
  std::copy(t.alliance_at_core_target.begin(), t.alliance_at_core_target.end(),
            alliance_at_core_target.begin() + static_cast<std::ptrdiff_t>(row * y));
  narrow(t.threat_logit, threat_logit, row * y);
  narrow(t.alliance_spending_usd_bn, alliance_spending_usd_bn, row * y);
  narrow(t.alliance_share_pct, alliance_share_pct, row * y);
  std::copy(t.first_year_core.begin(), t.first_year_core.end(),
            first_year_core.begin() + static_cast<std::ptrdiff_t>(row * members));
  trial_id[row] = static_cast<std::int64_t>(trial);
  param_row[row] = static_cast<std::int32_t>(t.param_row);
}

namespace {
std::size_t words_for(std::size_t bytes) { return (bytes + 7) / 8; }
}  // namespace

std::vector<std::uint64_t> TrialBlock::words() const {
  std::vector<std::uint64_t> out{first_trial, rows};
  for_each_array(*this, [&](const auto& v) {
    const std::size_t bytes = v.size() * sizeof(v[0]);
    const std::size_t at = out.size();
    out.resize(at + words_for(bytes), 0);
    if (bytes > 0) std::memcpy(out.data() + at, v.data(), bytes);
  });
  return out;
}

void TrialBlock::read_words(const std::vector<std::uint64_t>& w) {
  std::size_t expected = 2;
  for_each_array(*this, [&](const auto& v) { expected += words_for(v.size() * sizeof(v[0])); });
  if (w.size() != expected) {
    throw std::invalid_argument("TrialBlock::read_words: " + std::to_string(w.size()) +
                                " words for a block of " + std::to_string(expected));
  }
  first_trial = w[0];
  rows = w[1];
  std::size_t at = 2;
  for_each_array(*this, [&](auto& v) {
    const std::size_t bytes = v.size() * sizeof(v[0]);
    if (bytes > 0) std::memcpy(v.data(), w.data() + at, bytes);
    at += words_for(bytes);
  });
}

}  // namespace rampup
