// Per-trial records of a contiguous block of trials, as written by --save-trials: one column
// per statistic with a per-trial type (sim/engine/statistics.h), float32 where a value is
// continuous. Row r of every column belongs to trial first_trial + r.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <vector>

#include "models/trial_outcome.h"
#include "sim/engine/statistics.h"

namespace rampup {

struct TrialBlock {
  // One statistic's values, rows x cells of its trial type.
  struct Column {
    Statistic statistic;
    std::size_t cells = 0;             // values per row
    std::vector<unsigned char> bytes;  // rows x cells values of the trial type
    template <class T>
    const T* values() const {
      return reinterpret_cast<const T*>(bytes.data());
    }
  };

  int members = 0;
  int years = 0;
  std::uint64_t first_trial = 0;
  std::size_t rows = 0;
  std::vector<std::int64_t> trial_id;  // (trial)
  std::vector<Column> columns;         // the table's entries with a trial type, in table order

  void resize(int member_count, int year_count, std::size_t capacity_rows,
              std::span<const Statistic> table = STATISTICS);
  // Stores one trial's outcome in row `row`. Rows may be stored from several threads at once.
  void store(std::size_t row, std::uint64_t trial, const TrialOutcome& t);
  // The column of statistic `name`; std::invalid_argument if there is none.
  const Column& column(const std::string& name) const;

  // The block as 64-bit words (first_trial, rows, then every array's bytes, each padded to
  // whole words) for sending between MPI ranks; read_words() restores a block resized to the
  // same shape and capacity (std::invalid_argument otherwise).
  std::vector<std::uint64_t> words() const;
  void read_words(const std::vector<std::uint64_t>& words);
};

// Bytes of one value of a per-trial type.
std::size_t trial_type_size(TrialType type);

// Receives blocks in trial order, on the thread that called run_trials.
class TrialSink {
 public:
  virtual ~TrialSink() = default;
  virtual void write(const TrialBlock& block) = 0;
};

}  // namespace rampup
