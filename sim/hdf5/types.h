// Value types of the file layer: element types, attributes, storage options.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace rampup::h5 {

// Element types a variable can hold. Stored little-endian (IEEE / two's complement).
template <class T>
concept Element =
    std::is_same_v<T, double> || std::is_same_v<T, float> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint8_t>;

// Attribute values (docs/FORMAT.md client steps 14-15): text is written as netCDF NC_CHAR if
// ASCII, else as one NC_STRING (UTF-8); numbers as one value; vectors as 1-D (never 2-D).
// Empty vectors are rejected.
using AttrValue =
    std::variant<std::string, double, float, std::int32_t, std::int64_t, std::vector<double>,
                 std::vector<float>, std::vector<std::int32_t>, std::vector<std::int64_t>>;

// One attribute. The name "_FillValue" is special when passed to write_variable /
// create_appendable: its (numeric) value is converted to the variable's element type,
// which must be exact (NaN only for float/double), and set with nc_def_var_fill (step 12).
struct Attr {
  std::string name;
  AttrValue value;
};

// Chunking and compression of a data variable (step 11).
struct Compression {
  int deflate_level = 0;             // 0 = off; 1..9 = shuffle + deflate at that level
  std::vector<std::size_t> chunk{};  // empty = default: <= ~1 MiB, split along outer axes
};

}  // namespace rampup::h5
