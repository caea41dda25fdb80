// Whole-file read for integrity checks (docs/FORMAT.md "Integrity").
#include "sim/hdf5/verify.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include "sim/hdf5/detail/call.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;
using detail::own;

namespace {

constexpr std::size_t BLOCK_BYTES = std::size_t{4} << 20;

// Reads rows [first, first + count) of `ds` with memory type `type` into `buffer`; variable-
// length data read is freed again.
void read_block(hid_t ds, hid_t type, const std::vector<hsize_t>& shape, hsize_t first,
                hsize_t count, std::vector<unsigned char>& buffer, const Ctx& ctx) {
  const std::string action = "reading (integrity check)";
  const std::size_t points =
      std::accumulate(shape.begin() + 1, shape.end(), std::size_t{count}, std::multiplies<>());
  buffer.resize(points * H5Tget_size(type));
  const Handle mem_space =
      detail::read_rows_into(ds, type, shape, first, count, buffer.data(), action, ctx);
  if (H5Tdetect_class(type, H5T_VLEN) > 0 || H5Tis_variable_str(type) > 0) {
    check(H5Dvlen_reclaim(type, mem_space.id(), H5P_DEFAULT, buffer.data()), action, ctx);
  }
}

void read_dataset(hid_t group, const std::string& name, const Ctx& ctx) {
  const std::string action = "reading (integrity check)";
  const Handle ds =
      own(H5Dopen2(group, name.c_str(), H5P_DEFAULT), Handle::Kind::dataset, action, ctx);
  if (detail::is_dimension_only(ds.id())) return;  // step 9: a scale without data
  const Handle stored = own(H5Dget_type(ds.id()), Handle::Kind::datatype, action, ctx);
  const Handle type =
      own(H5Tget_native_type(stored.id(), H5T_DIR_DEFAULT), Handle::Kind::datatype, action, ctx);
  std::vector<hsize_t> shape;
  for (std::size_t n : detail::extent(ds.id(), ctx)) shape.push_back(n);
  std::vector<unsigned char> buffer;
  if (shape.empty()) {  // scalar
    buffer.resize(H5Tget_size(type.id()));
    check(H5Dread(ds.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), action, ctx);
    if (H5Tis_variable_str(type.id()) > 0) {
      const Handle space = own(H5Dget_space(ds.id()), Handle::Kind::dataspace, action, ctx);
      check(H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, buffer.data()), action, ctx);
    }
    return;
  }
  const std::size_t row_bytes =
      std::accumulate(shape.begin() + 1, shape.end(), H5Tget_size(type.id()), std::multiplies<>());
  if (row_bytes == 0 || shape[0] == 0) return;
  const hsize_t rows = std::max<hsize_t>(1, BLOCK_BYTES / row_bytes);
  for (hsize_t first = 0; first < shape[0]; first += rows) {
    read_block(ds.id(), type.id(), shape, first, std::min(rows, shape[0] - first), buffer, ctx);
  }
}

void read_group(hid_t group, const std::string& path, const std::filesystem::path& file) {
  for (const std::string& name : detail::link_names(group, Ctx{file, path})) {
    const std::string child = path == "/" ? "/" + name : path + "/" + name;
    const Ctx ctx{file, child};
    const H5I_type_t type = detail::object_type(group, name);
    if (type == H5I_GROUP) {
      const Handle g = own(H5Gopen2(group, name.c_str(), H5P_DEFAULT), Handle::Kind::group,
                           "opening group (integrity check)", ctx);
      read_group(g.id(), child, file);
    } else if (type == H5I_DATASET) {
      read_dataset(group, name, ctx);
    } else if (type == H5I_BADID) {  // not openable: let HDF5 say why (a damaged header, say)
      const hid_t obj = H5Oopen(group, name.c_str(), H5P_DEFAULT);
      if (obj < 0) detail::fail("opening (integrity check)", ctx);
      H5Oclose(obj);
      detail::fail("opening (integrity check)", ctx, "the link leads to no object");
    }
  }
}

}  // namespace

void read_every_variable(const File& file) {
  const detail::Silence quiet;
  const Group root = file.root();
  read_group(root.id(), "/", file.path());
}

}  // namespace rampup::h5
