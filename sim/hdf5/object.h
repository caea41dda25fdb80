// Common base of groups and variables: where the object is, and its attributes.
// "step N" below: the numbered client compatibility notes in docs/FORMAT.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/hdf5/types.h"

namespace rampup::h5 {

namespace detail {
struct OpenFile;  // the netCDF id of an open file; closed with the last object using it
}

class Object {
 public:
  const std::string& path() const noexcept { return path_; }  // e.g. "/summary/share"
  const std::filesystem::path& file() const noexcept { return file_; }

  // Writes (or replaces) one attribute (steps 14-16).
  void set_attr(const Attr& attr);
  void set_attrs(const std::vector<Attr>& attrs);

  bool has_attr(const std::string& name) const;

  // Reads back an attribute as the alternative matching its stored type: text (NC_CHAR or
  // one NC_STRING) -> string, one float32/64 -> float/double, one integer -> int32 (<= 32 bit
  // signed) or int64, several values -> the vector of the same kind.
  AttrValue read_attr(const std::string& name) const;
  std::string read_text_attr(const std::string& name) const;
  double read_double_attr(const std::string& name) const;     // any 1-element number
  std::int64_t read_int_attr(const std::string& name) const;  // any 1-element integer

 protected:
  // `ncid` is the netCDF id of the group (of the variable's group), `varid` the variable's id
  // or NC_GLOBAL (-1) for a group.
  Object(std::shared_ptr<detail::OpenFile> open, int ncid, int varid, std::string path);

  std::string child_path(const std::string& name) const;

  std::shared_ptr<detail::OpenFile> open_;
  int ncid_;
  int varid_;
  std::filesystem::path file_;
  std::string path_;
};

}  // namespace rampup::h5
