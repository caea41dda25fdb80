#include "sim/hdf5/detail/nc.h"

#include "sim/hdf5/detail/hdf5.h"

namespace rampup::h5::detail {

namespace {

// netCDF-C 4.9.0 gives each variable a 16 MiB chunk cache by default; /trials has 17 variables
// growing at once, so that alone could take 272 MiB. 4 MiB holds a few of our <= 1 MiB chunks
// (https://docs.unidata.ucar.edu/netcdf-c/current/group__datasets.html, nc_set_chunk_cache).
constexpr std::size_t CHUNK_CACHE_BYTES = std::size_t{4} << 20;
constexpr std::size_t CHUNK_CACHE_SLOTS = 1009;  // a prime, as HDF5 advises
constexpr float CHUNK_CACHE_PREEMPTION = 0.75F;

}  // namespace

OpenFile::~OpenFile() {
  if (ncid >= 0) {
    (void)nc_close(ncid);
    (void)take_recorded_hdf5_errors();
  }
}

void initialise() {
  static const bool done = [] {
    (void)nc_initialize();  // also turns HDF5's error printing off, once
    (void)nc_set_chunk_cache(CHUNK_CACHE_BYTES, CHUNK_CACHE_SLOTS, CHUNK_CACHE_PREEMPTION);
    record_hdf5_errors();
    return true;
  }();
  (void)done;
}

void check(int status, const std::string& action, const Ctx& ctx) {
  std::string hdf5 = take_recorded_hdf5_errors();
  if (status == NC_NOERR) return;
  std::string details = nc_strerror(status);
  if (!hdf5.empty()) details += "; " + hdf5;
  if (reports_damage(hdf5)) throw DamagedError(action, ctx.object, ctx.file.string(), details);
  throw Error(action, ctx.object, ctx.file.string(), details);
}

void fail(const std::string& action, const Ctx& ctx, const std::string& details) {
  (void)take_recorded_hdf5_errors();
  throw Error(action, ctx.object, ctx.file.string(), details);
}

std::vector<std::size_t> shape_of(int ncid, int varid, const Ctx& ctx) {
  const std::string action = "getting shape of";
  int rank = 0;
  check(nc_inq_varndims(ncid, varid, &rank), action, ctx);
  std::vector<int> dimids(static_cast<std::size_t>(rank));
  check(nc_inq_vardimid(ncid, varid, dimids.data()), action, ctx);
  std::vector<std::size_t> shape;
  for (int dimid : dimids) {
    std::size_t length = 0;
    check(nc_inq_dimlen(ncid, dimid, &length), action, ctx);
    shape.push_back(length);
  }
  return shape;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

void check_name(const std::string& name, const std::string& action, const Ctx& ctx) {
  if (name.empty() || name == "." || name.find('/') != std::string::npos) {
    fail(action, ctx, "invalid name '" + name + "' (must be non-empty, not '.', no '/')");
  }
}

}  // namespace rampup::h5::detail
