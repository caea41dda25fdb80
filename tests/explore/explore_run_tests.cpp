// The loop over experiments (sim/explore/explore_run.h): any number of ranks (threads passing
// messages here), resuming from a checkpoint's rows and checkpoints at every round give the
// rows of one process; a failed checkpoint write on rank 0 stops every rank without a hang.
#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

#include "sim/explore/explore_run.h"
#include "sim/run/staged_run.h"
#include "support/thread_ranks.h"

namespace rampup::explore {
namespace {

ExplorePlan small_plan() {
  ExploreSpec spec;
  spec.scenario = RAMPUP_SMALL_SCENARIO;
  spec.keys = {parse_vary("members.DEU.will.initial=0.2:0.9"),
               parse_vary("members.ESP.debt_pct_gdp=60,100,140")};
  spec.experiments = 5;
  spec.trials = 301;
  spec.threads = 1;
  return plan_explore(spec);
}

// Equal bit for bit (NaN for members without armed forces included).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

void expect_same_rows(const ExploreTable& a, const ExploreTable& b, const std::string& what) {
  EXPECT_EQ(a.begin, b.begin) << what;
  EXPECT_EQ(a.experiments, b.experiments) << what;
  EXPECT_EQ(a.member_ids, b.member_ids) << what;
  EXPECT_TRUE(same_bits(a.p_reached, b.p_reached)) << what << " p_reached";
  EXPECT_TRUE(same_bits(a.p_reached_se, b.p_reached_se)) << what << " p_reached_se";
  EXPECT_TRUE(same_bits(a.p_core_target, b.p_core_target)) << what << " p_core_target";
  EXPECT_TRUE(same_bits(a.alliance_share_median, b.alliance_share_median))
      << what << " alliance_share_median";
  EXPECT_TRUE(same_bits(a.alliance_share_median_se, b.alliance_share_median_se))
      << what << " alliance_share_median_se";
  EXPECT_TRUE(same_bits(a.members_mean, b.members_mean)) << what << " members_mean";
  EXPECT_TRUE(same_bits(a.members_mean_se, b.members_mean_se)) << what << " members_mean_se";
}

// Runs `run` on `size` ranks; returns rank 0's result.
ExploreResult on_ranks(const ExplorePlan& plan, const ExploreRun& run, int size) {
  testing::ThreadRanks ranks(size);
  std::vector<ExploreResult> results(static_cast<std::size_t>(size));
  std::vector<std::thread> threads;
  for (int rank = 0; rank < size; ++rank) {
    threads.emplace_back([&, rank] {
      testing::ThreadRanks::Rank comm(ranks, rank);
      results[static_cast<std::size_t>(rank)] = run_explore(plan, run, comm);
    });
  }
  for (auto& t : threads) t.join();
  return results[0];
}

TEST(RunExplore, AnyNumberOfRanksGivesTheRowsOfOneProcess) {
  const ExplorePlan plan = small_plan();
  SerialCommunicator one;
  const ExploreResult whole = run_explore(plan, {}, one);
  ASSERT_EQ(whole.table.experiments, 5u);
  EXPECT_FALSE(whole.stopped);
  for (int size : {2, 3, 8}) {  // 8: more ranks than experiments
    expect_same_rows(on_ranks(plan, {}, size).table, whole.table, std::to_string(size));
  }
}

TEST(RunExplore, CheckpointsAndResumingGiveTheRowsOfOneRun) {
  const ExplorePlan plan = small_plan();
  SerialCommunicator one;
  const ExploreResult whole = run_explore(plan, {}, one);
  // interval 0: at every boundary of rounds (one experiment per rank) but the last
  for (const auto& [size, sizes] : {std::pair{1, std::vector<std::size_t>{1, 2, 3, 4}},
                                    std::pair{2, std::vector<std::size_t>{2, 4}}}) {
    std::vector<ExploreTable> checkpoints;
    ExploreRun run;
    run.write_checkpoint = [&](const ExploreTable& done) { checkpoints.push_back(done); };
    const ExploreResult with = on_ranks(plan, run, size);
    expect_same_rows(with.table, whole.table, "with checkpoints");
    std::vector<std::size_t> written;
    for (const ExploreTable& c : checkpoints) written.push_back(c.experiments);
    EXPECT_EQ(written, sizes) << size << " ranks";
    ExploreRun resume;  // from the second checkpoint, on 3 ranks
    resume.resume_at = checkpoints[1].experiments;
    resume.resumed = &checkpoints[1];
    expect_same_rows(on_ranks(plan, resume, 3).table, whole.table, "resumed");
  }
}

TEST(RunExplore, AFailedCheckpointOnRankZeroStopsEveryRankWithoutAHang) {
  const ExplorePlan plan = small_plan();
  ExploreRun run;
  run.write_checkpoint = [](const ExploreTable& done) {
    if (done.experiments >= 3) throw std::runtime_error("No space left on device");
  };
  testing::ThreadRanks ranks(3);
  std::vector<std::string> outcome(3);
  std::vector<std::thread> threads;
  for (int rank = 0; rank < 3; ++rank) {
    threads.emplace_back([&, rank] {
      testing::ThreadRanks::Rank comm(ranks, rank);
      try {
        run_explore(plan, run, comm);
        outcome[static_cast<std::size_t>(rank)] = "finished";
      } catch (const PeerFailed&) {
        outcome[static_cast<std::size_t>(rank)] = "peer failed";
      } catch (const std::runtime_error& e) {
        outcome[static_cast<std::size_t>(rank)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(outcome,
            (std::vector<std::string>{"No space left on device", "peer failed", "peer failed"}));
}

}  // namespace
}  // namespace rampup::explore
