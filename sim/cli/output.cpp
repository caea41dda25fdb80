#include "sim/cli/output.h"

#include <cstdio>

#include "sim/results/results_file.h"

namespace rampup::cli {

output::AtomicOutput open_output(const std::filesystem::path& target, bool force) {
  output::AtomicOutput output(target, force, is_results_file);
  for (const auto& stale : output.stale_removed()) {
    std::fprintf(stderr,
                 "simulate: note: removed '%s', the temporary file of an earlier run that was "
                 "killed (its process no longer exists)\n",
                 stale.string().c_str());
  }
  return output;
}

}  // namespace rampup::cli
