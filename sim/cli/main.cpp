// simulate: wiring only. Library code throws; this maps errors to exit codes
// (0 success, 2 bad usage or bad input, 1 runtime or I/O failure).
#include <cstdio>
#include <exception>
#include <variant>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/signals.h"
#include "sim/error.h"
#include "sim/hdf5/atomic_output.h"

namespace {

int fail(int code, const char* what) {
  std::fprintf(stderr, "simulate: error: %s\n", what);
  return code;
}

struct Dispatch {
  void operator()(const rampup::cli::RunArgs& a) const { rampup::cli::run_simulation(a); }
  void operator()(const rampup::cli::ValidateArgs& a) const { rampup::cli::validate_scenario(a); }
  void operator()(const rampup::cli::MergeArgs& a) const { rampup::cli::merge_shards(a); }
  void operator()(const rampup::cli::SummaryArgs& a) const { rampup::cli::print_summary(a); }
  void operator()(const rampup::cli::CompareArgs& a) const { rampup::cli::compare_files(a); }
  void operator()(const rampup::cli::HelpArgs& a) const { std::fputs(a.text.c_str(), stdout); }
};

}  // namespace

int main(int argc, char* argv[]) {
  rampup::h5::disable_hdf5_exit_cleanup();  // before any HDF5 call: see atomic_output.h
  try {
    const rampup::cli::Command command = rampup::cli::parse_command_line(argc, argv);
    // Only the commands that write results honour a stop request.
    if (std::holds_alternative<rampup::cli::RunArgs>(command) ||
        std::holds_alternative<rampup::cli::MergeArgs>(command)) {
      rampup::cli::install_signal_handlers();
    }
    std::visit(Dispatch{}, command);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      return fail(1, "cannot write to standard output");
    }
    return 0;
  } catch (const rampup::Error& e) {  // every library error: its own exit code
    return fail(e.exit_code(), e.what());
  } catch (const std::exception& e) {
    return fail(1, e.what());
  }
}
