// A netCDF-4 group: sub-groups, dimensions, variables and attributes.
// "step N" below: the numbered client compatibility notes in docs/FORMAT.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/hdf5/appendable.h"
#include "sim/hdf5/object.h"
#include "sim/hdf5/types.h"
#include "sim/hdf5/variable.h"

namespace rampup::h5 {

// Names: non-empty, no '/', not "." (netCDF names).
// Dimensions and the variables using them live in the same group (step 5).
class Group : public Object {
 public:
  // Internal: get groups from File::root(), create_group() or open_group().
  Group(std::shared_ptr<detail::OpenFile> open, int ncid, std::string path);

  // --- groups (step 4) ---
  Group create_group(const std::string& name, const std::vector<Attr>& attrs = {});
  Group open_group(const std::string& name) const;
  bool has(const std::string& name) const;  // a group or variable (coordinates included)

  // --- dimensions (steps 6-9) ---
  // A dimension with a coordinate variable of the same name: NC_STRING labels (step 8,
  // contiguous), int32 or float64 values (one chunk with a checksum).
  void add_dimension(const std::string& name, const std::vector<std::string>& labels,
                     const std::vector<Attr>& attrs = {});
  void add_dimension(const std::string& name, const std::vector<std::int32_t>& values,
                     const std::vector<Attr>& attrs = {});
  void add_dimension(const std::string& name, const std::vector<double>& values,
                     const std::vector<Attr>& attrs = {});
  // netCDF "dimension but not a variable" (step 9): xarray shows a dim with no coordinate.
  void add_dimension_without_coordinate(const std::string& name, std::size_t size);
  // Unlimited dimension without coordinate (length 0 until appended to); used as the
  // first dimension of appendable variables. netCDF shows "name = UNLIMITED".
  void add_unlimited_dimension(const std::string& name);

  // --- variables (templates defined in variable_write.cpp for every Element type) ---
  // Writes a whole variable over `dims` (names of dimensions of this group; empty =
  // scalar), shape taken from the dims; data holds product(shape) values, row-major.
  // "_FillValue" in attrs is handled as in types.h (step 12).
  template <Element T>
  Variable write_variable(const std::string& name, const std::vector<std::string>& dims,
                          const T* data, const std::vector<Attr>& attrs = {},
                          const Compression& compression = {});
  // Same, checking that data.size() matches the shape.
  template <Element T>
  Variable write_variable(const std::string& name, const std::vector<std::string>& dims,
                          const std::vector<T>& data, const std::vector<Attr>& attrs = {},
                          const Compression& compression = {});

  // Creates an empty variable whose first dimension is an unlimited dimension of this
  // group (the others fixed); grow it with AppendableVariable::append. Always chunked
  // (default chunk: whole rows, <= 1024 rows and <= ~1 MiB).
  template <Element T>
  AppendableVariable<T> create_appendable(const std::string& name,
                                          const std::vector<std::string>& dims,
                                          const std::vector<Attr>& attrs = {},
                                          const Compression& compression = {});

  // --- reading ---
  Variable open_variable(const std::string& name) const;
  std::vector<std::size_t> shape(const std::string& name) const;
  template <Element T>
  std::vector<T> read(const std::string& name) const {
    return open_variable(name).read<T>();
  }
  std::vector<std::string> read_strings(const std::string& name) const;

 private:
  // The id of dimension `name` of this group; if there is none, throws an Error about
  // `action` on `object` (the variable being written, say).
  int dimension_id(const std::string& name, const std::string& action,
                   const std::string& object) const;
  void check_new_name(const std::string& name, const std::string& action) const;
};

}  // namespace rampup::h5
