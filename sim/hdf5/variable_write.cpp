// Creating data variables over named dimensions, whole or appendable: storage (chunks,
// shuffle+deflate, Fletcher-32) and the fill value (docs/FORMAT.md client steps 11-12,
// "Integrity").
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <utility>

#include "sim/hdf5/detail/nc.h"
#include "sim/hdf5/group.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;

namespace {

constexpr std::size_t DEFAULT_CHUNK_BYTES = std::size_t{1} << 20;  // ~1 MiB
constexpr std::size_t DEFAULT_APPEND_ROWS = 1024;

// Default chunk: the whole variable (appendable: up to 1024 rows) halved along the outermost
// axes until it holds at most DEFAULT_CHUNK_BYTES.
std::vector<std::size_t> default_chunk(const std::vector<std::size_t>& shape,
                                       std::size_t element_size, bool appendable) {
  std::vector<std::size_t> chunk = shape;
  if (appendable) {
    const std::size_t row_bytes =
        std::accumulate(shape.begin() + 1, shape.end(), element_size, std::multiplies<>());
    chunk[0] = std::clamp<std::size_t>(DEFAULT_CHUNK_BYTES / std::max<std::size_t>(row_bytes, 1), 1,
                                       DEFAULT_APPEND_ROWS);
  }
  const auto bytes = [&] {
    return std::accumulate(chunk.begin(), chunk.end(), element_size, std::multiplies<>());
  };
  while (bytes() > DEFAULT_CHUNK_BYTES) {
    const auto axis = std::find_if(chunk.begin(), chunk.end(), [](std::size_t c) { return c > 1; });
    if (axis == chunk.end()) break;
    *axis = (*axis + 1) / 2;
  }
  return chunk;
}

// The chunk of a variable: every variable with data is chunked (and gets a Fletcher-32
// checksum); only scalars and variables of size 0 (nothing stored) stay contiguous (empty
// result). Checked before anything is defined, so that a misuse leaves no variable behind.
std::vector<std::size_t> plan_chunk(const std::vector<std::size_t>& shape, bool appendable,
                                    std::size_t element_size, const Compression& compression,
                                    const Ctx& ctx) {
  const std::string action = "choosing storage of";
  const int level = compression.deflate_level;
  if (level < 0 || level > 9) {
    detail::fail(action, ctx, "deflate_level " + std::to_string(level) + " is not in 0..9");
  }
  if (shape.empty()) {
    if (level == 0 && compression.chunk.empty()) return {};  // a scalar stays contiguous
    detail::fail(action, ctx, "a scalar variable cannot be chunked or compressed");
  }
  const bool empty = std::find(shape.begin() + (appendable ? 1 : 0), shape.end(), 0) != shape.end();
  if (empty) {
    if (appendable)
      detail::fail(action, ctx, "a fixed dimension of an appendable variable has length 0");
    if (!compression.chunk.empty()) detail::fail(action, ctx, "cannot chunk a variable of size 0");
    return {};
  }
  std::vector<std::size_t> chunk = compression.chunk;
  if (chunk.empty()) chunk = default_chunk(shape, element_size, appendable);
  if (chunk.size() != shape.size()) {
    detail::fail(action, ctx,
                 "chunk has rank " + std::to_string(chunk.size()) + ", variable has rank " +
                     std::to_string(shape.size()));
  }
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const bool fixed = !(appendable && i == 0);
    if (chunk[i] == 0 || (fixed && chunk[i] > shape[i])) {
      detail::fail(action, ctx,
                   "chunk length " + std::to_string(chunk[i]) + " on axis " + std::to_string(i) +
                       " is not in 1.." + std::to_string(shape[i]));
    }
  }
  return chunk;
}

// Chunking, shuffle + deflate (if asked) and Fletcher-32, or contiguous storage.
void set_storage(int ncid, int varid, const std::vector<std::size_t>& chunk, int deflate_level,
                 bool scalar, const Ctx& ctx) {
  const std::string action = "choosing storage of";
  if (chunk.empty()) {
    if (!scalar) check(nc_def_var_chunking(ncid, varid, NC_CONTIGUOUS, nullptr), action, ctx);
    return;
  }
  check(nc_def_var_chunking(ncid, varid, NC_CHUNKED, chunk.data()), action, ctx);
  if (deflate_level > 0) check(nc_def_var_deflate(ncid, varid, 1, 1, deflate_level), action, ctx);
  check(nc_def_var_fletcher32(ncid, varid, NC_FLETCHER32), action, ctx);
}

// The "_FillValue" of attrs converted to T; throws unless the conversion is exact (NaN and
// infinities only for floating T). std::nullopt if there is none.
template <Element T>
std::optional<T> fill_value(const std::vector<Attr>& attrs, const Ctx& ctx) {
  const Attr* found = nullptr;
  for (const Attr& a : attrs) {
    if (a.name == "_FillValue") found = &a;
  }
  if (found == nullptr) return std::nullopt;
  const auto bad = [&](const std::string& why) -> T {
    detail::fail("setting _FillValue of", ctx, why);
  };
  return std::visit(
      [&](const auto& v) -> T {
        using V = std::decay_t<decltype(v)>;
        if constexpr (!Element<V>) {
          return bad("_FillValue must be a single number");
        } else {
          if constexpr (std::is_floating_point_v<V>) {
            if (!std::isfinite(v)) {
              if constexpr (std::is_floating_point_v<T>)
                return static_cast<T>(v);  // NaN or +-infinity
              else
                return bad("NaN or infinity is not a value of an integer variable");
            }
          }
          const auto wide = static_cast<long double>(v);
          if (wide < static_cast<long double>(std::numeric_limits<T>::lowest()) ||
              wide > static_cast<long double>(std::numeric_limits<T>::max())) {
            return bad("value out of range of the variable's type");
          }
          const T converted = static_cast<T>(v);
          if (static_cast<long double>(converted) != wide) {
            return bad("value not exactly representable in the variable's type");
          }
          return converted;
        }
      },
      found->value);
}

