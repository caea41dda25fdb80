// An open netCDF variable: shape, data and attributes.
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
  Variable(std::shared_ptr<detail::OpenFile> open, int ncid, int varid, std::string path);

  std::string name() const;  // last path component
  std::vector<std::size_t> shape() const;

  // All elements in row-major order, converted to T by netCDF-C if stored otherwise.
  template <Element T>
  std::vector<T> read() const;
  // Rows [first, first + count) along the first axis (all of the other axes), row-major;
  // for reading large variables in bounded blocks.
  template <Element T>
  std::vector<T> read_rows(std::size_t first, std::size_t count) const;
  // String data (NC_STRING, or NC_CHAR rows), e.g. a string coordinate.
  std::vector<std::string> read_strings() const;

  int id() const noexcept { return varid_; }  // netCDF variable id, for sim/hdf5 internals
  int group_id() const noexcept { return ncid_; }
};

// Defined in variable.cpp for every Element type.
#define RAMPUP_H5_DECLARE_READ(T)                           \
  extern template std::vector<T> Variable::read<T>() const; \
  extern template std::vector<T> Variable::read_rows<T>(std::size_t, std::size_t) const;
RAMPUP_H5_DECLARE_READ(double)
RAMPUP_H5_DECLARE_READ(float)
RAMPUP_H5_DECLARE_READ(std::int32_t)
RAMPUP_H5_DECLARE_READ(std::int64_t)
RAMPUP_H5_DECLARE_READ(std::uint8_t)
#undef RAMPUP_H5_DECLARE_READ

}  // namespace rampup::h5
