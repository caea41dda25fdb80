// The runner's guarantees: identical statistics for any thread count and any shard split.
#include <gtest/gtest.h>

#include "models/trial.h"
#include "sim/engine/philox_draws.h"
#include "sim/engine/runner.h"
#include "support/model_fixtures.h"

namespace rampup {
namespace {

using testing::noisy_model;

OutcomeStats run(const ModelParams& model, std::uint64_t begin, std::uint64_t end, int threads,
                 std::uint64_t block = 64) {
  RunOptions o;
  o.seed = 99;
  o.trial_begin = begin;
  o.trial_end = end;
  o.threads = threads;
  o.block_trials = block;
  return run_trials(model, o);
}

TEST(Runner, StatisticsAreIdenticalForAnyThreadCount) {
  const ModelParams model = noisy_model();
  const OutcomeStats one = run(model, 0, 3000, 1);
  EXPECT_EQ(one.trials(), 3000u);
  EXPECT_TRUE(one == run(model, 0, 3000, 2));
  EXPECT_TRUE(one == run(model, 0, 3000, 8, 17));  // other block size too
}

TEST(Runner, AnyShardSplitMergesToTheWholeRun) {
  const ModelParams model = noisy_model();
  const OutcomeStats whole = run(model, 0, 2500, 2);
  OutcomeStats merged = run(model, 0, 1, 1);  // a single-trial shard
  merged.merge(run(model, 1, 1999, 2));
  merged.merge(run(model, 1999, 2500, 2));
  EXPECT_TRUE(merged == whole);
}

TEST(Runner, ModelV2IsIdenticalForAnyThreadCountAndShardSplit) {
  const ModelParams model = testing::noisy_model_v2();
  const OutcomeStats whole = run(model, 0, 2000, 1);
  EXPECT_TRUE(whole == run(model, 0, 2000, 2));
  EXPECT_TRUE(whole == run(model, 0, 2000, 8, 13));
  OutcomeStats merged = run(model, 0, 777, 2);
  merged.merge(run(model, 777, 2000, 2));
  EXPECT_TRUE(merged == whole);
}

TEST(Runner, StatisticsSentAsWordsMergeExactly) {  // the MPI reduction's message format
  const ModelParams model = testing::noisy_model_v2();
  OutcomeStats by_words = run(model, 0, 900, 2);
  const OutcomeStats second = run(model, 900, 1500, 2);
  by_words.merge_words(second.words());
  EXPECT_TRUE(by_words == run(model, 0, 1500, 1));
  std::vector<std::uint64_t> short_words = second.words();
  short_words.pop_back();
  EXPECT_THROW(by_words.merge_words(short_words), std::invalid_argument);
}

TEST(Runner, BatchedAccumulationEqualsOneTrialAtATime) {  // OutcomeStats::add_batch
  const ModelParams model = testing::noisy_model_v2();
  const PreparedModel prepared(model);
  std::vector<TrialOutcome> outcomes(150);
  for (std::size_t t = 0; t < outcomes.size(); ++t) {
    outcomes[t].resize(model.member_count(), model.year_count());
    PhiloxDraws draws(99, t);
    simulate_trial(prepared, draws, outcomes[t]);
  }
  OutcomeStats one_by_one(model), batched(model);
  for (const TrialOutcome& o : outcomes) one_by_one.add(o);
  batched.add_batch(outcomes.data(), 1);
  batched.add_batch(outcomes.data() + 1, 7);
  batched.add_batch(outcomes.data() + 8, 142);  // more than MAX_BATCH: split inside
  EXPECT_TRUE(batched == one_by_one);
  EXPECT_TRUE(one_by_one == run(model, 0, 150, 1));
  OutcomeStats tallied(model);  // 16-bit bin counts, flushed at the end
  OutcomeStats::Tally tally(tallied);
  tallied.add_batch(outcomes.data(), 8, tally);
  tallied.add_batch(outcomes.data() + 8, 142, tally);
  tally.flush(tallied);
  EXPECT_TRUE(tallied == one_by_one);
}

TEST(Runner, CancelStopsTheRun) {
  const ModelParams model = noisy_model();
  std::atomic<bool> cancel{true};
  RunOptions o;
  o.trial_end = 100000;
  o.cancel = &cancel;
  EXPECT_THROW(run_trials(model, o), RunCancelled);
}

TEST(Runner, ProgressCountsEveryTrial) {
  std::atomic<std::uint64_t> done{0};
  RunOptions o;
  o.trial_begin = 10;
  o.trial_end = 1010;
  o.block_trials = 100;
  o.trials_done = &done;
  run_trials(noisy_model(), o);
  EXPECT_EQ(done.load(), 1000u);
}

}  // namespace
}  // namespace rampup