// Defines the variable over `dimids` with its storage, fill value (step 12: nc_def_var_fill
// writes "_FillValue" of exactly the variable's type) and other attributes.
template <Element T>
Variable define(const std::shared_ptr<detail::OpenFile>& open, int ncid, const std::string& name,
                const std::vector<int>& dimids, const std::vector<std::size_t>& shape,
                bool appendable, const std::vector<Attr>& attrs, const Compression& compression,
                const Ctx& ctx) {
  const std::optional<T> fill = fill_value<T>(attrs, ctx);
  const std::vector<std::size_t> chunk = plan_chunk(shape, appendable, sizeof(T), compression, ctx);
  int varid = -1;
  check(nc_def_var(ncid, name.c_str(), detail::nc_type_of<T>(), static_cast<int>(dimids.size()),
                   dimids.data(), &varid),
        "creating variable", ctx);
  set_storage(ncid, varid, chunk, compression.deflate_level, shape.empty(), ctx);
  Variable variable(open, ncid, varid, ctx.object);
  for (const Attr& attr : attrs) {
    if (attr.name == "_FillValue") {
      check(nc_def_var_fill(ncid, varid, NC_FILL, &*fill), "setting fill value of", ctx);
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
  const std::string action = "writing variable";
  check_new_name(name, action);
  const Ctx ctx{file_, child_path(name)};
  std::vector<int> dimids;
  std::vector<std::size_t> shape;
  int unlimited = -1;
  check(nc_inq_unlimdim(ncid_, &unlimited), action, ctx);
  for (const std::string& dim : dims) {
    dimids.push_back(dimension_id(dim, action, ctx.object));
    if (dimids.back() == unlimited) {
      detail::fail(action, ctx, "dimension '" + dim + "' is unlimited: use create_appendable");
    }
    std::size_t length = 0;
    check(nc_inq_dimlen(ncid_, dimids.back(), &length), action, ctx);
    shape.push_back(length);
  }
  const std::size_t count =
      std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
  if (count > 0 && data == nullptr) detail::fail(action, ctx, "no data (null pointer)");
  Variable variable = define<T>(open_, ncid_, name, dimids, shape, false, attrs, compression, ctx);
  if (count > 0) {
    const std::vector<std::size_t> start(shape.size(), 0);
    check(nc_put_vara(ncid_, variable.id(), start.data(), shape.data(), data), "writing data of",
          ctx);
  }
  return variable;
}

template <Element T>
Variable Group::write_variable(const std::string& name, const std::vector<std::string>& dims,
                               const std::vector<T>& data, const std::vector<Attr>& attrs,
                               const Compression& compression) {
  const std::string action = "writing variable";
  const Ctx ctx{file_, child_path(name)};
  std::size_t expected = 1;
  for (const std::string& dim : dims) {
    std::size_t length = 0;
    check(nc_inq_dimlen(ncid_, dimension_id(dim, action, ctx.object), &length), action, ctx);
    expected *= length;
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
  const std::string action = "creating appendable variable";
  check_new_name(name, action);
  const Ctx ctx{file_, child_path(name)};
  if (dims.empty()) detail::fail(action, ctx, "no dimensions: the first must be unlimited");
  int unlimited = -1;
  check(nc_inq_unlimdim(ncid_, &unlimited), action, ctx);
  std::vector<int> dimids;
  std::vector<std::size_t> shape;
  std::size_t row_size = 1;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    dimids.push_back(dimension_id(dims[i], action, ctx.object));
    if ((dimids.back() == unlimited) != (i == 0)) {
      detail::fail(action, ctx,
                   "the first dimension, and only the first, must be unlimited (dims: " +
                       detail::join_names(dims) + ")");
    }
    std::size_t length = 0;
    check(nc_inq_dimlen(ncid_, dimids.back(), &length), action, ctx);
    shape.push_back(i == 0 ? 0 : length);
    if (i > 0) row_size *= length;
  }
  Variable variable = define<T>(open_, ncid_, name, dimids, shape, true, attrs, compression, ctx);
  return AppendableVariable<T>(std::move(variable), row_size);
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
      const Compression&);

RAMPUP_H5_INSTANTIATE(double)
RAMPUP_H5_INSTANTIATE(float)
RAMPUP_H5_INSTANTIATE(std::int32_t)
RAMPUP_H5_INSTANTIATE(std::int64_t)
RAMPUP_H5_INSTANTIATE(std::uint8_t)
#undef RAMPUP_H5_INSTANTIATE

}  // namespace rampup::h5
