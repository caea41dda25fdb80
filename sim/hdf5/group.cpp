// Groups, dimensions and finding variables (docs/FORMAT.md client steps 4-9).
#include "sim/hdf5/group.h"

#include <algorithm>
#include <limits>
#include <type_traits>
#include <utility>

#include "sim/hdf5/detail/hdf5.h"
#include "sim/hdf5/detail/nc.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;

namespace {

// Names of the groups, variables or dimensions (this group's own) of `ncid`, in creation order.
enum class Kind { group, variable, dimension };
std::vector<std::string> names_of(int ncid, Kind kind, const Ctx& ctx) {
  const std::string action = "listing the contents of";
  int n = 0;
  std::vector<int> ids;
  if (kind == Kind::group) {
    check(nc_inq_grps(ncid, &n, nullptr), action, ctx);
    ids.resize(static_cast<std::size_t>(n));
    check(nc_inq_grps(ncid, &n, ids.data()), action, ctx);
  } else if (kind == Kind::variable) {
    check(nc_inq_varids(ncid, &n, nullptr), action, ctx);
    ids.resize(static_cast<std::size_t>(n));
    check(nc_inq_varids(ncid, &n, ids.data()), action, ctx);
  } else {
    check(nc_inq_dimids(ncid, &n, nullptr, 0), action, ctx);
    ids.resize(static_cast<std::size_t>(n));
    check(nc_inq_dimids(ncid, &n, ids.data(), 0), action, ctx);
  }
  std::vector<std::string> names;
  for (int id : ids) {
    char name[NC_MAX_NAME + 1] = {};
    if (kind == Kind::group) check(nc_inq_grpname(id, name), action, ctx);
    if (kind == Kind::variable) check(nc_inq_varname(ncid, id, name), action, ctx);
    if (kind == Kind::dimension) check(nc_inq_dimname(ncid, id, name), action, ctx);
    names.emplace_back(name);
  }
  return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Group::Group(std::shared_ptr<detail::OpenFile> open, int ncid, std::string path)
    : Object(std::move(open), ncid, NC_GLOBAL, std::move(path)) {}

void Group::check_new_name(const std::string& name, const std::string& action) const {
  const Ctx ctx{file_, child_path(name)};
  detail::check_name(name, action, ctx);
  if (has(name) || contains(names_of(ncid_, Kind::dimension, ctx), name)) {
    detail::fail(action, ctx, "the name is already used in " + path_);
  }
}

Group Group::create_group(const std::string& name, const std::vector<Attr>& attrs) {
  const std::string action = "creating group";
  check_new_name(name, action);
  const Ctx ctx{file_, child_path(name)};
  int id = -1;
  check(nc_def_grp(ncid_, name.c_str(), &id), action, ctx);
  Group created(open_, id, ctx.object);
  created.set_attrs(attrs);
  return created;
}

Group Group::open_group(const std::string& name) const {
  const Ctx ctx{file_, child_path(name)};
  detail::check_name(name, "opening group", ctx);
  int id = -1;
  const int status = nc_inq_grp_ncid(ncid_, name.c_str(), &id);
  if (status == NC_ENOGRP) {
    detail::fail(
        "opening group", ctx,
        "no such group (groups: " + detail::join_names(names_of(ncid_, Kind::group, ctx)) + ")");
  }
  check(status, "opening group", ctx);
  return Group(open_, id, ctx.object);
}

bool Group::has(const std::string& name) const {
  if (name.empty() || name.find('/') != std::string::npos) return false;
  int id = -1;
  const bool found = nc_inq_grp_ncid(ncid_, name.c_str(), &id) == NC_NOERR ||
                     nc_inq_varid(ncid_, name.c_str(), &id) == NC_NOERR;
  (void)detail::take_recorded_hdf5_errors();
  return found;
}

// --- dimensions ---

int Group::dimension_id(const std::string& name, const std::string& action,
                        const std::string& object) const {
  const Ctx ctx{file_, object};
  const std::vector<std::string> dims = names_of(ncid_, Kind::dimension, ctx);
  if (!contains(dims, name)) {
    detail::fail(action, ctx,
                 "'" + name + "' is not a dimension of group " + path_ +
                     " (dimensions: " + detail::join_names(dims) + ")");
  }
  int id = -1;
  check(nc_inq_dimid(ncid_, name.c_str(), &id), action, ctx);
  return id;
}

namespace {

// Step 6: a dimension and its coordinate variable of the same name; numbers in one chunk with
// a Fletcher-32 checksum ("Integrity"). A length of 0 would make the dimension unlimited.
template <class T>
void add_numeric_coordinate(const std::shared_ptr<detail::OpenFile>& open, int ncid,
                            const std::string& name, const std::vector<T>& values,
                            const std::vector<Attr>& attrs, const Ctx& ctx) {
  const std::string action = "adding dimension";
  if (values.empty()) detail::fail(action, ctx, "no values (length 0 is unlimited in netCDF)");
  int dimid = -1, varid = -1;
  std::size_t chunk = values.size();
  check(nc_def_dim(ncid, name.c_str(), values.size(), &dimid), action, ctx);
  check(nc_def_var(ncid, name.c_str(), detail::nc_type_of<T>(), 1, &dimid, &varid), action, ctx);
  check(nc_def_var_chunking(ncid, varid, NC_CHUNKED, &chunk), action, ctx);
  check(nc_def_var_fletcher32(ncid, varid, NC_FLETCHER32), action, ctx);
  Variable(open, ncid, varid, ctx.object).set_attrs(attrs);
  if constexpr (std::is_same_v<T, double>)
    check(nc_put_var_double(ncid, varid, values.data()), "writing coordinate values of", ctx);
  else
    check(nc_put_var_int(ncid, varid, values.data()), "writing coordinate values of", ctx);
}

}  // namespace

void Group::add_dimension(const std::string& name, const std::vector<std::string>& labels,
                          const std::vector<Attr>& attrs) {
  check_new_name(name, "adding dimension");
  std::vector<const char*> ptrs;
  for (const std::string& s : labels) ptrs.push_back(s.c_str());
  const Ctx ctx{file_, child_path(name)};
  int dimid = -1, varid = -1;
  const std::string action = "adding dimension";
  if (labels.empty()) detail::fail(action, ctx, "no labels (length 0 is unlimited in netCDF)");
  check(nc_def_dim(ncid_, name.c_str(), labels.size(), &dimid), action, ctx);
  check(nc_def_var(ncid_, name.c_str(), NC_STRING, 1, &dimid, &varid), action, ctx);
  check(nc_def_var_chunking(ncid_, varid, NC_CONTIGUOUS, nullptr), action, ctx);  // step 8
  Variable(open_, ncid_, varid, ctx.object).set_attrs(attrs);
  check(nc_put_var_string(ncid_, varid, ptrs.data()), "writing coordinate values of", ctx);
}

void Group::add_dimension(const std::string& name, const std::vector<std::int32_t>& values,
                          const std::vector<Attr>& attrs) {
  check_new_name(name, "adding dimension");
  add_numeric_coordinate(open_, ncid_, name, values, attrs, Ctx{file_, child_path(name)});
}

void Group::add_dimension(const std::string& name, const std::vector<double>& values,
                          const std::vector<Attr>& attrs) {
  check_new_name(name, "adding dimension");
  add_numeric_coordinate(open_, ncid_, name, values, attrs, Ctx{file_, child_path(name)});
}

void Group::add_dimension_without_coordinate(const std::string& name, std::size_t size) {
  check_new_name(name, "adding dimension");
  const Ctx ctx{file_, child_path(name)};
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    detail::fail("adding dimension", ctx, "length too large for netCDF");
  }
  if (size == 0) detail::fail("adding dimension", ctx, "length 0 would be unlimited in netCDF");
  int dimid = -1;
  check(nc_def_dim(ncid_, name.c_str(), size, &dimid), "adding dimension", ctx);
}

void Group::add_unlimited_dimension(const std::string& name) {
  check_new_name(name, "adding unlimited dimension");
  const Ctx ctx{file_, child_path(name)};
  int dimid = -1;
  check(nc_def_dim(ncid_, name.c_str(), NC_UNLIMITED, &dimid), "adding unlimited dimension", ctx);
}

// --- reading ---

Variable Group::open_variable(const std::string& name) const {
  const Ctx ctx{file_, child_path(name)};
  detail::check_name(name, "opening variable", ctx);
  int varid = -1;
  const int status = nc_inq_varid(ncid_, name.c_str(), &varid);
  if (status == NC_ENOTVAR) {
    detail::fail("opening variable", ctx,
                 "no such variable (variables: " +
                     detail::join_names(names_of(ncid_, Kind::variable, ctx)) + ")");
  }
  check(status, "opening variable", ctx);
  return Variable(open_, ncid_, varid, ctx.object);
}

std::vector<std::size_t> Group::shape(const std::string& name) const {
  return open_variable(name).shape();
}

std::vector<std::string> Group::read_strings(const std::string& name) const {
  return open_variable(name).read_strings();
}

}  // namespace rampup::h5
