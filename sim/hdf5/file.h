// A netCDF-4 compatible HDF5 file (docs/FORMAT.md client steps 1-3). Including this header
// gives the whole rampup::h5 writer/reader API.
#pragma once

#include <filesystem>

#include "sim/hdf5/error.h"
#include "sim/hdf5/group.h"
#include "sim/hdf5/handle.h"

namespace rampup::h5 {

// HDF5 is not thread-safe in Debian's build: use one File (and everything opened from
// it) from one thread at a time. Groups and variables keep the file open even after the
// File object is gone (HDF5's "weak" close); the bytes are final once all are closed.
class File {
 public:
  // New file; throws if `path` exists (H5F_ACC_EXCL). Link and attribute creation order
  // tracked and indexed (step 1), superblock 2 via libver bounds (V18, LATEST) (step 2),
  // no timestamps on the root group (step 3).
  static File create(const std::filesystem::path& path);
  static File open_read(const std::filesystem::path& path);
  static File open_rw(const std::filesystem::path& path);  // to append, same libver bounds

  Group root() const;
  const std::filesystem::path& path() const noexcept { return path_; }
  bool is_open() const noexcept { return handle_.valid(); }

  void flush();
  // Closes the file and checks it: throws if groups/variables opened from it are still
  // alive (destroy them first), so that after close() the bytes on disk are final
  // (e.g. before AtomicOutput::commit). The destructor closes quietly.
  void close();

 private:
  File(Handle handle, std::filesystem::path path);
  Handle handle_;
  std::filesystem::path path_;
};

}  // namespace rampup::h5
