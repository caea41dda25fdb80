// An open variable (HDF5 dataset): shape, dimension names, data and attributes.
// "step N" below: the numbered client compatibility notes in docs/FORMAT.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/hdf5/object.h"
#include "sim/hdf5/types.h"

namespace rampup::h5 {

class Variable : public Object {
 public:
  // Internal: get variables from Group::open_variable() or write_variable().
  Variable(Handle dataset, std::filesystem::path file, std::string path);

  std::string name() const;  // last path component
  std::vector<std::size_t> shape() const;
  // Dimension name of each axis: the link name of the scale attached to it (step 6).
  // A coordinate variable (itself a scale) gives its own name. Throws if an axis has no
  // scale or more than one.
  std::vector<std::string> dims() const;

  // All elements in row-major order, converted to T by HDF5 if stored otherwise.
  template <Element T>
  std::vector<T> read() const;
  // Rows [first, first + count) along the first axis (all of the other axes), row-major;
  // for reading large variables in bounded blocks.
  template <Element T>
  std::vector<T> read_rows(std::size_t first, std::size_t count) const;
  // Variable-length (or fixed-length) string data, e.g. a string coordinate.
  std::vector<std::string> read_strings() const;
};

// Defined in variable.cpp for every Element type.
extern template std::vector<double> Variable::read<double>() const;
extern template std::vector<double> Variable::read_rows<double>(std::size_t, std::size_t) const;
extern template std::vector<float> Variable::read<float>() const;
extern template std::vector<float> Variable::read_rows<float>(std::size_t, std::size_t) const;
extern template std::vector<std::int32_t> Variable::read<std::int32_t>() const;
extern template std::vector<std::int32_t> Variable::read_rows<std::int32_t>(std::size_t,
                                                                            std::size_t) const;
extern template std::vector<std::int64_t> Variable::read<std::int64_t>() const;
extern template std::vector<std::int64_t> Variable::read_rows<std::int64_t>(std::size_t,
                                                                            std::size_t) const;
extern template std::vector<std::uint8_t> Variable::read<std::uint8_t>() const;
extern template std::vector<std::uint8_t> Variable::read_rows<std::uint8_t>(std::size_t,
                                                                            std::size_t) const;

}  // namespace rampup::h5
