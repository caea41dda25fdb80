// Reading variables back: shape, dimension names, values (docs/FORMAT.md client steps 6, 8).
#include "sim/hdf5/variable.h"

#include <functional>
#include <numeric>
#include <utility>

#include "sim/hdf5/detail/call.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;
using detail::own;

namespace {

// H5DSiterate_scales visitor: the link name of the scale (= the dimension name).
herr_t scale_link_name(hid_t, unsigned, hid_t scale, void* out) {
  const ssize_t size = H5Iget_name(scale, nullptr, 0);
  if (size <= 0) return -1;
  std::string path(static_cast<std::size_t>(size) + 1, '\0');
  if (H5Iget_name(scale, path.data(), path.size()) < 0) return -1;
  path.resize(static_cast<std::size_t>(size));
  *static_cast<std::string*>(out) = path.substr(path.rfind('/') + 1);
  return 1;  // stop after the first scale
}

}  // namespace

Variable::Variable(Handle dataset, std::filesystem::path file, std::string path)
    : Object(std::move(dataset), std::move(file), std::move(path)) {}

std::string Variable::name() const { return path_.substr(path_.rfind('/') + 1); }

std::vector<std::size_t> Variable::shape() const {
  const detail::Silence quiet;
  return detail::extent(id(), Ctx{file_, path_});
}

std::vector<std::string> Variable::dims() const {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  const std::string action = "reading dimension names of";
  const std::size_t rank = shape().size();
  if (rank == 1 && detail::is_dimension_scale(id())) return {name()};  // a coordinate variable
  std::vector<std::string> names;
  for (unsigned axis = 0; axis < rank; ++axis) {
    const auto scales = check(H5DSget_num_scales(id(), axis), action, ctx);
    if (scales != 1) {
      detail::fail(action, ctx,
                   "axis " + std::to_string(axis) + " has " + std::to_string(scales) +
                       " dimension scales, expected exactly 1");
    }
    std::string name;
    check(H5DSiterate_scales(id(), axis, nullptr, scale_link_name, &name), action, ctx);
    names.push_back(std::move(name));
  }
  return names;
}

template <Element T>
std::vector<T> Variable::read() const {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  const std::vector<std::size_t> dims = shape();
  std::vector<T> out(
      std::accumulate(dims.begin(), dims.end(), std::size_t{1}, std::multiplies<>()));
  if (!out.empty()) {
    check(H5Dread(id(), detail::mem_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
          "reading values of", ctx);
  }
  return out;
}

template <Element T>
std::vector<T> Variable::read_rows(std::size_t first, std::size_t count) const {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  const std::string action = "reading rows of";
  const std::vector<std::size_t> dims = shape();
  if (dims.empty() || first + count > dims[0]) {
    detail::fail(action, ctx,
                 "rows [" + std::to_string(first) + ", " + std::to_string(first + count) +
                     ") are outside the " + std::to_string(dims.empty() ? 0 : dims[0]) + " rows");
  }
  const std::vector<hsize_t> shape(dims.begin(), dims.end());
  std::vector<T> out(std::accumulate(shape.begin() + 1, shape.end(), count, std::multiplies<>()));
  if (out.empty()) return out;
  detail::read_rows_into(id(), detail::mem_type<T>(), shape, first, count, out.data(), action, ctx);
  return out;
}

template std::vector<double> Variable::read<double>() const;
template std::vector<double> Variable::read_rows<double>(std::size_t, std::size_t) const;
template std::vector<float> Variable::read<float>() const;
template std::vector<float> Variable::read_rows<float>(std::size_t, std::size_t) const;
template std::vector<std::int32_t> Variable::read<std::int32_t>() const;
template std::vector<std::int32_t> Variable::read_rows<std::int32_t>(std::size_t,
                                                                     std::size_t) const;
template std::vector<std::int64_t> Variable::read<std::int64_t>() const;
template std::vector<std::int64_t> Variable::read_rows<std::int64_t>(std::size_t,
                                                                     std::size_t) const;
template std::vector<std::uint8_t> Variable::read<std::uint8_t>() const;
template std::vector<std::uint8_t> Variable::read_rows<std::uint8_t>(std::size_t,
                                                                     std::size_t) const;

std::vector<std::string> Variable::read_strings() const {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  const std::string action = "reading strings of";
  Handle type = own(H5Dget_type(id()), Handle::Kind::datatype, action, ctx);
  if (H5Tget_class(type.id()) != H5T_STRING) detail::fail(action, ctx, "not a string variable");
  Handle space = own(H5Dget_space(id()), Handle::Kind::dataspace, action, ctx);
  const auto count =
      static_cast<std::size_t>(check(H5Sget_simple_extent_npoints(space.id()), action, ctx));
  std::vector<std::string> out;
  out.reserve(count);
  if (count == 0) return out;
  if (H5Tis_variable_str(type.id()) > 0) {  // step 8: the layout we write
    std::vector<char*> ptrs(count, nullptr);
    check(H5Dread(id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), action, ctx);
    for (const char* p : ptrs) out.emplace_back(p ? p : "");
    check(H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, ptrs.data()), "freeing strings of",
          ctx);
    return out;
  }
  const std::size_t size = H5Tget_size(type.id());  // fixed-length strings of other writers
  std::string buffer(count * size, '\0');
  check(H5Dread(id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), action, ctx);
  for (std::size_t i = 0; i < count; ++i) {
    std::string s = buffer.substr(i * size, size);
    s.resize(std::min(s.find('\0'), s.size()));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace rampup::h5
