// Creating and opening files through netCDF-C (docs/FORMAT.md client steps 1-3: netCDF-C
// tracks creation order, writes superblock 2 and no timestamps by itself).
#include "sim/hdf5/file.h"

#include <hdf5.h>

#include <utility>

#include "sim/hdf5/detail/hdf5.h"
#include "sim/hdf5/detail/nc.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;

File::File(std::shared_ptr<detail::OpenFile> open, std::filesystem::path path)
    : open_(std::move(open)), path_(std::move(path)) {}

File File::create(const std::filesystem::path& path) {
  detail::initialise();
  const Ctx ctx{path, ""};
  const std::string action = "creating netCDF file";
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) detail::fail(action, ctx, "the file already exists");
  int ncid = -1;
  check(nc_create(path.c_str(), NC_NETCDF4 | NC_NOCLOBBER, &ncid), action, ctx);
  return File(std::make_shared<detail::OpenFile>(ncid, path), path);
}

File File::open_read(const std::filesystem::path& path) {
  detail::initialise();
  const Ctx ctx{path, ""};
  const std::string action = "opening netCDF file for reading";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) detail::fail(action, ctx, "no such file");
  detail::walk_links(path);  // HDF5 first: see detail/hdf5.h
  int ncid = -1;
  check(nc_open(path.c_str(), NC_NOWRITE, &ncid), action, ctx);
  return File(std::make_shared<detail::OpenFile>(ncid, path), path);
}

Group File::root() const {
  if (!open_) detail::fail("opening root group", Ctx{path_, "/"}, "the file is closed");
  return Group(open_, open_->ncid, "/");
}

void File::close() {
  if (!open_) return;
  const Ctx ctx{path_, ""};
  if (open_.use_count() > 1) {
    detail::fail("closing", ctx,
                 std::to_string(open_.use_count() - 1) +
                     " group(s)/variable(s) opened from it are still alive; destroy them first");
  }
  const int ncid = std::exchange(open_->ncid, -1);
  open_.reset();
  check(nc_close(ncid), "closing", ctx);
}

void disable_hdf5_exit_cleanup() noexcept { (void)H5dont_atexit(); }

}  // namespace rampup::h5
