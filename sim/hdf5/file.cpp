// Creating and opening files (docs/FORMAT.md client steps 1-3).
#include "sim/hdf5/file.h"

#include <utility>

#include "sim/hdf5/detail/call.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;
using detail::own;

File::File(Handle handle, std::filesystem::path path)
    : handle_(std::move(handle)), path_(std::move(path)) {}

File File::create(const std::filesystem::path& path) {
  const detail::Silence quiet;
  const Ctx ctx{path, ""};
  const std::string action = "creating HDF5 file";
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) detail::fail(action, ctx, "the file already exists");
  Handle fcpl = detail::make_fcpl(ctx);  // step 1 (+ step 3 for the root group)
  Handle fapl = detail::make_fapl(ctx);  // step 2
  Handle file = own(H5Fcreate(path.c_str(), H5F_ACC_EXCL, fcpl.id(), fapl.id()), Handle::Kind::file,
                    action, ctx);
  return File(std::move(file), path);
}

File File::open_read(const std::filesystem::path& path) {
  const detail::Silence quiet;
  const Ctx ctx{path, ""};
  Handle file = own(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Handle::Kind::file,
                    "opening HDF5 file for reading", ctx);
  return File(std::move(file), path);
}

File File::open_rw(const std::filesystem::path& path) {
  const detail::Silence quiet;
  const Ctx ctx{path, ""};
  Handle fapl = detail::make_fapl(ctx);  // new objects keep the V18 formats (step 2)
  Handle file = own(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.id()), Handle::Kind::file,
                    "opening HDF5 file for writing", ctx);
  return File(std::move(file), path);
}

Group File::root() const {
  const detail::Silence quiet;
  const Ctx ctx{path_, "/"};
  if (!handle_.valid()) detail::fail("opening root group", ctx, "the file is closed");
  Handle group =
      own(H5Gopen2(handle_.id(), "/", H5P_DEFAULT), Handle::Kind::group, "opening root group", ctx);
  return Group(std::move(group), path_, "/");
}

void File::flush() {
  const detail::Silence quiet;
  const Ctx ctx{path_, ""};
  if (!handle_.valid()) detail::fail("flushing", ctx, "the file is closed");
  check(H5Fflush(handle_.id(), H5F_SCOPE_GLOBAL), "flushing", ctx);
}

void File::close() {
  if (!handle_.valid()) return;
  const detail::Silence quiet;
  const Ctx ctx{path_, ""};
  const unsigned objects = H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR;
  const auto open = check(H5Fget_obj_count(handle_.id(), objects), "closing", ctx);
  if (open > 0) {
    detail::fail("closing", ctx,
                 std::to_string(open) +
                     " group(s)/variable(s) opened from it are still alive; destroy them first");
  }
  handle_.close();
}

}  // namespace rampup::h5
