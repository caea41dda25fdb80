// The results files a command writes: the target checks and one-line write failures shared by
// the run and merge commands.
#pragma once

#include <filesystem>

#include "sim/hdf5/atomic_output.h"
#include "sim/hdf5/error.h"

namespace rampup::cli {

// The output of a run or merge: refuses unsuitable targets (only results files of simulate may
// be replaced, with --force), says which stale temporaries of killed runs it removed.
h5::AtomicOutput open_output(const std::filesystem::path& target, bool force);

// Runs `body`, which writes into output.temp_path(); an HDF5 failure on that file becomes one
// line naming the target and the cause (the temporary file is removed as the stack unwinds).
template <class Body>
void writing(const h5::AtomicOutput& output, Body&& body) {
  try {
    body();
  } catch (const h5::Error& e) {
    if (std::filesystem::path(e.file()) != output.temp_path()) throw;
    throw h5::OutputError(output.write_failure(e.details()));
  }
}

}  // namespace rampup::cli
