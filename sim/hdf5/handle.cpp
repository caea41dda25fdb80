#include "sim/hdf5/handle.h"

#include <utility>

#include "sim/hdf5/detail/call.h"

namespace rampup::h5 {
namespace {

herr_t close_id(hid_t id, Handle::Kind kind) noexcept {
  switch (kind) {
    case Handle::Kind::file:
      return H5Fclose(id);
    case Handle::Kind::group:
      return H5Gclose(id);
    case Handle::Kind::dataset:
      return H5Dclose(id);
    case Handle::Kind::dataspace:
      return H5Sclose(id);
    case Handle::Kind::datatype:
      return H5Tclose(id);
    case Handle::Kind::plist:
      return H5Pclose(id);
    case Handle::Kind::attribute:
      return H5Aclose(id);
  }
  return -1;
}

}  // namespace

Handle::~Handle() {
  if (id_ >= 0) {
    const detail::Silence quiet;
    (void)close_id(id_, kind_);
    H5Eclear2(H5E_DEFAULT);
  }
}

Handle::Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)), kind_(other.kind_) {}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    Handle old(std::move(*this));
    id_ = std::exchange(other.id_, -1);
    kind_ = other.kind_;
  }
  return *this;
}

void Handle::close() {
  if (id_ < 0) return;
  const detail::Silence quiet;
  const hid_t id = std::exchange(id_, -1);
  if (close_id(id, kind_) < 0) {
    const std::filesystem::path none;
    detail::fail("closing HDF5 identifier", detail::Ctx{none, std::to_string(id)});
  }
}

}  // namespace rampup::h5
