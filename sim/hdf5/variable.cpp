// Reading variables back: shape and values (docs/FORMAT.md client step 8 for strings).
#include "sim/hdf5/variable.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <utility>

#include "sim/hdf5/detail/nc.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;

Variable::Variable(std::shared_ptr<detail::OpenFile> open, int ncid, int varid, std::string path)
    : Object(std::move(open), ncid, varid, std::move(path)) {}

std::string Variable::name() const { return path_.substr(path_.rfind('/') + 1); }

std::vector<std::size_t> Variable::shape() const {
  return detail::shape_of(ncid_, varid_, Ctx{file_, path_});
}

template <Element T>
std::vector<T> Variable::read() const {
  const std::vector<std::size_t> dims = shape();
  if (dims.empty()) {  // scalar
    std::vector<T> out(1);
    const std::size_t none = 0;  // not read for a scalar
    check(detail::get_vara(ncid_, varid_, &none, &none, out.data()), "reading values of",
          Ctx{file_, path_});
    return out;
  }
  return read_rows<T>(0, dims[0]);
}

template <Element T>
std::vector<T> Variable::read_rows(std::size_t first, std::size_t count) const {
  const Ctx ctx{file_, path_};
  const std::string action = "reading rows of";
  std::vector<std::size_t> extent = shape();
  if (extent.empty() || first + count > extent[0]) {
    detail::fail(action, ctx,
                 "rows [" + std::to_string(first) + ", " + std::to_string(first + count) +
                     ") are outside the " + std::to_string(extent.empty() ? 0 : extent[0]) +
                     " rows");
  }
  std::vector<std::size_t> start(extent.size(), 0);
  start[0] = first;
  extent[0] = count;
  std::vector<T> out(
      std::accumulate(extent.begin(), extent.end(), std::size_t{1}, std::multiplies<>()));
  if (out.empty()) return out;
  check(detail::get_vara(ncid_, varid_, start.data(), extent.data(), out.data()), action, ctx);
  return out;
}

#define RAMPUP_H5_INSTANTIATE(T)                     \
  template std::vector<T> Variable::read<T>() const; \
  template std::vector<T> Variable::read_rows<T>(std::size_t, std::size_t) const;
RAMPUP_H5_INSTANTIATE(double)
RAMPUP_H5_INSTANTIATE(float)
RAMPUP_H5_INSTANTIATE(std::int32_t)
RAMPUP_H5_INSTANTIATE(std::int64_t)
RAMPUP_H5_INSTANTIATE(std::uint8_t)
#undef RAMPUP_H5_INSTANTIATE

std::vector<std::string> Variable::read_strings() const {
  const Ctx ctx{file_, path_};
  const std::string action = "reading strings of";
  nc_type type = NC_NAT;
  check(nc_inq_vartype(ncid_, varid_, &type), action, ctx);
  const std::vector<std::size_t> dims = shape();
  std::vector<std::string> out;
  if (type == NC_STRING && dims.size() == 1) {  // step 8: the layout we write
    std::vector<char*> ptrs(dims[0], nullptr);
    if (ptrs.empty()) return out;
    check(nc_get_var_string(ncid_, varid_, ptrs.data()), action, ctx);
    for (const char* p : ptrs) out.emplace_back(p ? p : "");
    check(nc_free_string(ptrs.size(), ptrs.data()), "freeing strings of", ctx);
    return out;
  }
  if (type == NC_CHAR && dims.size() == 2) {  // fixed-length strings of other writers
    std::string buffer(dims[0] * dims[1], '\0');
    if (buffer.empty()) return std::vector<std::string>(dims[0]);
    check(nc_get_var_text(ncid_, varid_, buffer.data()), action, ctx);
    for (std::size_t i = 0; i < dims[0]; ++i) {
      std::string s = buffer.substr(i * dims[1], dims[1]);
      s.resize(std::min(s.find('\0'), s.size()));
      out.push_back(std::move(s));
    }
    return out;
  }
  detail::fail(action, ctx, "not a 1-D string variable");
}

}  // namespace rampup::h5
