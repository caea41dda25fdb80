// Every error class of the library derives from rampup::Error and carries the exit code that
// README "Exit codes" documents: 2 for bad usage, bad input and refused targets, 1 for runtime
// and I/O failures. main() maps only rampup::Error, so a class outside it would exit 1 silently.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "sim/cli/collectively.h"
#include "sim/cli/exit_codes.h"
#include "sim/cli/options.h"
#include "sim/engine/runner.h"
#include "sim/error.h"
#include "sim/hdf5/error.h"
#include "sim/output/atomic_output.h"
#include "sim/results/checkpoint.h"
#include "sim/results/input_error.h"
#include "sim/results/merge.h"
#include "sim/run/staged_run.h"
#include "sim/scenario/scenario.h"
#include "support/thread_ranks.h"

namespace rampup {
namespace {

template <class E>
void expect_code(const E& e, int code) {
  static_assert(std::is_base_of_v<Error, E>, "every library error derives from rampup::Error");
  const Error& base = e;  // caught as the base, as main() does
  EXPECT_EQ(base.exit_code(), code) << typeid(E).name() << ": " << base.what();
}

TEST(ErrorModel, BadInputAndRefusedTargetsExit2) {
  expect_code(cli::UsageError("bad option"), 2);
  expect_code(ScenarioError({ScenarioProblem{"s.yaml", 1, 1, "run.trials", "not a number"}}), 2);
  expect_code(InputError("not a results file"), 2);
  expect_code(MergeError("different seeds"), 2);
  expect_code(DamagedFileError("r.h5", "/trials/core_share"), 2);
  expect_code(h5::DamagedError("reading", "/trials/core_share", "r.h5", "checksum"), 2);
  expect_code(output::TargetError("a device"), 2);
  expect_code(output::OutputExistsError("exists"), 2);
  expect_code(CheckpointError("another run's checkpoint"), 2);
}

TEST(ErrorModel, RuntimeAndIoFailuresExit1) {
  expect_code(h5::Error("reading", "/x", "r.h5", "I/O error"), 1);
  expect_code(output::OutputError("disk full"), 1);
  expect_code(RunCancelled(), 1);
  expect_code(cli::Interrupted(), 1);
  expect_code(PeerFailed(), 1);
}

TEST(ErrorModel, ACheckpointedStopExits75AndEveryExceptionHasACode) {
  expect_code(cli::Checkpointed("stopped; checkpoint written"), 75);
  EXPECT_EQ(cli::exit_code_for(cli::SilentExit(2)), 2);  // another rank reported it
  EXPECT_EQ(cli::exit_code_for(InputError("x")), 2);
  EXPECT_EQ(cli::exit_code_for(std::bad_alloc()), 1);
}

TEST(ErrorModel, DamagedFileNamesFileAndVariable) {
  const DamagedFileError e("out/r.h5", "/accumulators/core_share_bins");
  EXPECT_EQ(std::string(e.what()).rfind("damaged results file: out/r.h5: "
                                        "/accumulators/core_share_bins",
                                        0),
            0u)
      << e.what();
  EXPECT_EQ(e.context().file, "out/r.h5");
  EXPECT_EQ(e.context().variable, "/accumulators/core_share_bins");
}

TEST(ErrorModel, HdfErrorsCarryFileAndObject) {
  const h5::Error e("reading values of", "/summary/p_core_target", "r.h5", "details");
  EXPECT_EQ(e.context().file, "r.h5");
  EXPECT_EQ(e.context().variable, "/summary/p_core_target");
}

// A rank that only learnt of another's failure (PeerFailed) defers to it: the rank that failed
// of its own accord prints its message, the others exit with its code silently.
TEST(Collectively, TheRankThatFailedReportsNotTheOnesThatLearntOfIt) {
  testing::ThreadRanks ranks(3);
  std::vector<std::string> outcome(3);
  std::vector<std::thread> threads;
  for (int rank = 0; rank < 3; ++rank) {
    threads.emplace_back([&, rank] {
      testing::ThreadRanks::Rank comm(ranks, rank);
      try {
        cli::collectively(comm, [&] {
          if (rank == 1) throw InputError("bad input on rank 1");
          throw PeerFailed();
        });
        outcome[static_cast<std::size_t>(rank)] = "finished";
      } catch (const cli::SilentExit& e) {
        outcome[static_cast<std::size_t>(rank)] = "silent " + std::to_string(e.code());
      } catch (const InputError& e) {
        outcome[static_cast<std::size_t>(rank)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(outcome, (std::vector<std::string>{"silent 2", "bad input on rank 1", "silent 2"}));
}

}  // namespace
}  // namespace rampup
