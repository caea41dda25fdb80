// Damage detection for results files (docs/FORMAT.md "Integrity"): every stored variable carries
// a Fletcher-32 checksum and every object header a metadata checksum, which HDF5 checks as it
// reads; a failure becomes DamagedFileError "damaged results file: FILE: VARIABLE" (exit 2).
#pragma once

#include <filesystem>
#include <utility>

#include "sim/hdf5/error.h"
#include "sim/results/input_error.h"

namespace rampup {

// Runs f(), turning a checksum failure reported by the HDF5 layer into DamagedFileError.
template <class F>
decltype(auto) reporting_damage(F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const h5::DamagedError& e) {
    throw DamagedFileError(e.file(), e.object().empty() ? "(file metadata)" : e.object());
  }
}

// Reads every variable of the file once, in bounded blocks (its /trials too, if any): throws
// DamagedFileError naming the first damaged variable, InputError if it is not an HDF5 file.
void verify_results_file(const std::filesystem::path& path);

}  // namespace rampup
