// Private to sim/hdf5: the HDF5 C API, checked calls and type mapping.
// "step N" below: the numbered client compatibility notes in docs/FORMAT.md.
// Only .cpp files of sim/hdf5 include this (the public headers never see hdf5.h).
#pragma once

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/hdf5/error.h"
#include "sim/hdf5/handle.h"
#include "sim/hdf5/types.h"

namespace rampup::h5::detail {

static_assert(std::is_same_v<hid_t, std::int64_t>, "Handle stores hid_t as int64_t");

// Turns off HDF5's automatic error printing to stderr while alive, restoring the
// previous handler after (HighFive's SilenceHDF5). Every public entry point has one.
class Silence {
 public:
  Silence() noexcept;
  ~Silence();
  Silence(const Silence&) = delete;
  Silence& operator=(const Silence&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// The object and file an operation works on, for error messages.
struct Ctx {
  const std::filesystem::path& file;
  std::string object;
};

// Text of the current HDF5 error stack (outermost call first), which is then cleared.
std::string take_error_stack();

// Throws Error with HDF5's error stack folded in; DamagedError if HDF5 reports a checksum
// mismatch anywhere in the stack.
[[noreturn]] void fail(const std::string& action, const Ctx& ctx);
// Throws Error with our own explanation (a misuse, not an HDF5 failure).
[[noreturn]] void fail(const std::string& action, const Ctx& ctx, const std::string& details);

// Checked calls: a negative id / herr_t / htri_t means failure.
inline std::int64_t check(std::int64_t result, const std::string& action, const Ctx& ctx) {
  if (result < 0) fail(action, ctx);
  return result;
}
inline Handle own(hid_t id, Handle::Kind kind, const std::string& action, const Ctx& ctx) {
  if (id < 0) fail(action, ctx);
  return Handle(id, kind);
}

// Memory (native) and file (little-endian, fixed) type of each Element.
template <Element T>
hid_t mem_type() {
  if constexpr (std::is_same_v<T, double>)
    return H5T_NATIVE_DOUBLE;
  else if constexpr (std::is_same_v<T, float>)
    return H5T_NATIVE_FLOAT;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return H5T_NATIVE_INT64;
  else
    return H5T_NATIVE_UINT8;
}
template <Element T>
hid_t file_type() {
  if constexpr (std::is_same_v<T, double>)
    return H5T_IEEE_F64LE;
  else if constexpr (std::is_same_v<T, float>)
    return H5T_IEEE_F32LE;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return H5T_STD_I32LE;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return H5T_STD_I64LE;
  else
    return H5T_STD_U8LE;
}

// Variable-length UTF-8 string type (step 8).
Handle vlen_utf8_type(const Ctx& ctx);

// Creation property lists: creation order tracked+indexed and no timestamps
// (steps 1, 3, 4, 6, 11).
Handle make_fcpl(const Ctx& ctx);
Handle make_gcpl(const Ctx& ctx);
Handle make_dcpl(const Ctx& ctx);
// File access: libver bounds (V18, LATEST) = superblock 2 (step 2).
Handle make_fapl(const Ctx& ctx);

// Link names of a group in creation order (name order if order is not tracked).
std::vector<std::string> link_names(hid_t group, const Ctx& ctx);
// H5I type of the object at `name` (H5I_GROUP, H5I_DATASET, ...), H5I_BADID if none.
H5I_type_t object_type(hid_t group, const std::string& name);
std::vector<std::size_t> extent(hid_t dataset, const Ctx& ctx);
std::vector<std::size_t> max_extent(hid_t dataset, const Ctx& ctx);  // SIZE_MAX = unlimited
// Reads rows [first, first + count) of a dataset of `shape` (first dimension = rows) as
// `mem_type` into `out` (room for count x the other dimensions); returns the memory dataspace
// (for H5Dvlen_reclaim of variable-length data).
Handle read_rows_into(hid_t dataset, hid_t mem_type, const std::vector<hsize_t>& shape,
                      hsize_t first, hsize_t count, void* out, const std::string& action,
                      const Ctx& ctx);

// netCDF's NAME for a dimension without coordinate (step 9) and its test.
std::string dimension_only_name(std::size_t size);
bool is_dimension_scale(hid_t dataset);
bool is_dimension_only(hid_t dataset);

// Writes a numeric attribute: a scalar if count == 0, else 1-D of `count` values
// (step 15: never 2-D). Used by Object::set_attr and for typed _FillValue attributes.
void write_numeric_attr(hid_t obj, const std::string& name, hid_t file_type, hid_t mem_type,
                        const void* data, std::size_t count, const Ctx& ctx);

// "a, b, c" (or "none"), for messages listing what exists.
std::string join_names(const std::vector<std::string>& names);

void check_name(const std::string& name, const std::string& action, const Ctx& ctx);

}  // namespace rampup::h5::detail
