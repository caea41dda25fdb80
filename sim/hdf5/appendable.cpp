// Growing a variable along its unlimited first dimension (docs/FORMAT.md client step 9 for the
// dimension, step 11 for its chunks).
#include "sim/hdf5/appendable.h"

#include "sim/hdf5/detail/nc.h"

namespace rampup::h5 {

template <Element T>
void AppendableVariable<T>::append(const T* block, std::size_t rows) {
  if (rows == 0) return;
  const detail::Ctx ctx{variable_.file(), variable_.path()};
  if (block == nullptr) detail::fail("appending to", ctx, "no data (null pointer)");
  std::vector<std::size_t> count = variable_.shape(), start(count.size(), 0);
  start[0] = rows_;
  count[0] = rows;
  // nc_put_vara writes the stored type itself (T is it); netCDF-C extends the variable and
  // the unlimited dimension.
  detail::check(
      nc_put_vara(variable_.group_id(), variable_.id(), start.data(), count.data(), block),
      "appending to", ctx);
  rows_ += rows;
}

template class AppendableVariable<double>;
template class AppendableVariable<float>;
template class AppendableVariable<std::int32_t>;
template class AppendableVariable<std::int64_t>;
template class AppendableVariable<std::uint8_t>;

}  // namespace rampup::h5
