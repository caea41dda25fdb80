// A variable that grows along its first (unlimited) dimension, one block at a time.
// "step N" below: the numbered client compatibility notes in docs/FORMAT.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/hdf5/error.h"
#include "sim/hdf5/handle.h"
#include "sim/hdf5/types.h"
#include "sim/hdf5/variable.h"

namespace rampup::h5 {

// Untyped core; use AppendableVariable<T>.
class AppendableBase {
 public:
  std::size_t rows() const noexcept { return rows_; }          // rows written so far
  std::size_t row_size() const noexcept { return row_size_; }  // elements per row
  Variable& variable() noexcept { return variable_; }
  const Variable& variable() const noexcept { return variable_; }

 protected:
  AppendableBase(Variable variable, Handle scale, std::size_t rows, std::size_t row_size);
  // Extends the dataset by `rows`, writes `data` (rows * row_size elements of the
  // memory type `mem_type`) into the new rows, and grows the unlimited dimension scale
  // to match (step 9 scale kept in sync). Nothing is buffered here.
  void append_raw(const void* data, std::size_t rows, std::int64_t mem_type);

 private:
  Variable variable_;
  Handle scale_;  // the unlimited dimension's scale dataset
  std::size_t rows_;
  std::size_t row_size_;
};

template <Element T>
class AppendableVariable : public AppendableBase {
 public:
  AppendableVariable(Variable variable, Handle scale, std::size_t rows, std::size_t row_size)
      : AppendableBase(std::move(variable), std::move(scale), rows, row_size) {}

  // `block` holds rows * row_size() elements, row-major.
  void append(const T* block, std::size_t rows) { append_raw(block, rows, mem_type()); }
  void append(const std::vector<T>& block) {
    if (row_size() == 0 || block.size() % row_size() != 0) {
      throw Error("appending to", variable().path(), variable().file().string(),
                  std::to_string(block.size()) + " values are not a whole number of rows of " +
                      std::to_string(row_size()) + " values");
    }
    append(block.data(), block.size() / row_size());
  }

 private:
  static std::int64_t mem_type();  // defined in appendable.cpp per Element type
};

extern template class AppendableVariable<double>;
extern template class AppendableVariable<float>;
extern template class AppendableVariable<std::int32_t>;
extern template class AppendableVariable<std::int64_t>;
extern template class AppendableVariable<std::uint8_t>;

}  // namespace rampup::h5
