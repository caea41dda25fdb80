// Groups and listing their members (docs/FORMAT.md client step 4).
#include "sim/hdf5/group.h"

#include <utility>

#include "sim/hdf5/detail/call.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;
using detail::own;

Group::Group(Handle group, std::filesystem::path file, std::string path)
    : Object(std::move(group), std::move(file), std::move(path)) {}

void Group::check_new_name(const std::string& name, const std::string& action) const {
  const Ctx ctx{file_, child_path(name)};
  detail::check_name(name, action, ctx);
  const htri_t exists = H5Lexists(id(), name.c_str(), H5P_DEFAULT);
  H5Eclear2(H5E_DEFAULT);
  if (exists != 0) detail::fail(action, ctx, "the name is already used in " + path_);
}

Group Group::create_group(const std::string& name, const std::vector<Attr>& attrs) {
  const detail::Silence quiet;
  const std::string action = "creating group";
  check_new_name(name, action);
  const Ctx ctx{file_, child_path(name)};
  Handle gcpl = detail::make_gcpl(ctx);  // step 4
  Handle group = own(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, gcpl.id(), H5P_DEFAULT),
                     Handle::Kind::group, action, ctx);
  Group created(std::move(group), file_, ctx.object);
  created.set_attrs(attrs);
  return created;
}

Group Group::open_group(const std::string& name) const {
  const detail::Silence quiet;
  const Ctx ctx{file_, child_path(name)};
  detail::check_name(name, "opening group", ctx);
  if (detail::object_type(id(), name) != H5I_GROUP) {
    detail::fail("opening group", ctx,
                 "no such group (groups: " + detail::join_names(group_names()) + ")");
  }
  Handle group =
      own(H5Gopen2(id(), name.c_str(), H5P_DEFAULT), Handle::Kind::group, "opening group", ctx);
  return Group(std::move(group), file_, ctx.object);
}

bool Group::has(const std::string& name) const {
  const detail::Silence quiet;
  if (name.empty() || name.find('/') != std::string::npos) return false;
  const htri_t exists = H5Lexists(id(), name.c_str(), H5P_DEFAULT);
  H5Eclear2(H5E_DEFAULT);
  return exists > 0;
}

std::vector<std::string> Group::group_names() const {
  const detail::Silence quiet;
  std::vector<std::string> names = detail::link_names(id(), Ctx{file_, path_});
  std::erase_if(names,
                [&](const std::string& n) { return detail::object_type(id(), n) != H5I_GROUP; });
  return names;
}

std::vector<std::string> Group::dataset_names_where(bool (*keep)(std::int64_t)) const {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  std::vector<std::string> out;
  for (const std::string& n : detail::link_names(id(), ctx)) {
    if (detail::object_type(id(), n) != H5I_DATASET) continue;
    Handle ds = own(H5Dopen2(id(), n.c_str(), H5P_DEFAULT), Handle::Kind::dataset,
                    "opening dataset", Ctx{file_, child_path(n)});
    if (keep(ds.id())) out.push_back(n);
  }
  return out;
}

std::vector<std::string> Group::variable_names() const {
  return dataset_names_where([](std::int64_t ds) { return !detail::is_dimension_only(ds); });
}

Variable Group::open_variable(const std::string& name) const {
  const detail::Silence quiet;
  const Ctx ctx{file_, child_path(name)};
  detail::check_name(name, "opening variable", ctx);
  if (detail::object_type(id(), name) != H5I_DATASET) {
    detail::fail("opening variable", ctx,
                 "no such variable (variables: " + detail::join_names(variable_names()) + ")");
  }
  Handle ds = own(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), Handle::Kind::dataset,
                  "opening variable", ctx);
  return Variable(std::move(ds), file_, ctx.object);
}

std::vector<std::size_t> Group::shape(const std::string& name) const {
  return open_variable(name).shape();
}

std::vector<std::string> Group::dims(const std::string& name) const {
  return open_variable(name).dims();
}

std::vector<std::string> Group::read_strings(const std::string& name) const {
  return open_variable(name).read_strings();
}

}  // namespace rampup::h5
