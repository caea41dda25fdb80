// The staged run: chunks, resumption and the stopping rule leave the statistics those of one
// plain run; the rank reduction is exact for any number of ranks (here ranks are threads
// passing messages through an in-process communicator).
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "sim/run/staged_run.h"
#include "support/model_fixtures.h"
#include "support/thread_ranks.h"

namespace rampup {
namespace {

OutcomeStats plain_run(const ModelParams& model, std::uint64_t begin, std::uint64_t end) {
  RunOptions o;
  o.seed = 5;
  o.trial_begin = begin;
  o.trial_end = end;
  o.threads = 2;
  return run_trials(model, o);
}

StagedRun plan(std::uint64_t end) {
  StagedRun r;
  r.engine.seed = 5;
  r.engine.threads = 2;
  r.end = end;
  return r;
}

TEST(StagedRun, ChunksDoNotChangeTheStatistics) {
  const ModelParams model = testing::noisy_model_v2();
  SerialCommunicator one;
  StagedRun r = plan(2500);
  r.chunk_trials = 333;
  std::vector<std::uint64_t> checkpoints;
  r.write_checkpoint = [&](const OutcomeStats& s, std::uint64_t end) {
    EXPECT_EQ(s.trials(), end);
    EXPECT_TRUE(s == plain_run(model, 0, end));
    checkpoints.push_back(end);
  };
  const StagedResult result = run_staged(model, r, one);
  EXPECT_EQ(result.trial_end, 2500u);
  EXPECT_FALSE(result.stopped);
  EXPECT_TRUE(result.stats == plain_run(model, 0, 2500));
  // interval 0: a checkpoint at every boundary but the last (the results file follows)
  EXPECT_EQ(checkpoints, (std::vector<std::uint64_t>{333, 666, 999, 1332, 1665, 1998, 2331}));
}

TEST(StagedRun, ResumingFromACheckpointGivesTheWholeRun) {
  const ModelParams model = testing::noisy_model_v2();
  SerialCommunicator one;
  const OutcomeStats first = plain_run(model, 0, 999);
  StagedRun r = plan(2500);
  r.resume_at = 999;
  r.resumed = &first;
  r.chunk_trials = 333;
  EXPECT_TRUE(run_staged(model, r, one).stats == plain_run(model, 0, 2500));
}

TEST(StagedRun, StopsAtTheFirstCheckPointWhereTheRuleHolds) {
  const ModelParams model = testing::noisy_model_v2();
  SerialCommunicator one;
  StagedRun r = plan(100000);
  r.until_se = 1.0;
  std::vector<std::uint64_t> seen;
  r.largest_se = [&](const OutcomeStats& s) {
    seen.push_back(s.trials());
    return s.trials() >= 4000 ? 0.5 : 2.0;  // holds from the third check on
  };
  const StagedResult result = run_staged(model, r, one);
  EXPECT_TRUE(result.rule_met);
  EXPECT_EQ(result.trial_end, 4000u);
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{1000, 2000, 4000}));
  EXPECT_TRUE(result.stats == plain_run(model, 0, 4000));
  r.end = 3000;  // the cap comes first: no check at 3000, rule not met
  seen.clear();
  const StagedResult capped = run_staged(model, r, one);
  EXPECT_FALSE(capped.rule_met);
  EXPECT_EQ(capped.trial_end, 3000u);
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{1000, 2000}));
}

TEST(StagedRun, AStopRequestEndsAtTheLastCompleteChunk) {
  const ModelParams model = testing::noisy_model_v2();
  SerialCommunicator one;
  std::atomic<bool> stop{true};
  StagedRun r = plan(5000);
  r.engine.cancel = &stop;
  r.chunk_trials = 1000;
  std::uint64_t checkpointed = 99;
  r.write_checkpoint = [&](const OutcomeStats&, std::uint64_t end) { checkpointed = end; };
  const StagedResult result = run_staged(model, r, one);
  EXPECT_TRUE(result.stopped);
  EXPECT_EQ(result.trial_end, 0u);
  EXPECT_EQ(checkpointed, 0u);
}

TEST(RankRange, SplitsContiguouslyInRankOrder) {
  std::uint64_t next = 10;
  for (int rank = 0; rank < 7; ++rank) {
    const auto [first, last] = rank_range(10, 1001, rank, 7);
    EXPECT_EQ(first, next);
    EXPECT_LE(last - first, 142u);
    EXPECT_GE(last - first, 141u);
    next = last;
  }
  EXPECT_EQ(next, 1001u);
}

