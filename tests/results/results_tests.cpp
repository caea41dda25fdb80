// The results layer: estimators against hand-computed values, an exact file round trip, and
// merge refusals.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "sim/engine/runner.h"
#include "sim/results/headline.h"
#include "sim/results/merge.h"
#include "sim/results/results_file.h"
#include "sim/results/summary.h"
#include "support/model_fixtures.h"

namespace rampup {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("results_tests_" + std::to_string(getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

ModelParams noisy_model() {  // with a member without armed forces
  ModelParams model = testing::noisy_model();
  MemberParams isl = model.members[2];
  isl.iso3 = "ISL";
  isl.name = "Ísland";  // non-ASCII survives the round trip
  isl.has_armed_forces = false;
  model.members.push_back(isl);
  return model;
}

RunInfo info_for(const ModelParams& model, std::uint64_t total, std::uint64_t begin,
                 std::uint64_t end) {
  RunInfo info = make_run_info(model, 5, total, begin, end);
  info.scenario_name = "test";
  info.scenario_text = "name: test\n";
  info.scenario_sha256 = std::string(64, 'a');
  return info;
}

OutcomeStats run(const ModelParams& model, std::uint64_t begin, std::uint64_t end) {
  RunOptions o;
  o.seed = 5;
  o.trial_begin = begin;
  o.trial_end = end;
  return run_trials(model, o);
}

TEST(Summary, ProbabilitiesAndStandardErrorsMatchHandValues) {
  const ProbabilitySummary s = probabilities({25, 0, 7}, 100, {false, false, true});
  EXPECT_DOUBLE_EQ(s.p[0], 0.25);
  EXPECT_DOUBLE_EQ(s.se[0], std::sqrt(0.25 * 0.75 / 100));
  EXPECT_DOUBLE_EQ(s.p[1], 0.0);
  EXPECT_TRUE(std::isnan(s.p[2]));
}

TEST(Summary, QuantityStatisticsAreScaledPerCell) {
  CellHistograms h(2, {0.0, 0.01, 1000});
  for (double x : {1.0, 2.0, 3.0, 4.0}) {
    h.add(0, x);
    h.add(1, x);
  }
  const QuantitySummary s = summarize(h, {1.0, 10.0});
  EXPECT_DOUBLE_EQ(s.mean[0], 2.5);
  EXPECT_DOUBLE_EQ(s.mean[1], 25.0);
  EXPECT_NEAR(s.sd[1], 10.0 * std::sqrt(5.0 / 3.0), 1e-9);
  EXPECT_NEAR(s.mean_se[0], std::sqrt(5.0 / 3.0) / 2.0, 1e-9);
  EXPECT_EQ(s.quantiles.size(), 2 * QUANTILE_LEVELS.size());
  EXPECT_DOUBLE_EQ(s.quantiles[3],
                   2.01);  // median of 1,2,3,4 at rank 2: top of the [2.00, 2.01) bin
}

TEST(Summary, MedianBinOfAnIntegerHistogram) {
  CellHistograms h(1, {-0.5, 1.0, 12});
  for (int v : {3, 4, 4, 11, 11}) h.add(0, v);
  EXPECT_EQ(median_bin(h, 0), 4);
}

TEST(ResultsFile, RoundTripIsExact) {
  TempDir dir;
  const ModelParams model = noisy_model();
  const OutcomeStats stats = run(model, 0, 500);
  const RunInfo info = info_for(model, 500, 0, 500);
  write_results_file(dir.path / "r.h5", info, stats);
  const LoadedResults back = read_results_file(dir.path / "r.h5");
  EXPECT_TRUE(back.stats == stats);
  EXPECT_EQ(back.info.member_ids, info.member_ids);
  EXPECT_EQ(back.info.member_names, info.member_names);
  EXPECT_EQ(back.info.scenario_text, info.scenario_text);
  EXPECT_EQ(back.info.seed, 5u);
  EXPECT_EQ(back.info.trials_total, 500u);
}

TEST(ResultsFile, HeadlineFromTheFileEqualsHeadlineFromTheRun) {
  TempDir dir;
  const ModelParams model = noisy_model();
  const OutcomeStats stats = run(model, 0, 300);
  const RunInfo info = info_for(model, 300, 0, 300);
  write_results_file(dir.path / "r.h5", info, stats);
  const LoadedResults back = read_results_file(dir.path / "r.h5");
  for (auto format : {TableFormat::table, TableFormat::csv, TableFormat::json}) {
    EXPECT_EQ(format_headline(make_headline(info, stats), format),
              format_headline(make_headline(back.info, back.stats), format));
  }
  const Headline h = make_headline(info, stats);
  EXPECT_EQ(h.rows.size(), 4u);
  EXPECT_FALSE(h.rows[3].armed);
  EXPECT_TRUE(std::isnan(h.rows[3].p_core_target));
}

TEST(Headline, ShareReachedByJumpIsJumpFirstsOverAllFirsts) {
  const ModelParams v2 = testing::noisy_model_v2();
  const OutcomeStats stats = run(v2, 0, 2000);
  const Headline h = make_headline(info_for(v2, 2000, 0, 2000), stats);
  bool some_jump = false;
  for (int m = 0; m < v2.member_count(); ++m) {
    std::uint64_t ever = 0;
    for (int k = 0; k < v2.year_count(); ++k)
      ever += stats.histogram(statistic_index("first_year_core")).bins(m)[k + 1];
    ASSERT_GT(ever, 0u);
    EXPECT_EQ(h.rows[m].share_reached_by_jump,
              static_cast<double>(stats.counts(statistic_index("first_by_jump"))[m]) /
                  static_cast<double>(ever));
    some_jump = some_jump || stats.counts(statistic_index("first_by_jump"))[m] > 0;
  }
  EXPECT_TRUE(some_jump);
  // v1 has no compliance jumps.
  const OutcomeStats v1 = run(testing::noisy_model(), 0, 500);
  for (std::uint64_t c : v1.counts(statistic_index("first_by_jump"))) EXPECT_EQ(c, 0u);
}

TEST(Merge, RefusesGapsOverlapsAndDifferentRuns) {
  TempDir dir;
  const ModelParams model = noisy_model();
  auto write = [&](const std::string& name, std::uint64_t b, std::uint64_t e, std::uint64_t seed) {
    RunInfo info = info_for(model, 30, b, e);
    info.seed = seed;
    write_results_file(dir.path / name, info, run(model, b, e));
    return dir.path / name;
  };
  const fs::path a = write("a.h5", 0, 10, 5), b = write("b.h5", 10, 20, 5),
                 c = write("c.h5", 20, 30, 5), b_seed = write("bs.h5", 10, 20, 6),
                 ab = write("ab.h5", 5, 15, 5);
  EXPECT_NO_THROW(merge_results({c, a, b}));
  EXPECT_THROW(merge_results({a, c}), MergeError);
  EXPECT_THROW(merge_results({a, b}), MergeError);         // [20, 30) missing
  EXPECT_THROW(merge_results({a, ab, b, c}), MergeError);  // overlap
  EXPECT_THROW(merge_results({a, b_seed, c}), MergeError);
}

}  // namespace
}  // namespace rampup
