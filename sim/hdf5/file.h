// A netCDF-4 file (an HDF5 file) written and read through netCDF-C (docs/FORMAT.md,
// "The file layer"). Including this header gives the whole rampup::h5 writer/reader API.
#pragma once

#include <filesystem>
#include <memory>

#include "sim/hdf5/error.h"
#include "sim/hdf5/group.h"

namespace rampup::h5 {

// netCDF-C and HDF5 are not thread-safe in Debian's build: use one File (and everything
// opened from it) from one thread at a time. Groups and variables keep the file open even
// after the File object is gone; the bytes are final once all are gone.
class File {
 public:
  // New netCDF-4 file; throws if `path` exists (NC_NOCLOBBER).
  static File create(const std::filesystem::path& path);
  static File open_read(const std::filesystem::path& path);

  Group root() const;
  const std::filesystem::path& path() const noexcept { return path_; }
  bool is_open() const noexcept { return open_ != nullptr; }

  // Closes the file and checks it: throws if groups/variables opened from it are still
  // alive (destroy them first), so that after close() the bytes on disk are final
  // (e.g. before AtomicOutput::commit). The destructor closes quietly.
  void close();

 private:
  File(std::shared_ptr<detail::OpenFile> open, std::filesystem::path path);
  std::shared_ptr<detail::OpenFile> open_;
  std::filesystem::path path_;
};

// Call first in main(), before any netCDF/HDF5 call. HDF5 1.10 (Debian 12) frees a file's
// state when H5Fclose fails (e.g. ENOSPC while flushing) but keeps its identifier; the
// library's atexit handler then closes it again and crashes (SIGSEGV after the error was
// reported; https://github.com/HDFGroup/hdf5/issues/2257, fixed in 1.14.1). This turns that
// handler off (H5dont_atexit): every file is closed explicitly before exit.
void disable_hdf5_exit_cleanup() noexcept;

}  // namespace rampup::h5