TEST(StagedRun, AnyNumberOfRanksGivesTheStatisticsOfOneProcess) {
  const ModelParams model = testing::noisy_model_v2();
  const OutcomeStats whole = plain_run(model, 0, 1500);
  for (int size : {1, 2, 3, 5, 8}) {
    testing::ThreadRanks ranks(size);
    std::vector<StagedResult> results(size);
    std::vector<std::thread> threads;
    for (int rank = 0; rank < size; ++rank) {
      threads.emplace_back([&, rank] {
        testing::ThreadRanks::Rank comm(ranks, rank);
        StagedRun r = plan(1500);
        r.engine.threads = 1;
        r.chunk_trials = size == 3 ? 500 : 0;
        r.until_se = size == 5 ? 1e-9 : 0.0;  // never met: checks at 1000 only
        r.largest_se = [](const OutcomeStats&) { return 1.0; };
        results[rank] = run_staged(model, r, comm);
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_TRUE(results[0].stats == whole) << size << " ranks";
    EXPECT_EQ(results[0].trial_end, 1500u);
  }
}

// Records what rank 0 would write to /trials.
struct RecordingSink final : TrialSink {
  std::vector<std::pair<std::uint64_t, std::size_t>> blocks;  // (first trial, rows)
  std::vector<std::int64_t> trial_ids;
  std::vector<float> core_share;
  void write(const TrialBlock& b) override {
    blocks.emplace_back(b.first_trial, b.rows);
    trial_ids.insert(trial_ids.end(), b.trial_id.begin(), b.trial_id.begin() + b.rows);
    const std::size_t cells = static_cast<std::size_t>(b.members) * b.years * b.rows;
    const float* values = b.column("core_share").values<float>();
    core_share.insert(core_share.end(), values, values + cells);
  }
};

TEST(StagedRun, GatheredRecordsArriveInTrialOrderInTheBlocksOfOneProcess) {
  const ModelParams model = testing::noisy_model_v2();
  RecordingSink alone;
  {
    RunOptions o;
    o.seed = 5;
    o.trial_end = 1000;
    o.sink_chunk_trials = 128;
    o.trial_sink = &alone;
    run_trials(model, o);
  }
  for (int size : {2, 3}) {
    testing::ThreadRanks ranks(size);
    RecordingSink gathered;
    std::vector<std::thread> threads;
    for (int rank = 0; rank < size; ++rank) {
      threads.emplace_back([&, rank] {
        testing::ThreadRanks::Rank comm(ranks, rank);
        StagedRun r = plan(1000);
        r.engine.threads = 1;
        r.engine.sink_chunk_trials = 128;
        r.chunk_trials = 128 * static_cast<std::uint64_t>(size);
        r.gather_trials = true;
        if (rank == 0) r.trials_out = &gathered;
        run_staged(model, r, comm);
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(gathered.blocks, alone.blocks) << size << " ranks";
    EXPECT_EQ(gathered.trial_ids, alone.trial_ids);
    EXPECT_EQ(gathered.core_share, alone.core_share);
  }
}

// A sink whose disk fills up at the second block.
struct FailingSink final : TrialSink {
  int blocks = 0;
  void write(const TrialBlock&) override {
    if (++blocks == 2) throw std::runtime_error("No space left on device");
  }
};

TEST(StagedRun, AFailedWriteOnRankZeroStopsEveryRankWithoutAHang) {
  const ModelParams model = testing::noisy_model_v2();
  for (const bool in_checkpoint : {true, false}) {
    testing::ThreadRanks ranks(3);
    std::vector<std::string> outcome(3);
    std::vector<std::thread> threads;
    FailingSink sink;
    for (int rank = 0; rank < 3; ++rank) {
      threads.emplace_back([&, rank] {
        testing::ThreadRanks::Rank comm(ranks, rank);
        StagedRun r = plan(3000);
        r.engine.threads = 1;
        r.engine.sink_chunk_trials = 128;
        r.chunk_trials = 128 * 3;
        if (in_checkpoint) {
          r.write_checkpoint = [](const OutcomeStats&, std::uint64_t end) {
            if (end > 500) throw std::runtime_error("No space left on device");
          };
        } else {
          r.gather_trials = true;
          if (rank == 0) r.trials_out = &sink;
        }
        try {
          run_staged(model, r, comm);
          outcome[rank] = "finished";
        } catch (const PeerFailed&) {
          outcome[rank] = "peer failed";
        } catch (const std::runtime_error& e) {
          outcome[rank] = e.what();
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(outcome,
              (std::vector<std::string>{"No space left on device", "peer failed", "peer failed"}))
        << (in_checkpoint ? "checkpoint" : "records");
  }
}

TEST(AgreeOnFailure, TheLowestFailingRankReports) {
  testing::ThreadRanks ranks(4);
  std::vector<int> codes(4), reporters(4, -1);
  const std::vector<int> mine{0, 2, 0, 1};
  std::vector<std::thread> threads;
  for (int rank = 0; rank < 4; ++rank) {
    threads.emplace_back([&, rank] {
      testing::ThreadRanks::Rank comm(ranks, rank);
      codes[rank] = agree_on_failure(comm, mine[rank], reporters[rank]);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(codes, (std::vector<int>{2, 2, 2, 2}));
  EXPECT_EQ(reporters, (std::vector<int>{1, 1, 1, 1}));
}

}  // namespace
}  // namespace rampup
