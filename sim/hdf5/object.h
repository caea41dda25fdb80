// Common base of groups and variables: where the object is, and its attributes.
// "step N" below: the numbered client compatibility notes in docs/FORMAT.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/hdf5/handle.h"
#include "sim/hdf5/types.h"

namespace rampup::h5 {

class Object {
 public:
  const std::string& path() const noexcept { return path_; }  // e.g. "/summary/share"
  const std::filesystem::path& file() const noexcept { return file_; }
  // The raw hid_t, for sim/hdf5 internals (like HighFive's getId()); owned by this object.
  std::int64_t id() const noexcept { return handle_.id(); }

  // Writes (or replaces) one attribute. Replacing deletes and recreates it, which uses
  // one of ~65 k creation indices of this object (step 16): don't do it in loops.
  void set_attr(const Attr& attr);
  void set_attrs(const std::vector<Attr>& attrs);

  bool has_attr(const std::string& name) const;
  // User attributes in creation order; hides the dimension-scale and netCDF bookkeeping
  // (CLASS, NAME, DIMENSION_LIST, REFERENCE_LIST, _Netcdf4*, _NCProperties).
  std::vector<std::string> attr_names() const;

  // Reads back an attribute as the alternative matching its stored type: text ->
  // string, scalar float32/64 -> float/double, scalar integer -> int32 (<= 32 bit
  // signed) or int64, 1-D -> the vector of the same kind.
  AttrValue read_attr(const std::string& name) const;
  std::string read_text_attr(const std::string& name) const;
  double read_double_attr(const std::string& name) const;     // any 1-element number
  std::int64_t read_int_attr(const std::string& name) const;  // any 1-element integer
  std::vector<double> read_doubles_attr(const std::string& name) const;
  std::vector<std::int64_t> read_ints_attr(const std::string& name) const;

 protected:
  Object(Handle handle, std::filesystem::path file, std::string path);
  ~Object() = default;
  Object(Object&&) noexcept = default;
  Object& operator=(Object&&) noexcept = default;

  std::string child_path(const std::string& name) const;

  Handle handle_;
  std::filesystem::path file_;
  std::string path_;
};

}  // namespace rampup::h5
