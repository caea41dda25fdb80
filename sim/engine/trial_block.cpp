#include "sim/engine/trial_block.h"

#include <algorithm>
#include <string>

namespace rampup {

std::size_t trial_type_size(TrialType type) {
  switch (type) {
    case TrialType::float32:
      return sizeof(float);
    case TrialType::uint8:
      return sizeof(std::uint8_t);
    case TrialType::int32:
      return sizeof(std::int32_t);
    case TrialType::none:
      return 0;
  }
  throw std::logic_error("trial_type_size: unknown type");
}

void TrialBlock::resize(int member_count, int year_count, std::size_t capacity_rows,
                        std::span<const Statistic> table) {
  members = member_count;
  years = year_count;
  trial_id.assign(capacity_rows, 0);
  columns.clear();
  for (const Statistic& s : table) {
    if (s.trial_type == TrialType::none) continue;
    Column c{s, static_cast<std::size_t>(cell_count(s.cells, member_count, year_count)), {}};
    c.bytes.assign(c.cells * capacity_rows * trial_type_size(s.trial_type), 0);
    columns.push_back(std::move(c));
  }
}

namespace {

template <class T>
void narrow(const double* from, std::size_t count, unsigned char* to) {
  for (std::size_t j = 0; j < count; ++j) {
    const T v = static_cast<T>(from[j]);
    std::memcpy(to + j * sizeof(T), &v, sizeof(T));
  }
}

}  // namespace

void TrialBlock::store(std::size_t row, std::uint64_t trial, const TrialOutcome& t) {
  constexpr int CHUNK = 256;  // cells gathered at a time, on the stack (threads store at once)
  double values[CHUNK];
  for (Column& c : columns) {
    const std::size_t size = trial_type_size(c.statistic.trial_type);
    unsigned char* out = c.bytes.data() + row * c.cells * size;
    const int cells = static_cast<int>(c.cells);
    for (int first = 0; first < cells; first += CHUNK) {
      const int count = std::min(CHUNK, cells - first);
      c.statistic.gather(&t, 1, first, count, values);
      unsigned char* to = out + static_cast<std::size_t>(first) * size;
      switch (c.statistic.trial_type) {
        case TrialType::float32:
          narrow<float>(values, count, to);
          break;
        case TrialType::uint8:
          narrow<std::uint8_t>(values, count, to);
          break;
        case TrialType::int32:
          narrow<std::int32_t>(values, count, to);
          break;
        case TrialType::none:
          break;
      }
    }
  }
  trial_id[row] = static_cast<std::int64_t>(trial);
}

const TrialBlock::Column& TrialBlock::column(const std::string& name) const {
  for (const Column& c : columns) {
    if (name == c.statistic.name) return c;
  }
  throw std::invalid_argument("TrialBlock::column: no per-trial statistic " + name);
}

namespace {
std::size_t words_for(std::size_t bytes) { return (bytes + 7) / 8; }

template <class Block, class F>
void for_each_array(Block& b, F&& f) {
  f(b.trial_id.data(), b.trial_id.size() * sizeof(std::int64_t));
  for (auto& c : b.columns) f(c.bytes.data(), c.bytes.size());
}
}  // namespace

std::vector<std::uint64_t> TrialBlock::words() const {
  std::vector<std::uint64_t> out{first_trial, rows};
  for_each_array(*this, [&](const void* data, std::size_t bytes) {
    const std::size_t at = out.size();
    out.resize(at + words_for(bytes), 0);
    if (bytes > 0) std::memcpy(out.data() + at, data, bytes);
  });
  return out;
}

void TrialBlock::read_words(const std::vector<std::uint64_t>& w) {
  std::size_t expected = 2;
  for_each_array(*this, [&](const void*, std::size_t bytes) { expected += words_for(bytes); });
  if (w.size() != expected) {
    throw std::invalid_argument("TrialBlock::read_words: " + std::to_string(w.size()) +
                                " words for a block of " + std::to_string(expected));
  }
  first_trial = w[0];
  rows = w[1];
  std::size_t at = 2;
  for_each_array(*this, [&](void* data, std::size_t bytes) {
    if (bytes > 0) std::memcpy(data, w.data() + at, bytes);
    at += words_for(bytes);
  });
}

}  // namespace rampup
