// Growing a variable along its unlimited first dimension (docs/FORMAT.md client step 9 for the
// dimension, step 11 for its chunks).
#include "sim/hdf5/appendable.h"

#include <utility>

#include "sim/hdf5/detail/call.h"

namespace rampup::h5 {

using detail::check;
using detail::Ctx;
using detail::own;

AppendableBase::AppendableBase(Variable variable, Handle scale, std::size_t rows,
                               std::size_t row_size)
    : variable_(std::move(variable)), scale_(std::move(scale)), rows_(rows), row_size_(row_size) {}

void AppendableBase::append_raw(const void* data, std::size_t rows, std::int64_t mem_type) {
  if (rows == 0) return;
  const detail::Silence quiet;
  const Ctx ctx{variable_.file(), variable_.path()};
  const std::string action = "appending to";
  if (data == nullptr) detail::fail(action, ctx, "no data (null pointer)");
  const hid_t ds = variable_.id();

  std::vector<hsize_t> extent;
  for (std::size_t n : detail::extent(ds, ctx)) extent.push_back(n);
  std::vector<hsize_t> start(extent.size(), 0);
  std::vector<hsize_t> count = extent;
  start[0] = rows_;
  count[0] = rows;
  extent[0] = rows_ + rows;
  check(H5Dset_extent(ds, extent.data()), action, ctx);

  Handle file_space = own(H5Dget_space(ds), Handle::Kind::dataspace, action, ctx);
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                            nullptr),
        action, ctx);
  Handle mem_space = own(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                         Handle::Kind::dataspace, action, ctx);
  check(H5Dwrite(ds, mem_type, mem_space.id(), file_space.id(), H5P_DEFAULT, data), action, ctx);
  rows_ += rows;

  // Keep the unlimited dimension scale as long as the longest variable using it.
  const Ctx scale_ctx{variable_.file(), "unlimited dimension of " + variable_.path()};
  if (detail::extent(scale_.id(), scale_ctx).at(0) < rows_) {
    const hsize_t length = rows_;
    check(H5Dset_extent(scale_.id(), &length), "extending", scale_ctx);
  }
}

template <Element T>
std::int64_t AppendableVariable<T>::mem_type() {
  return detail::mem_type<T>();
}

template class AppendableVariable<double>;
template class AppendableVariable<float>;
template class AppendableVariable<std::int32_t>;
template class AppendableVariable<std::int64_t>;
template class AppendableVariable<std::uint8_t>;

}  // namespace rampup::h5
