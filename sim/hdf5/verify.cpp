// Whole-file read for integrity checks (docs/FORMAT.md "Integrity"), with HDF5 directly: it
// reads every dataset, including netCDF's dimension scales, whichever netCDF-C shows.
#include "sim/hdf5/verify.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include "sim/hdf5/detail/hdf5.h"
#include "sim/hdf5/detail/hdf5_id.h"

namespace rampup::h5 {

using detail::Id;

namespace {

constexpr std::size_t BLOCK_BYTES = std::size_t{4} << 20;
constexpr const char* ACTION = "reading (integrity check)";

struct Where {
  const std::filesystem::path& file;
  std::string object;
};

[[noreturn]] void fail(const Where& at) {
  const std::string stack = detail::take_stack();
  if (detail::reports_damage(stack)) throw DamagedError(ACTION, at.object, at.file.string(), stack);
  throw Error(ACTION, at.object, at.file.string(), stack);
}

void ok(herr_t status, const Where& at) {
  if (status < 0) fail(at);
}

herr_t collect_link(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

// netCDF's dimension without a variable (docs/FORMAT.md client step 9): a scale without data.
bool is_dimension_only(hid_t dataset) {
  if (H5DSis_scale(dataset) <= 0) return false;
  char name[128] = {};
  const ssize_t n = H5DSget_scale_name(dataset, name, sizeof name);
  H5Eclear2(H5E_DEFAULT);
  return n > 0 && std::string(name).starts_with("This is a netCDF dimension but not a netCDF");
}

// Reads rows [first, first + count) of `ds` (of `shape`) as `type` into `buffer`; variable-
// length data read is freed again.
void read_block(hid_t ds, hid_t type, const std::vector<hsize_t>& shape, hsize_t first,
                hsize_t count, std::vector<unsigned char>& buffer, const Where& at) {
  std::vector<hsize_t> start(shape.size(), 0), extent = shape;
  start[0] = first;
  extent[0] = count;
  buffer.resize(
      std::accumulate(extent.begin(), extent.end(), H5Tget_size(type), std::multiplies<>()));
  const Id file_space(H5Dget_space(ds), H5Sclose);
  if (!file_space.valid()) fail(at);
  ok(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(),
                         nullptr),
     at);
  const Id mem_space(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr),
                     H5Sclose);
  if (!mem_space.valid()) fail(at);
  ok(H5Dread(ds, type, mem_space.get(), file_space.get(), H5P_DEFAULT, buffer.data()), at);
  if (H5Tdetect_class(type, H5T_VLEN) > 0 || H5Tis_variable_str(type) > 0) {
    ok(H5Dvlen_reclaim(type, mem_space.get(), H5P_DEFAULT, buffer.data()), at);
  }
}

void read_dataset(hid_t group, const std::string& name, const Where& at) {
  const Id ds(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (!ds.valid()) fail(at);
  if (is_dimension_only(ds.get())) return;
  const Id stored(H5Dget_type(ds.get()), H5Tclose);
  if (!stored.valid()) fail(at);
  const Id type(H5Tget_native_type(stored.get(), H5T_DIR_DEFAULT), H5Tclose);
  const Id space(H5Dget_space(ds.get()), H5Sclose);
  if (!type.valid() || !space.valid()) fail(at);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail(at);
  std::vector<hsize_t> shape(static_cast<std::size_t>(rank));
  ok(H5Sget_simple_extent_dims(space.get(), shape.data(), nullptr), at);
  std::vector<unsigned char> buffer;
  if (shape.empty()) {  // scalar
    buffer.resize(H5Tget_size(type.get()));
    ok(H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), at);
    if (H5Tis_variable_str(type.get()) > 0) {
      ok(H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, buffer.data()), at);
    }
    return;
  }
  const std::size_t row_bytes =
      std::accumulate(shape.begin() + 1, shape.end(), H5Tget_size(type.get()), std::multiplies<>());
  if (row_bytes == 0 || shape[0] == 0) return;
  const hsize_t rows = std::max<hsize_t>(1, BLOCK_BYTES / row_bytes);
  for (hsize_t first = 0; first < shape[0]; first += rows) {
    read_block(ds.get(), type.get(), shape, first, std::min(rows, shape[0] - first), buffer, at);
  }
}

void read_group(hid_t group, const std::string& path, const std::filesystem::path& file) {
  std::vector<std::string> names;
  hsize_t idx = 0;
  // Native order: see detail::walk_links.
  ok(H5Literate(group, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, collect_link, &names),
     Where{file, path});
  for (const std::string& name : names) {
    const Where at{file, path == "/" ? "/" + name : path + "/" + name};
    const Id object(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose);
    if (!object.valid()) fail(at);  // a damaged header, say
    const H5I_type_t type = H5Iget_type(object.get());
    if (type == H5I_GROUP) {
      read_group(object.get(), at.object, file);
    } else if (type == H5I_DATASET) {
      read_dataset(group, name, at);
    }
  }
}

}  // namespace

void read_every_variable(const File& file) {
  const detail::Silence quiet;
  const Id h5file(H5Fopen(file.path().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!h5file.valid()) fail(Where{file.path(), ""});
  const Id root(H5Gopen2(h5file.get(), "/", H5P_DEFAULT), H5Gclose);
  if (!root.valid()) fail(Where{file.path(), "/"});
  read_group(root.get(), "/", file.path());
}

}  // namespace rampup::h5
