// Private to sim/hdf5: storage of data variables - chunking, shuffle+deflate, the Fletcher-32
// checksum and the fill value (docs/FORMAT.md client steps 11-12, "Integrity").
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "sim/hdf5/detail/call.h"
#include "sim/hdf5/types.h"

namespace rampup::h5::detail {

inline constexpr std::size_t DEFAULT_CHUNK_BYTES = std::size_t{1} << 20;  // ~1 MiB
inline constexpr std::size_t DEFAULT_APPEND_ROWS = 1024;

// Default chunk: the whole variable (appendable: up to 1024 rows) halved along the
// outermost axes until it holds at most DEFAULT_CHUNK_BYTES.
std::vector<hsize_t> default_chunk(const std::vector<hsize_t>& shape, std::size_t element_size,
                                   bool appendable);

// Sets chunking (+ shuffle and deflate if compression.deflate_level > 0) and the Fletcher-32
// checksum on `dcpl` (docs/FORMAT.md "Integrity"). Every variable with data is chunked; only
// scalars and variables of size 0 (nothing stored) stay contiguous, without a checksum.
void set_storage(hid_t dcpl, const std::vector<hsize_t>& shape, bool appendable,
                 std::size_t element_size, const Compression& compression, const Ctx& ctx);

// Adds the Fletcher-32 checksum filter (after any other filter) to a chunked `dcpl`.
void set_checksum(hid_t dcpl, const Ctx& ctx);

// The "_FillValue" of attrs converted to T; throws unless the conversion is exact
// (NaN and infinities only for floating T). std::nullopt if there is none.
template <Element T>
std::optional<T> fill_value(const std::vector<Attr>& attrs, const Ctx& ctx) {
  const Attr* found = nullptr;
  for (const Attr& a : attrs) {
    if (a.name == "_FillValue") found = &a;
  }
  if (found == nullptr) return std::nullopt;
  const auto bad = [&](const std::string& why) -> T { fail("setting _FillValue of", ctx, why); };
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

}  // namespace rampup::h5::detail
