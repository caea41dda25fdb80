// RAII owner of one HDF5 identifier (hid_t), without exposing hdf5.h.
#pragma once

#include <cstdint>

namespace rampup::h5 {

// Owns one hid_t (int64_t in HDF5 1.10) and closes it with the matching H5?close.
// Move-only. Errors while closing in the destructor are swallowed; call close()
// to see them.
class Handle {
 public:
  enum class Kind { file, group, dataset, dataspace, datatype, plist, attribute };

  Handle() noexcept = default;
  Handle(std::int64_t id, Kind kind) noexcept : id_(id), kind_(kind) {}
  ~Handle();
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  std::int64_t id() const noexcept { return id_; }
  Kind kind() const noexcept { return kind_; }
  bool valid() const noexcept { return id_ >= 0; }
  // Closes now; throws rampup::h5::Error if HDF5 reports a failure.
  void close();

 private:
  std::int64_t id_ = -1;
  Kind kind_ = Kind::plist;
};

}  // namespace rampup::h5
