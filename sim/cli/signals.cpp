#include "sim/cli/signals.h"

#include <unistd.h>

#include <csignal>

#include "sim/output/atomic_output.h"

namespace rampup::cli {

namespace {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "needed in a signal handler");

extern "C" void on_signal(int) {
  if (g_stop.exchange(true)) {
    output::remove_pending_temp_files_signal_safe();
    _exit(1);
  }
}

}  // namespace

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  // Over RLIMIT_FSIZE a write fails with EFBIG (reported, temporary file removed) instead of
  // the process being killed with the temporary file left behind.
  std::signal(SIGXFSZ, SIG_IGN);
}

const std::atomic<bool>& stop_requested() { return g_stop; }

}  // namespace rampup::cli
