#include "sim/hdf5/detail/storage.h"

#include <algorithm>
#include <functional>
#include <numeric>

namespace rampup::h5::detail {

std::vector<hsize_t> default_chunk(const std::vector<hsize_t>& shape, std::size_t element_size,
                                   bool appendable) {
  std::vector<hsize_t> chunk = shape;
  if (appendable) {
    const hsize_t row_bytes =
        std::accumulate(shape.begin() + 1, shape.end(), hsize_t{element_size}, std::multiplies<>());
    chunk[0] = std::clamp<hsize_t>(DEFAULT_CHUNK_BYTES / std::max<hsize_t>(row_bytes, 1), 1,
                                   DEFAULT_APPEND_ROWS);
  }
  const auto bytes = [&] {
    return std::accumulate(chunk.begin(), chunk.end(), hsize_t{element_size}, std::multiplies<>());
  };
  while (bytes() > DEFAULT_CHUNK_BYTES) {
    const auto axis = std::find_if(chunk.begin(), chunk.end(), [](hsize_t c) { return c > 1; });
    if (axis == chunk.end()) break;
    *axis = (*axis + 1) / 2;
  }
  return chunk;
}

void set_storage(hid_t dcpl, const std::vector<hsize_t>& shape, bool appendable,
                 std::size_t element_size, const Compression& compression, const Ctx& ctx) {
  const std::string action = "choosing storage of";
  const int level = compression.deflate_level;
  if (level < 0 || level > 9) {
    fail(action, ctx, "deflate_level " + std::to_string(level) + " is not in 0..9");
  }
  if (shape.empty()) {
    if (level == 0 && compression.chunk.empty()) return;  // a scalar stays contiguous
    fail(action, ctx, "a scalar variable cannot be chunked or compressed");
  }
  const bool empty = std::find(shape.begin() + (appendable ? 1 : 0), shape.end(), 0) != shape.end();
  if (empty) {
    if (appendable) fail(action, ctx, "a fixed dimension of an appendable variable has length 0");
    if (!compression.chunk.empty()) fail(action, ctx, "cannot chunk a variable of size 0");
    return;  // nothing stored: stays contiguous
  }
  std::vector<hsize_t> chunk(compression.chunk.begin(), compression.chunk.end());
  if (chunk.empty()) chunk = default_chunk(shape, element_size, appendable);
  if (chunk.size() != shape.size()) {
    fail(action, ctx,
         "chunk has rank " + std::to_string(chunk.size()) + ", variable has rank " +
             std::to_string(shape.size()));
  }
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const bool fixed = !(appendable && i == 0);
    if (chunk[i] == 0 || (fixed && chunk[i] > shape[i])) {
      fail(action, ctx,
           "chunk length " + std::to_string(chunk[i]) + " on axis " + std::to_string(i) +
               " is not in 1.." + std::to_string(shape[i]));
    }
  }
  check(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), "setting chunk of", ctx);
  if (level > 0) {
    check(H5Pset_shuffle(dcpl), "setting shuffle filter of", ctx);
    check(H5Pset_deflate(dcpl, static_cast<unsigned>(level)), "setting deflate filter of", ctx);
  }
  set_checksum(dcpl, ctx);  // last: the checksum covers the bytes as stored
}

void set_checksum(hid_t dcpl, const Ctx& ctx) {
  check(H5Pset_fletcher32(dcpl), "setting Fletcher-32 checksum filter of", ctx);
}

}  // namespace rampup::h5::detail
