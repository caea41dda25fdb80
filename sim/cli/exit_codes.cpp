#include "sim/cli/exit_codes.h"

#include "sim/cli/options.h"
#include "sim/hdf5/atomic_output.h"
#include "sim/results/input_error.h"
#include "sim/run/staged_run.h"
#include "sim/scenario/scenario.h"

namespace rampup::cli {

int exit_code_for(const std::exception& e) {
  if (const auto* silent = dynamic_cast<const SilentExit*>(&e)) return silent->code();
  if (dynamic_cast<const Checkpointed*>(&e) != nullptr) return EXIT_CHECKPOINTED;
  if (dynamic_cast<const UsageError*>(&e) != nullptr || dynamic_cast<const ScenarioError*>(&e) != nullptr ||
      dynamic_cast<const InputError*>(&e) != nullptr ||
      dynamic_cast<const h5::TargetError*>(&e) != nullptr) {  // also OutputExistsError
    return 2;
  }
  return 1;
}

}  // namespace rampup::cli
