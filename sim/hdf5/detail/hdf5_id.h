// Private to sim/hdf5: for the .cpp files that call HDF5 directly (detail/hdf5.h): an owned
// identifier, HDF5's error stack as text, and silencing HDF5's own error printing.
#pragma once

#include <hdf5.h>

#include <string>
#include <utility>

namespace rampup::h5::detail {

// Owns one hid_t, closed with `close` (H5Dclose, ...) when it goes.
class Id {
 public:
  Id(hid_t id, herr_t (*close)(hid_t)) noexcept : id_(id), close_(close) {}
  ~Id() {
    if (id_ >= 0) close_(id_);
  }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  bool valid() const noexcept { return id_ >= 0; }
  hid_t get() const noexcept { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

// Turns off HDF5's automatic error handler while alive, restoring the previous one after.
class Silence {
 public:
  Silence() noexcept;
  ~Silence();
  Silence(const Silence&) = delete;
  Silence& operator=(const Silence&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// Text of the current HDF5 error stack (outermost call first), which is then cleared.
std::string take_stack();

}  // namespace rampup::h5::detail
