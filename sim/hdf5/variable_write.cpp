// Creating data variables over named dimensions: whole or appendable
// (docs/FORMAT.md client steps 3, 11-13).
#include <functional>
#include <limits>
#include <numeric>
#include <utility>

#include "sim/hdf5/detail/call.h"
#include "sim/hdf5/detail/storage.h"
#include "sim/hdf5/group.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;
using detail::own;

namespace {

constexpr std::size_t UNLIMITED = std::numeric_limits<std::size_t>::max();  // see max_extent

// The scales of `dims` (all in `group`), and the variable's shape and maximum shape.
struct Layout {
  std::vector<Handle> scales;
  std::vector<hsize_t> shape;
  std::vector<hsize_t> max_shape;
};

// Creates the dataset, attaches one scale per axis (step 13) and writes the attributes,
// "_FillValue" with exactly the variable's type (step 12).
template <Element T>
Variable create_dataset(hid_t group, const std::string& name, Layout& layout, bool appendable,
                        const std::vector<Attr>& attrs, const Compression& compression,
                        const Ctx& ctx) {
  const std::optional<T> fill = detail::fill_value<T>(attrs, ctx);
  Handle dcpl = detail::make_dcpl(ctx);  // attribute creation order, no timestamps (step 3)
  if (fill)
    check(H5Pset_fill_value(dcpl.id(), detail::mem_type<T>(), &*fill), "setting fill value of",
          ctx);
  detail::set_storage(dcpl.id(), layout.shape, appendable, sizeof(T), compression, ctx);
  const auto rank = static_cast<int>(layout.shape.size());
  Handle space =
      own(rank == 0 ? H5Screate(H5S_SCALAR)
                    : H5Screate_simple(rank, layout.shape.data(), layout.max_shape.data()),
          Handle::Kind::dataspace, "creating dataspace of", ctx);
  Handle ds = own(H5Dcreate2(group, name.c_str(), detail::file_type<T>(), space.id(), H5P_DEFAULT,
                             dcpl.id(), H5P_DEFAULT),
                  Handle::Kind::dataset, "creating variable", ctx);
  for (std::size_t axis = 0; axis < layout.scales.size(); ++axis) {
    check(H5DSattach_scale(ds.id(), layout.scales[axis].id(), static_cast<unsigned>(axis)),
          "attaching dimension scale " + std::to_string(axis) + " to", ctx);
  }
  Variable variable(std::move(ds), ctx.file, ctx.object);
  for (const Attr& attr : attrs) {
    if (attr.name == "_FillValue") {
      detail::write_numeric_attr(variable.id(), attr.name, detail::file_type<T>(),
                                 detail::mem_type<T>(), &*fill, 0, ctx);
    } else {
      variable.set_attr(attr);
    }
  }
  return variable;
}

}  // namespace

