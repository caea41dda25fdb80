// A variable that grows along its first (unlimited) dimension, one block at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/hdf5/error.h"
#include "sim/hdf5/types.h"
#include "sim/hdf5/variable.h"

namespace rampup::h5 {

template <Element T>
class AppendableVariable {
 public:
  // Internal: get one from Group::create_appendable().
  AppendableVariable(Variable variable, std::size_t row_size)
      : variable_(std::move(variable)), row_size_(row_size) {}

  std::size_t rows() const noexcept { return rows_; }          // rows written so far
  std::size_t row_size() const noexcept { return row_size_; }  // elements per row
  const Variable& variable() const noexcept { return variable_; }

  // Writes `rows` rows (rows * row_size() elements, row-major) after the last one; netCDF-C
  // grows the variable and its unlimited dimension. Nothing is buffered here.
  void append(const T* block, std::size_t rows);
  void append(const std::vector<T>& block) {
    if (row_size() == 0 || block.size() % row_size() != 0) {
      throw Error("appending to", variable_.path(), variable_.file().string(),
                  std::to_string(block.size()) + " values are not a whole number of rows of " +
                      std::to_string(row_size()) + " values");
    }
    append(block.data(), block.size() / row_size());
  }

 private:
  Variable variable_;
  std::size_t row_size_;
  std::size_t rows_ = 0;
};

extern template class AppendableVariable<double>;
extern template class AppendableVariable<float>;
extern template class AppendableVariable<std::int32_t>;
extern template class AppendableVariable<std::int64_t>;
extern template class AppendableVariable<std::uint8_t>;

}  // namespace rampup::h5
