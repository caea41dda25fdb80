// Root attributes with HDF5 directly (peek.h): netCDF-C has no call that reads one attribute
// without opening the whole file.
#include "sim/hdf5/peek.h"

#include <hdf5.h>

#include <algorithm>

#include "sim/hdf5/detail/hdf5_id.h"
#include "sim/hdf5/detail/nc.h"

namespace rampup::h5 {

namespace {

herr_t collect_name(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

// A fixed-length text attribute (netCDF's NC_CHAR, what our files hold); nullopt for any other
// kind, variable-length strings included.
std::optional<std::string> read_text(hid_t attribute) {
  const detail::Id type(H5Aget_type(attribute), H5Tclose);
  if (!type.valid() || H5Tget_class(type.get()) != H5T_STRING ||
      H5Tis_variable_str(type.get()) != 0)
    return std::nullopt;
  std::string text(H5Tget_size(type.get()), '\0');
  if (H5Aread(attribute, type.get(), text.data()) < 0) return std::nullopt;
  text.resize(std::min(text.size(), text.find('\0')));
  return text;
}

}  // namespace

std::optional<RootPeek> peek_root(const std::filesystem::path& path, const std::string& text_name) {
  detail::initialise();
  const detail::Silence quiet;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  const detail::Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  RootPeek peek;
  hsize_t next = 0;
  const bool ok = file.valid() && H5Aiterate2(file.get(), H5_INDEX_NAME, H5_ITER_NATIVE, &next,
                                              collect_name, &peek.names) >= 0;
  if (ok && H5Aexists(file.get(), text_name.c_str()) > 0) {
    const detail::Id attribute(H5Aopen(file.get(), text_name.c_str(), H5P_DEFAULT), H5Aclose);
    if (attribute.valid()) peek.text = read_text(attribute.get());
  }
  H5Eclear2(H5E_DEFAULT);
  if (!ok) return std::nullopt;
  return peek;
}

}  // namespace rampup::h5