template <Element T>
Variable Group::write_variable(const std::string& name, const std::vector<std::string>& dims,
                               const T* data, const std::vector<Attr>& attrs,
                               const Compression& compression) {
  const detail::Silence quiet;
  const std::string action = "writing variable";
  check_new_name(name, action);
  const Ctx ctx{file_, child_path(name)};
  Layout layout;
  for (const std::string& dim : dims) {
    layout.scales.push_back(open_dimension(dim, action, ctx.object));
    if (detail::max_extent(layout.scales.back().id(), ctx).at(0) == UNLIMITED) {
      detail::fail(action, ctx, "dimension '" + dim + "' is unlimited: use create_appendable");
    }
    layout.shape.push_back(detail::extent(layout.scales.back().id(), ctx).at(0));
  }
  layout.max_shape = layout.shape;
  const hsize_t count =
      std::accumulate(layout.shape.begin(), layout.shape.end(), hsize_t{1}, std::multiplies<>());
  if (count > 0 && data == nullptr) detail::fail(action, ctx, "no data (null pointer)");
  Variable variable = create_dataset<T>(id(), name, layout, false, attrs, compression, ctx);
  if (count > 0) {
    check(H5Dwrite(variable.id(), detail::mem_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
          "writing data of", ctx);
  }
  return variable;
}

template <Element T>
Variable Group::write_variable(const std::string& name, const std::vector<std::string>& dims,
                               const std::vector<T>& data, const std::vector<Attr>& attrs,
                               const Compression& compression) {
  const detail::Silence quiet;
  const std::string action = "writing variable";
  const Ctx ctx{file_, child_path(name)};
  std::size_t expected = 1;
  for (const std::string& dim : dims) {
    expected *= detail::extent(open_dimension(dim, action, ctx.object).id(), ctx).at(0);
  }
  if (data.size() != expected) {
    detail::fail(action, ctx,
                 std::to_string(data.size()) + " values given, dimensions (" +
                     detail::join_names(dims) + ") need " + std::to_string(expected));
  }
  return write_variable<T>(name, dims, data.data(), attrs, compression);
}

template <Element T>
AppendableVariable<T> Group::create_appendable(const std::string& name,
                                               const std::vector<std::string>& dims,
                                               const std::vector<Attr>& attrs,
                                               const Compression& compression) {
  const detail::Silence quiet;
  const std::string action = "creating appendable variable";
  check_new_name(name, action);
  const Ctx ctx{file_, child_path(name)};
  if (dims.empty()) detail::fail(action, ctx, "no dimensions: the first must be unlimited");
  Layout layout;
  std::size_t row_size = 1;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    layout.scales.push_back(open_dimension(dims[i], action, ctx.object));
    const bool unlimited = detail::max_extent(layout.scales.back().id(), ctx).at(0) == UNLIMITED;
    if (unlimited != (i == 0)) {
      detail::fail(action, ctx,
                   "the first dimension, and only the first, must be unlimited (dims: " +
                       detail::join_names(dims) + ")");
    }
    const std::size_t length = detail::extent(layout.scales.back().id(), ctx).at(0);
    layout.shape.push_back(i == 0 ? 0 : length);
    layout.max_shape.push_back(i == 0 ? H5S_UNLIMITED : length);
    if (i > 0) row_size *= length;
  }
  Variable variable = create_dataset<T>(id(), name, layout, true, attrs, compression, ctx);
  return AppendableVariable<T>(std::move(variable), std::move(layout.scales[0]), 0, row_size);
}

template <Element T>
AppendableVariable<T> Group::open_appendable(const std::string& name) {
  const detail::Silence quiet;
  const std::string action = "opening appendable variable";
  const Ctx ctx{file_, child_path(name)};
  Variable variable = open_variable(name);
  Handle type = own(H5Dget_type(variable.id()), Handle::Kind::datatype, action, ctx);
  if (H5Tequal(type.id(), detail::file_type<T>()) <= 0) {
    detail::fail(action, ctx, "stored element type differs from the requested one");
  }
  const std::vector<std::size_t> max = detail::max_extent(variable.id(), ctx);
  if (max.empty() || max[0] != UNLIMITED) {
    detail::fail(action, ctx, "the first dimension is not unlimited");
  }
  const std::vector<std::size_t> shape = variable.shape();
  const std::size_t row_size =
      std::accumulate(shape.begin() + 1, shape.end(), std::size_t{1}, std::multiplies<>());
  Handle scale = open_dimension(variable.dims().at(0), action, ctx.object);
  return AppendableVariable<T>(std::move(variable), std::move(scale), shape[0], row_size);
}

#define RAMPUP_H5_INSTANTIATE(T)                                                                  \
  template Variable Group::write_variable<T>(const std::string&, const std::vector<std::string>&, \
                                             const T*, const std::vector<Attr>&,                  \
                                             const Compression&);                                 \
  template Variable Group::write_variable<T>(const std::string&, const std::vector<std::string>&, \
                                             const std::vector<T>&, const std::vector<Attr>&,     \
                                             const Compression&);                                 \
  template AppendableVariable<T> Group::create_appendable<T>(                                     \
      const std::string&, const std::vector<std::string>&, const std::vector<Attr>&,              \
      const Compression&);                                                                        \
  template AppendableVariable<T> Group::open_appendable<T>(const std::string&);

RAMPUP_H5_INSTANTIATE(double)
RAMPUP_H5_INSTANTIATE(float)
RAMPUP_H5_INSTANTIATE(std::int32_t)
RAMPUP_H5_INSTANTIATE(std::int64_t)
RAMPUP_H5_INSTANTIATE(std::uint8_t)
#undef RAMPUP_H5_INSTANTIATE

}  // namespace rampup::h5
