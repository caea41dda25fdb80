// simulate: wiring only. Library code throws; this maps errors to exit codes
// (sim/cli/exit_codes.h: 0 success, 2 bad usage or bad input, 1 runtime or I/O failure,
// 75 stopped with a checkpoint written).
#include <cstdio>
#include <exception>
#include <memory>
#include <variant>

#include "sim/cli/commands.h"
#include "sim/cli/exit_codes.h"
#include "sim/cli/memory.h"
#include "sim/cli/options.h"
#include "sim/cli/signals.h"
#include "sim/hdf5/file.h"
#include "sim/run/staged_run.h"
#ifdef RAMPUP_HAVE_MPI
#include "sim/mpi/mpi_communicator.h"
#endif

namespace {

// The processes of a run: the MPI ranks when a launcher started this one, else just itself.
std::unique_ptr<rampup::Communicator> processes() {
#ifdef RAMPUP_HAVE_MPI
  if (rampup::mpi::launched_by_mpi()) return rampup::mpi::make_world();
#endif
  return std::make_unique<rampup::SerialCommunicator>();
}

struct Dispatch {
  rampup::Communicator& comm;
  void operator()(const rampup::cli::RunArgs& a) const { rampup::cli::run_simulation(a, comm); }
  void operator()(const rampup::cli::ValidateArgs& a) const { rampup::cli::validate_scenario(a); }
  void operator()(const rampup::cli::MergeArgs& a) const {
    if (!rampup::cli::merge_explorations(a)) rampup::cli::merge_shards(a);
  }
  void operator()(const rampup::cli::SummaryArgs& a) const { rampup::cli::print_summary(a); }
  void operator()(const rampup::cli::CompareArgs& a) const { rampup::cli::compare_files(a); }
  void operator()(const rampup::cli::ExploreArgs& a) const {
    rampup::cli::explore_scenario(a, comm);
  }
  void operator()(const rampup::cli::HelpArgs& a) const { std::fputs(a.text.c_str(), stdout); }
};

int run(int argc, char* argv[], rampup::Communicator& comm) {
  try {
    const rampup::cli::Command command = rampup::cli::parse_command_line(argc, argv);
    // Only the commands that write results honour a stop request.
    if (std::holds_alternative<rampup::cli::RunArgs>(command) ||
        std::holds_alternative<rampup::cli::MergeArgs>(command) ||
        std::holds_alternative<rampup::cli::ExploreArgs>(command)) {
      rampup::cli::install_signal_handlers();
    }
    std::visit(Dispatch{comm}, command);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      std::fprintf(stderr, "simulate: error: cannot write to standard output\n");
      return 1;
    }
    return 0;
  } catch (const rampup::cli::SilentExit& e) {  // another rank reported it
    return e.code();
  } catch (const rampup::PeerFailed&) {
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "simulate: error: %s\n", e.what());
    return rampup::cli::exit_code_for(e);
  }
}

}  // namespace

int main(int argc, char* argv[]) {
  rampup::h5::disable_hdf5_exit_cleanup();     // before any HDF5 call: see sim/hdf5/file.h
  rampup::cli::keep_freed_memory_for_reuse();  // before the first large allocation
  std::unique_ptr<rampup::Communicator> comm;
  try {
    comm = processes();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "simulate: error: %s\n", e.what());
    return 1;
  }
  return run(argc, argv, *comm);  // MPI_Finalize when `comm` goes
}
