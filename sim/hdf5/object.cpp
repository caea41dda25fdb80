// Attributes of groups and variables (docs/FORMAT.md client steps 14-16).
#include "sim/hdf5/object.h"

#include <algorithm>
#include <utility>

#include "sim/hdf5/detail/hdf5.h"
#include "sim/hdf5/detail/nc.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;

namespace {

// Step 14: NC_CHAR when ASCII; non-ASCII text as one NC_STRING (UTF-8), since netCDF-C tags
// NC_CHAR as ASCII and h5netcdf then mangles the non-ASCII bytes.
int put_text(int ncid, int varid, const std::string& name, const std::string& text) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return nc_put_att_text(ncid, varid, name.c_str(), text.size(), text.c_str());
  const char* value = text.c_str();
  return nc_put_att_string(ncid, varid, name.c_str(), 1, &value);
}

template <class T>
int put_numbers(int ncid, int varid, const std::string& name, const T* values, std::size_t n) {
  if constexpr (std::is_same_v<T, double>)
    return nc_put_att_double(ncid, varid, name.c_str(), NC_DOUBLE, n, values);
  else if constexpr (std::is_same_v<T, float>)
    return nc_put_att_float(ncid, varid, name.c_str(), NC_FLOAT, n, values);
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return nc_put_att_int(ncid, varid, name.c_str(), NC_INT, n, values);
  else
    return nc_put_att_longlong(ncid, varid, name.c_str(), NC_INT64, n,
                               reinterpret_cast<const long long*>(values));
}

bool is_integer(nc_type t) {
  return t == NC_BYTE || t == NC_UBYTE || t == NC_SHORT || t == NC_USHORT || t == NC_INT ||
         t == NC_UINT || t == NC_INT64 || t == NC_UINT64;
}

}  // namespace

Object::Object(std::shared_ptr<detail::OpenFile> open, int ncid, int varid, std::string path)
    : open_(std::move(open)),
      ncid_(ncid),
      varid_(varid),
      file_(open_->path),
      path_(std::move(path)) {}

std::string Object::child_path(const std::string& name) const {
  return path_ == "/" ? "/" + name : path_ + "/" + name;
}

void Object::set_attr(const Attr& attr) {
  const Ctx ctx{file_, path_};
  const std::string action = "writing attribute " + attr.name + " on";
  if (attr.name.empty()) detail::fail("writing attribute on", ctx, "empty attribute name");
  const int status = std::visit(
      [&](const auto& value) -> int {
        using V = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<V, std::string>) {
          return put_text(ncid_, varid_, attr.name, value);
        } else if constexpr (Element<V>) {
          return put_numbers(ncid_, varid_, attr.name, &value, 1);
        } else {
          if (value.empty()) detail::fail(action, ctx, "empty vector");
          return put_numbers(ncid_, varid_, attr.name, value.data(), value.size());
        }
      },
      attr.value);
  check(status, action, ctx);
}

void Object::set_attrs(const std::vector<Attr>& attrs) {
  for (const Attr& attr : attrs) set_attr(attr);
}

bool Object::has_attr(const std::string& name) const {
  int id = 0;
  const int status = nc_inq_attid(ncid_, varid_, name.c_str(), &id);
  (void)detail::take_recorded_hdf5_errors();
  return status == NC_NOERR;
}

