// SIGINT/SIGTERM: the first asks the run to stop (the runner checks between blocks and the
// temporary output is removed on unwinding); a second removes pending temporary files and
// exits at once.
#pragma once

#include <atomic>

namespace rampup::cli {

void install_signal_handlers();
const std::atomic<bool>& stop_requested();

}  // namespace rampup::cli
