// Attributes of groups and variables (docs/FORMAT.md client steps 14-16).
#include "sim/hdf5/object.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "sim/hdf5/detail/call.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;
using detail::own;

namespace detail {

void write_numeric_attr(hid_t obj, const std::string& name, hid_t file_type, hid_t mem_type,
                        const void* data, std::size_t count, const Ctx& ctx) {
  const hsize_t n = count;
  Handle space = own(count == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr),
                     Handle::Kind::dataspace, "creating dataspace for attribute " + name, ctx);
  Handle attr = own(H5Acreate2(obj, name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                    Handle::Kind::attribute, "creating attribute " + name + " on", ctx);
  check(H5Awrite(attr.id(), mem_type, data), "writing attribute " + name + " on", ctx);
  attr.close();
}

}  // namespace detail

namespace {

// Step 14: netCDF NC_CHAR layout, UTF-8 only if a byte is non-ASCII.
void write_text_attr(hid_t obj, const std::string& name, const std::string& text, const Ctx& ctx) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  Handle type = own(H5Tcopy(H5T_C_S1), Handle::Kind::datatype, "copying string type", ctx);
  check(H5Tset_size(type.id(), std::max<std::size_t>(text.size(), 1)), "sizing text type", ctx);
  check(H5Tset_strpad(type.id(), H5T_STR_NULLTERM), "setting NULLTERM on text type", ctx);
  check(H5Tset_cset(type.id(), ascii ? H5T_CSET_ASCII : H5T_CSET_UTF8), "setting cset", ctx);
  Handle space = own(H5Screate(H5S_SCALAR), Handle::Kind::dataspace, "creating scalar space", ctx);
  Handle attr = own(H5Acreate2(obj, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
                    Handle::Kind::attribute, "creating attribute " + name + " on", ctx);
  const std::string padded = text.empty() ? std::string(1, '\0') : text;
  check(H5Awrite(attr.id(), type.id(), padded.data()), "writing attribute " + name + " on", ctx);
  attr.close();
}

template <class T>
void write_value(hid_t obj, const std::string& name, const T& value, const Ctx& ctx) {
  if constexpr (std::is_same_v<T, std::string>) {
    write_text_attr(obj, name, value, ctx);
  } else if constexpr (Element<T>) {
    detail::write_numeric_attr(obj, name, detail::file_type<T>(), detail::mem_type<T>(), &value, 0,
                               ctx);
  } else {  // std::vector<Element>
    using E = typename T::value_type;
    if (value.empty()) detail::fail("writing attribute " + name + " on", ctx, "empty vector");
    detail::write_numeric_attr(obj, name, detail::file_type<E>(), detail::mem_type<E>(),
                               value.data(), value.size(), ctx);
  }
}

// An open attribute with its type and size.
struct OpenAttr {
  Handle attr;
  Handle type;
  H5T_class_t cls;
  bool scalar;
  hsize_t points;
};

OpenAttr open_attr(hid_t obj, const std::string& name, const Ctx& ctx) {
  const std::string action = "reading attribute " + name + " of";
  if (H5Aexists(obj, name.c_str()) <= 0) detail::fail(action, ctx, "no such attribute");
  Handle attr = own(H5Aopen(obj, name.c_str(), H5P_DEFAULT), Handle::Kind::attribute, action, ctx);
  Handle type = own(H5Aget_type(attr.id()), Handle::Kind::datatype, action, ctx);
  Handle space = own(H5Aget_space(attr.id()), Handle::Kind::dataspace, action, ctx);
  const H5T_class_t cls = H5Tget_class(type.id());
  const H5S_class_t space_cls = H5Sget_simple_extent_type(space.id());
  const auto points =
      static_cast<hsize_t>(check(H5Sget_simple_extent_npoints(space.id()), action, ctx));
  return {std::move(attr), std::move(type), cls, space_cls == H5S_SCALAR, points};
}

template <class T>
std::vector<T> read_numbers(const OpenAttr& a, hid_t mem, const std::string& name, const Ctx& ctx) {
  std::vector<T> out(a.points);
  if (!out.empty())
    check(H5Aread(a.attr.id(), mem, out.data()), "reading attribute " + name + " of", ctx);
  return out;
}

bool hidden_attr(std::string_view name) {
  static constexpr std::array<std::string_view, 5> hidden = {"CLASS", "NAME", "DIMENSION_LIST",
                                                             "REFERENCE_LIST", "_NCProperties"};
  return std::find(hidden.begin(), hidden.end(), name) != hidden.end() ||
         name.starts_with("_Netcdf4");
}

herr_t collect_attr(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

}  // namespace

Object::Object(Handle handle, std::filesystem::path file, std::string path)
    : handle_(std::move(handle)), file_(std::move(file)), path_(std::move(path)) {}

std::string Object::child_path(const std::string& name) const {
  return path_ == "/" ? "/" + name : path_ + "/" + name;
}

void Object::set_attr(const Attr& attr) {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  if (attr.name.empty()) detail::fail("writing attribute on", ctx, "empty attribute name");
  if (H5Aexists(id(), attr.name.c_str()) > 0) {
    check(H5Adelete(id(), attr.name.c_str()), "replacing attribute " + attr.name + " on", ctx);
  }
  std::visit([&](const auto& value) { write_value(id(), attr.name, value, ctx); }, attr.value);
}

void Object::set_attrs(const std::vector<Attr>& attrs) {
  for (const Attr& attr : attrs) set_attr(attr);
}

bool Object::has_attr(const std::string& name) const {
  const detail::Silence quiet;
  const htri_t exists = H5Aexists(id(), name.c_str());
  H5Eclear2(H5E_DEFAULT);
  return exists > 0;
}

std::vector<std::string> Object::attr_names() const {
  const detail::Silence quiet;
  std::vector<std::string> names;
  hsize_t idx = 0;
  if (H5Aiterate2(id(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect_attr, &names) < 0) {
    H5Eclear2(H5E_DEFAULT);  // creation order not tracked (foreign file): name order
    names.clear();
    idx = 0;
    check(H5Aiterate2(id(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect_attr, &names),
          "listing attributes of", Ctx{file_, path_});
  }
  std::erase_if(names, [](const std::string& n) { return hidden_attr(n); });
  return names;
}

std::string Object::read_text_attr(const std::string& name) const {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  const std::string action = "reading text attribute " + name + " of";
  const OpenAttr a = open_attr(id(), name, ctx);
  if (a.cls != H5T_STRING || a.points != 1) detail::fail(action, ctx, "not a single string");
  if (H5Tis_variable_str(a.type.id()) > 0) {
    char* text = nullptr;
    check(H5Aread(a.attr.id(), a.type.id(), &text), action, ctx);
    std::string out = text ? text : "";
    H5free_memory(text);
    return out;
  }
  const std::size_t size = H5Tget_size(a.type.id());
  std::string out(size, '\0');
  check(H5Aread(a.attr.id(), a.type.id(), out.data()), action, ctx);
  out.resize(std::min(out.find('\0'), out.size()));  // NULLTERM / NULLPAD
  return out;
}

double Object::read_double_attr(const std::string& name) const {
  const std::vector<double> v = read_doubles_attr(name);
  if (v.size() != 1) {
    detail::fail("reading attribute " + name + " of", Ctx{file_, path_},
                 "has " + std::to_string(v.size()) + " values, expected 1");
  }
  return v[0];
}

std::int64_t Object::read_int_attr(const std::string& name) const {
  const std::vector<std::int64_t> v = read_ints_attr(name);
  if (v.size() != 1) {
    detail::fail("reading attribute " + name + " of", Ctx{file_, path_},
                 "has " + std::to_string(v.size()) + " values, expected 1");
  }
  return v[0];
}

std::vector<double> Object::read_doubles_attr(const std::string& name) const {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  const OpenAttr a = open_attr(id(), name, ctx);
  if (a.cls != H5T_FLOAT && a.cls != H5T_INTEGER) {
    detail::fail("reading attribute " + name + " of", ctx, "not a number");
  }
  return read_numbers<double>(a, H5T_NATIVE_DOUBLE, name, ctx);
}

std::vector<std::int64_t> Object::read_ints_attr(const std::string& name) const {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  const OpenAttr a = open_attr(id(), name, ctx);
  if (a.cls != H5T_INTEGER)
    detail::fail("reading attribute " + name + " of", ctx, "not an integer");
  return read_numbers<std::int64_t>(a, H5T_NATIVE_INT64, name, ctx);
}

AttrValue Object::read_attr(const std::string& name) const {
  const detail::Silence quiet;
  const Ctx ctx{file_, path_};
  const OpenAttr a = open_attr(id(), name, ctx);
  const std::size_t size = H5Tget_size(a.type.id());
  if (a.cls == H5T_STRING) return read_text_attr(name);
  if (a.cls == H5T_FLOAT && size == 4) {
    auto v = read_numbers<float>(a, H5T_NATIVE_FLOAT, name, ctx);
    if (a.scalar) return v.at(0);
    return v;
  }
  if (a.cls == H5T_FLOAT) {
    auto v = read_numbers<double>(a, H5T_NATIVE_DOUBLE, name, ctx);
    if (a.scalar) return v.at(0);
    return v;
  }
  if (a.cls == H5T_INTEGER) {
    const bool is_signed = H5Tget_sign(a.type.id()) == H5T_SGN_2;
    if ((is_signed && size <= 4) || (!is_signed && size < 4)) {
      auto v = read_numbers<std::int32_t>(a, H5T_NATIVE_INT32, name, ctx);
      if (a.scalar) return v.at(0);
      return v;
    }
    auto v = read_numbers<std::int64_t>(a, H5T_NATIVE_INT64, name, ctx);
    if (a.scalar) return v.at(0);
    return v;
  }
  detail::fail("reading attribute " + name + " of", ctx, "unsupported attribute type");
}

}  // namespace rampup::h5
