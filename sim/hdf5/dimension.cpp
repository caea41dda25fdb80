// Dimensions as dimension scales in the group of their variables
// (docs/FORMAT.md client steps 5-9).
#include <limits>
#include <utility>

#include "sim/hdf5/detail/call.h"
#include "sim/hdf5/detail/storage.h"
#include "sim/hdf5/group.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;
using detail::own;

namespace {

// Step 6: 1-D dataset named like the dimension, attribute creation order, no timestamps,
// numeric ones in one chunk with a Fletcher-32 checksum (contiguous if empty or strings);
// `data` (may be null if size == 0) written with `mem_type`.
Handle create_coordinate(hid_t group, const std::string& name, hid_t file_type, hid_t mem_type,
                         std::size_t size, const void* data, const Ctx& ctx) {
  const hsize_t n = size;
  Handle space =
      own(H5Screate_simple(1, &n, &n), Handle::Kind::dataspace, "creating dataspace", ctx);
  Handle dcpl = detail::make_dcpl(ctx);
  // HDF5 applies no filter to variable-length strings (their text is in the global heap,
  // which has no checksum either): string coordinates stay contiguous.
  if (size > 0 && H5Tis_variable_str(file_type) <= 0) {
    check(H5Pset_chunk(dcpl.id(), 1, &n), "setting chunk of coordinate", ctx);
    detail::set_checksum(dcpl.id(), ctx);
  }
  Handle ds = own(
      H5Dcreate2(group, name.c_str(), file_type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
      Handle::Kind::dataset, "creating coordinate variable", ctx);
  if (size > 0) {
    check(H5Dwrite(ds.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
          "writing coordinate values of", ctx);
  }
  check(H5DSset_scale(ds.id(), name.c_str()), "making dimension scale of", ctx);
  return ds;
}

// Step 9: float32 scale without data, named with netCDF's magic NAME; chunk 1 if unlimited
// (as netCDF-C's nc4_create_dim_wo_var).
void create_dimension_only(hid_t group, const std::string& name, std::size_t size, bool unlimited,
                           const Ctx& ctx) {
  const hsize_t n = size;
  const hsize_t max = unlimited ? H5S_UNLIMITED : n;
  Handle space =
      own(H5Screate_simple(1, &n, &max), Handle::Kind::dataspace, "creating dataspace", ctx);
  Handle dcpl = detail::make_dcpl(ctx);
  if (unlimited) {
    const hsize_t chunk = 1;
    check(H5Pset_chunk(dcpl.id(), 1, &chunk), "setting chunk of unlimited dimension", ctx);
    detail::set_checksum(dcpl.id(), ctx);
  }
  Handle ds = own(H5Dcreate2(group, name.c_str(), H5T_IEEE_F32BE, space.id(), H5P_DEFAULT,
                             dcpl.id(), H5P_DEFAULT),
                  Handle::Kind::dataset, "creating dimension", ctx);
  check(H5DSset_scale(ds.id(), detail::dimension_only_name(size).c_str()),
        "making dimension scale of", ctx);
}

}  // namespace

void Group::add_dimension(const std::string& name, const std::vector<std::string>& labels,
                          const std::vector<Attr>& attrs) {
  const detail::Silence quiet;
  check_new_name(name, "adding dimension");
  const Ctx ctx{file_, child_path(name)};
  Handle type = detail::vlen_utf8_type(ctx);  // step 8: never fixed-length strings
  std::vector<const char*> ptrs;
  ptrs.reserve(labels.size());
  for (const std::string& s : labels) ptrs.push_back(s.c_str());
  Variable v(create_coordinate(id(), name, type.id(), type.id(), labels.size(), ptrs.data(), ctx),
             file_, ctx.object);
  v.set_attrs(attrs);
}

void Group::add_dimension(const std::string& name, const std::vector<std::int32_t>& values,
                          const std::vector<Attr>& attrs) {
  const detail::Silence quiet;
  check_new_name(name, "adding dimension");
  const Ctx ctx{file_, child_path(name)};
  Variable v(create_coordinate(id(), name, H5T_STD_I32LE, H5T_NATIVE_INT32, values.size(),
                               values.data(), ctx),
             file_, ctx.object);
  v.set_attrs(attrs);
}

void Group::add_dimension(const std::string& name, const std::vector<double>& values,
                          const std::vector<Attr>& attrs) {
  const detail::Silence quiet;
  check_new_name(name, "adding dimension");
  const Ctx ctx{file_, child_path(name)};
  Variable v(create_coordinate(id(), name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.size(),
                               values.data(), ctx),
             file_, ctx.object);
  v.set_attrs(attrs);
}

void Group::add_dimension_without_coordinate(const std::string& name, std::size_t size) {
  const detail::Silence quiet;
  check_new_name(name, "adding dimension");
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    detail::fail("adding dimension", Ctx{file_, child_path(name)}, "length too large for netCDF");
  }
  create_dimension_only(id(), name, size, false, Ctx{file_, child_path(name)});
}

void Group::add_unlimited_dimension(const std::string& name) {
  const detail::Silence quiet;
  check_new_name(name, "adding unlimited dimension");
  create_dimension_only(id(), name, 0, true, Ctx{file_, child_path(name)});
}

Handle Group::open_dimension(const std::string& name, const std::string& action,
                             const std::string& object) const {
  const Ctx ctx{file_, object};
  if (detail::object_type(id(), name) == H5I_DATASET) {
    Handle ds = own(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), Handle::Kind::dataset, action, ctx);
    if (detail::is_dimension_scale(ds.id())) return ds;
  }
  detail::fail(action, ctx,
               "'" + name + "' is not a dimension of group " + path_ +
                   " (dimensions: " + detail::join_names(dimension_names()) + ")");
}

std::vector<std::string> Group::dimension_names() const {
  return dataset_names_where([](std::int64_t ds) { return detail::is_dimension_scale(ds); });
}

std::size_t Group::dimension_size(const std::string& name) const {
  const detail::Silence quiet;
  Handle ds = open_dimension(name, "getting length of dimension", child_path(name));
  return detail::extent(ds.id(), Ctx{file_, child_path(name)}).at(0);
}

bool Group::is_unlimited(const std::string& name) const {
  const detail::Silence quiet;
  Handle ds = open_dimension(name, "checking dimension", child_path(name));
  return detail::max_extent(ds.id(), Ctx{file_, child_path(name)}).at(0) ==
         std::numeric_limits<std::size_t>::max();
}

}  // namespace rampup::h5
