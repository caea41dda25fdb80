// Private to sim/hdf5: checked netCDF-C calls and the element-type mapping. Only .cpp files of
// sim/hdf5 include this (the public headers never see netcdf.h).
#pragma once

#include <netcdf.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/hdf5/error.h"
#include "sim/hdf5/types.h"

namespace rampup::h5::detail {

// An open netCDF file, closed (quietly) when the last File/Group/Variable using it goes.
struct OpenFile {
  int ncid = -1;
  std::filesystem::path path;
  OpenFile(int id, std::filesystem::path p) : ncid(id), path(std::move(p)) {}
  ~OpenFile();
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
};

// The object and file an operation works on, for error messages.
struct Ctx {
  const std::filesystem::path& file;
  std::string object;
};

// Once per process, before the first netCDF call: netCDF-C initialised, its chunk cache set
// (nc_set_chunk_cache), and HDF5 errors recorded for check() below.
void initialise();

// Throws unless status is NC_NOERR: DamagedError if HDF5 reported damaged bytes during the
// call (a failed checksum, or a compressed chunk that does not decompress), else Error;
// details are netCDF-C's text and HDF5's error stack.
void check(int status, const std::string& action, const Ctx& ctx);
// Throws Error with our own explanation (a misuse, not a library failure).
[[noreturn]] void fail(const std::string& action, const Ctx& ctx, const std::string& details);

template <Element T>
constexpr nc_type nc_type_of() {
  if constexpr (std::is_same_v<T, double>)
    return NC_DOUBLE;
  else if constexpr (std::is_same_v<T, float>)
    return NC_FLOAT;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return NC_INT;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return NC_INT64;
  else
    return NC_UBYTE;
}

// nc_get_vara_TYPE for T, converting from the stored type.
template <Element T>
int get_vara(int ncid, int varid, const std::size_t* start, const std::size_t* count, T* out) {
  if constexpr (std::is_same_v<T, double>)
    return nc_get_vara_double(ncid, varid, start, count, out);
  else if constexpr (std::is_same_v<T, float>)
    return nc_get_vara_float(ncid, varid, start, count, out);
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return nc_get_vara_int(ncid, varid, start, count, out);
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return nc_get_vara_longlong(ncid, varid, start, count, reinterpret_cast<long long*>(out));
  else
    return nc_get_vara_uchar(ncid, varid, start, count, out);
}

// Lengths of the dimensions of variable `varid` of the group `ncid`.
std::vector<std::size_t> shape_of(int ncid, int varid, const Ctx& ctx);

// "a, b, c" (or "none"), for messages listing what exists.
std::string join_names(const std::vector<std::string>& names);
void check_name(const std::string& name, const std::string& action, const Ctx& ctx);

}  // namespace rampup::h5::detail
