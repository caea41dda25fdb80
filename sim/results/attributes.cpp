#include "sim/results/attributes.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <variant>
#include <vector>

#include "sim/hdf5/error.h"
#include "sim/results/input_error.h"

namespace rampup {

namespace {

std::string quoted(const std::string& text) {
  constexpr std::size_t SHOWN = 40;
  return "'" + (text.size() > SHOWN ? text.substr(0, SHOWN) + "..." : text) + "'";
}

template <class T>
std::string number_text(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", static_cast<double>(v));
    return buf;
  } else {
    return std::to_string(v);
  }
}

// What is stored under `name`, in words: "text 'abc'", "the number 2.5", "3 numbers", ...
std::string found(const h5::Object& obj, const std::string& name) {
  if (!obj.has_attr(name)) return "no such attribute";
  try {
    return std::visit(
        [](const auto& v) -> std::string {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::string>) {
            return "text " + quoted(v);
          } else if constexpr (std::is_arithmetic_v<V>) {
            return "the number " + number_text(v);
          } else {
            return std::to_string(v.size()) + " numbers";
          }
        },
        obj.read_attr(name));
  } catch (const h5::Error&) {
    return "a value of a type results files do not use";
  }
}

[[noreturn]] void refuse(const h5::Object& obj, const std::string& name,
                         const std::string& expected, const std::string& what_found) {
  const std::string of = obj.path() == "/" ? "" : " of " + obj.path();
  throw InputError(obj.file().string() + ": attribute '" + name + "'" + of + ": expected " +
                       expected + ", found " + what_found,
                   {obj.file().string(), obj.path(), name});
}

}  // namespace

std::string text_attr(const h5::Object& obj, const std::string& name) {
  const h5::AttrValue value = [&]() -> h5::AttrValue {
    try {
      return obj.read_attr(name);
    } catch (const h5::Error&) {
      refuse(obj, name, "text", found(obj, name));
    }
  }();
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  refuse(obj, name, "text", found(obj, name));
}

std::int64_t int_attr(const h5::Object& obj, const std::string& name, std::int64_t lo,
                      std::int64_t hi) {
  const std::string expected =
      "one integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  std::int64_t v = 0;
  try {
    v = obj.read_int_attr(name);
  } catch (const h5::Error&) {
    refuse(obj, name, expected, found(obj, name));
  }
  if (v < lo || v > hi) refuse(obj, name, expected, "the number " + std::to_string(v));
  return v;
}

double number_attr(const h5::Object& obj, const std::string& name) {
  const std::string expected = "one finite number";
  double v = 0;
  try {
    v = obj.read_double_attr(name);
  } catch (const h5::Error&) {
    refuse(obj, name, expected, found(obj, name));
  }
  if (!std::isfinite(v)) refuse(obj, name, expected, "the number " + number_text(v));
  return v;
}

std::uint64_t decimal_text_attr(const h5::Object& obj, const std::string& name) {
  const std::string expected = "text holding a decimal integer from 0 to 2^64-1";
  const std::string text = text_attr(obj, name);
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    refuse(obj, name, expected, "text " + quoted(text));
  }
  return v;
}

}  // namespace rampup
