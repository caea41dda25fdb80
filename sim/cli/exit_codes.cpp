#include "sim/cli/exit_codes.h"

namespace rampup::cli {

int exit_code_for(const std::exception& e) {
  if (const auto* silent = dynamic_cast<const SilentExit*>(&e)) return silent->code();
  if (const auto* error = dynamic_cast<const Error*>(&e)) return error->exit_code();
  return 1;
}

}  // namespace rampup::cli