namespace {

struct AttrInfo {
  nc_type type = NC_NAT;
  std::size_t length = 0;
};

AttrInfo inquire(int ncid, int varid, const std::string& name, const Ctx& ctx) {
  const std::string action = "reading attribute " + name + " of";
  AttrInfo info;
  const int status = nc_inq_att(ncid, varid, name.c_str(), &info.type, &info.length);
  if (status == NC_ENOTATT) detail::fail(action, ctx, "no such attribute");
  check(status, action, ctx);
  return info;
}

template <class T>
std::vector<T> get_numbers(int ncid, int varid, const std::string& name, std::size_t n,
                           const Ctx& ctx) {
  std::vector<T> out(n);
  int status = NC_NOERR;
  if constexpr (std::is_same_v<T, double>)
    status = nc_get_att_double(ncid, varid, name.c_str(), out.data());
  else if constexpr (std::is_same_v<T, float>)
    status = nc_get_att_float(ncid, varid, name.c_str(), out.data());
  else if constexpr (std::is_same_v<T, std::int32_t>)
    status = nc_get_att_int(ncid, varid, name.c_str(), out.data());
  else
    status =
        nc_get_att_longlong(ncid, varid, name.c_str(), reinterpret_cast<long long*>(out.data()));
  check(status, "reading attribute " + name + " of", ctx);
  return out;
}

template <class T>
AttrValue one_or_many(std::vector<T> v) {
  if (v.size() == 1) return v[0];
  return v;
}

}  // namespace

std::string Object::read_text_attr(const std::string& name) const {
  const Ctx ctx{file_, path_};
  const std::string action = "reading text attribute " + name + " of";
  const AttrInfo a = inquire(ncid_, varid_, name, ctx);
  if (a.type == NC_CHAR) {
    std::string out(a.length, '\0');
    check(nc_get_att_text(ncid_, varid_, name.c_str(), out.data()), action, ctx);
    out.resize(std::min(out.find('\0'), out.size()));  // NULLTERM / NULLPAD
    return out;
  }
  if (a.type != NC_STRING || a.length != 1) detail::fail(action, ctx, "not a single string");
  char* text = nullptr;
  check(nc_get_att_string(ncid_, varid_, name.c_str(), &text), action, ctx);
  std::string out = text ? text : "";
  nc_free_string(1, &text);
  return out;
}

double Object::read_double_attr(const std::string& name) const {
  const Ctx ctx{file_, path_};
  const std::string action = "reading attribute " + name + " of";
  const AttrInfo a = inquire(ncid_, varid_, name, ctx);
  if (a.type != NC_FLOAT && a.type != NC_DOUBLE && !is_integer(a.type))
    detail::fail(action, ctx, "not a number");
  if (a.length != 1)
    detail::fail(action, ctx, "has " + std::to_string(a.length) + " values, expected 1");
  return get_numbers<double>(ncid_, varid_, name, 1, ctx)[0];
}

std::int64_t Object::read_int_attr(const std::string& name) const {
  const Ctx ctx{file_, path_};
  const std::string action = "reading attribute " + name + " of";
  const AttrInfo a = inquire(ncid_, varid_, name, ctx);
  if (!is_integer(a.type)) detail::fail(action, ctx, "not an integer");
  if (a.length != 1)
    detail::fail(action, ctx, "has " + std::to_string(a.length) + " values, expected 1");
  return get_numbers<std::int64_t>(ncid_, varid_, name, 1, ctx)[0];
}

AttrValue Object::read_attr(const std::string& name) const {
  const Ctx ctx{file_, path_};
  const AttrInfo a = inquire(ncid_, varid_, name, ctx);
  switch (a.type) {
    case NC_CHAR:
    case NC_STRING:
      return read_text_attr(name);
    case NC_FLOAT:
      return one_or_many(get_numbers<float>(ncid_, varid_, name, a.length, ctx));
    case NC_DOUBLE:
      return one_or_many(get_numbers<double>(ncid_, varid_, name, a.length, ctx));
    case NC_BYTE:
    case NC_UBYTE:
    case NC_SHORT:
    case NC_USHORT:
    case NC_INT:
      return one_or_many(get_numbers<std::int32_t>(ncid_, varid_, name, a.length, ctx));
    case NC_UINT:
    case NC_INT64:
    case NC_UINT64:
      return one_or_many(get_numbers<std::int64_t>(ncid_, varid_, name, a.length, ctx));
    default:
      detail::fail("reading attribute " + name + " of", ctx, "unsupported attribute type");
  }
}

}  // namespace rampup::h5
