// The results files a command writes: the target checks and one-line write failures shared by
// the run, merge and explore commands.
#pragma once

#include <filesystem>

#include "sim/output/atomic_output.h"

namespace rampup::cli {

// The output of a run or merge: refuses unsuitable targets (only results files of simulate may
// be replaced, with --force), says which stale temporaries of killed runs it removed.
output::AtomicOutput open_output(const std::filesystem::path& target, bool force);

// Runs `body`, which writes into output.temp_path(); HDF5 failures on that file become one
// line naming the target (output::writing).
using output::writing;

}  // namespace rampup::cli
