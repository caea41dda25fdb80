// Adding a statistic is one entry in a statistics table (sim/engine/statistics.h): a fixture
// table extends STATISTICS with GDP per member-year, and the runner accumulates it, the
// per-trial records carry it, and the results file has it in /accumulators, /summary and
// /trials, with the values the model produced.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <vector>

#include "models/prepared_model.h"
#include "models/trial.h"
#include "sim/engine/philox_draws.h"
#include "sim/engine/runner.h"
#include "sim/hdf5/file.h"
#include "sim/hdf5/group.h"
#include "sim/results/results_file.h"
#include "support/model_fixtures.h"

namespace rampup {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t SEED = 11, TRIALS = 300;

std::vector<Statistic> table_with_gdp() {
  std::vector<Statistic> table(STATISTICS.begin(), STATISTICS.end());
  table.push_back({"gdp", Cells::member_year, gather_field<&TrialOutcome::gdp_usd_bn>,
                   "gross domestic product", "billion US dollars (constant prices)",
                   Kept::histogram, Bins::percent, Scale::none, Summarized::quantity, "", "",
                   TrialType::float32});
  return table;
}

// GDP of every trial, straight from the model: (trial, member, year).
std::vector<double> gdp_from_model(const ModelParams& model) {
  const PreparedModel prepared(model);
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  std::vector<double> gdp;
  for (std::uint64_t t = 0; t < TRIALS; ++t) {
    PhiloxDraws draws(SEED, t);
    simulate_trial(prepared, draws, out);
    gdp.insert(gdp.end(), out.gdp_usd_bn.begin(), out.gdp_usd_bn.end());
  }
  return gdp;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("statistics_table_" + std::to_string(getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

TEST(StatisticsTable, NamesAreUniqueAndLookedUpAtCompileTime) {
  static_assert(STATISTICS[statistic_index("core_share")].kept == Kept::histogram);
  static_assert(STATISTICS[statistic_index("at_core_target")].kept == Kept::count);
  for (std::size_t i = 0; i < STATISTICS.size(); ++i) {
    for (std::size_t j = i + 1; j < STATISTICS.size(); ++j) {
      EXPECT_STRNE(STATISTICS[i].name, STATISTICS[j].name);
    }
  }
}

TEST(StatisticsTable, AnAddedEntryIsAccumulatedRecordedAndWritten) {
  const ModelParams model = testing::noisy_model_v2();
  const std::vector<Statistic> table = table_with_gdp();
  const std::size_t gdp = table.size() - 1;
  const int members = model.member_count(), years = model.year_count();
  const std::size_t cells = static_cast<std::size_t>(members) * years;
  const std::vector<double> expected = gdp_from_model(model);

  TempDir dir;
  const fs::path path = dir.path / "with_gdp.h5";
  const RunInfo info = make_run_info(model, SEED, TRIALS, 0, TRIALS);
  RunOptions o;
  o.seed = SEED;
  o.trial_end = TRIALS;
  o.statistics = table;
  o.sink_chunk_trials = 128;
  OutcomeStats stats;
  {
    ResultsWriter writer(path);
    o.trial_sink = &writer.save_trials(info, 0, table);
    stats = run_trials(model, o);
    writer.finish(info, stats);
  }

  // The accumulator: the exact mean of the model's values per cell; the other statistics are
  // those of the standard table.
  ASSERT_EQ(stats.histogram(gdp).count(0), TRIALS);
  for (std::size_t c = 0; c < cells; ++c) {
    double sum = 0.0;
    for (std::uint64_t t = 0; t < TRIALS; ++t) sum += expected[t * cells + c];
    EXPECT_NEAR(cell_mean(stats.histogram(gdp), static_cast<int>(c)), sum / TRIALS,
                1e-6 * sum / TRIALS);
  }
  RunOptions standard = o;
  standard.statistics = STATISTICS;
  standard.trial_sink = nullptr;
  const OutcomeStats without = run_trials(model, standard);
  for (std::size_t i = 0; i < STATISTICS.size(); ++i) {
    EXPECT_EQ(stats.histogram(i), without.histogram(i)) << STATISTICS[i].name;
    EXPECT_EQ(stats.counts(i), without.counts(i)) << STATISTICS[i].name;
  }

  // The file: accumulators, summary and per-trial records, with the entry's shape and text.
  const h5::File file = h5::File::open_read(path);
  const h5::Group root = file.root();
  const h5::Group acc = root.open_group("accumulators");
  EXPECT_EQ(acc.read<std::int64_t>("gdp_count"),
            std::vector<std::int64_t>(cells, static_cast<std::int64_t>(TRIALS)));
  const std::size_t m = static_cast<std::size_t>(members), y = static_cast<std::size_t>(years);
  EXPECT_EQ(acc.shape("gdp_bins"), (std::vector<std::size_t>{m, y, 2002}));
  const h5::Group summary = root.open_group("summary");
  EXPECT_EQ(summary.shape("gdp_mean"), (std::vector<std::size_t>{m, y}));
  EXPECT_EQ(summary.shape("gdp_quantile"), (std::vector<std::size_t>{m, y, 7}));
  EXPECT_EQ(summary.open_variable("gdp_mean").read_text_attr("long_name"),
            "mean of gross domestic product");
  const std::vector<double> mean = summary.read<double>("gdp_mean");
  for (std::size_t c = 0; c < cells; ++c) {
    EXPECT_DOUBLE_EQ(mean[c], cell_mean(stats.histogram(gdp), static_cast<int>(c)));
  }
  const h5::Group trials = root.open_group("trials");
  EXPECT_EQ(trials.shape("gdp"), (std::vector<std::size_t>{TRIALS, m, y}));
  const std::vector<float> recorded = trials.read<float>("gdp");
  ASSERT_EQ(recorded.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(recorded[i], static_cast<float>(expected[i])) << "value " << i;
  }
}

TEST(StatisticsTable, AnAddedEntryMergesExactly) {
  const ModelParams model = testing::noisy_model_v2();
  const std::vector<Statistic> table = table_with_gdp();
  RunOptions o;
  o.seed = SEED;
  o.statistics = table;
  o.trial_end = TRIALS;
  const OutcomeStats whole = run_trials(model, o);
  o.trial_end = 100;
  OutcomeStats merged = run_trials(model, o);
  o.trial_begin = 100;
  o.trial_end = TRIALS;
  merged.merge(run_trials(model, o));
  EXPECT_EQ(merged, whole);
  OutcomeStats from_words(model, table);
  from_words.merge_words(whole.words());
  EXPECT_EQ(from_words, whole);
  // Statistics of different tables do not merge.
  EXPECT_THROW(merged.merge(OutcomeStats(model)), std::invalid_argument);
}

}  // namespace
}  // namespace rampup

namespace rampup {
namespace {

TEST(StatisticsTable, AMemberScaleOnYearCellsIsRefused) {
  std::vector<Statistic> table(STATISTICS.begin(), STATISTICS.end());
  Statistic bad = table[statistic_index("alliance_spending")];
  bad.name = "bad";
  bad.scale = Scale::member_base_gdp;
  table.push_back(bad);
  EXPECT_THROW(OutcomeStats(testing::noisy_model_v2(), table), std::invalid_argument);
}

}  // namespace
}  // namespace rampup
