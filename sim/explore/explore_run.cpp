#include "sim/explore/explore_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>

#include "sim/engine/runner.h"
#include "sim/results/headline.h"
#include "sim/results/run_info.h"
#include "sim/results/summary.h"
#include "sim/run/staged_run.h"
#include "sim/scenario/scenario.h"

namespace rampup::explore {

namespace {

using Clock = std::chrono::steady_clock;

// Standard error of a median from the order statistics: half the distance between the quantiles
// at 1/2 -+ 1/(2 sqrt(n)), the ranks one binomial standard deviation either side of the median
// (a distribution-free interval of about 68%); from the histogram, so at least its bin width.
double median_se(const CellHistograms& h, int cell, std::uint64_t trials) {
  const double d = 0.5 / std::sqrt(static_cast<double>(trials));
  return 0.5 * (cell_quantile(h, cell, 0.5 + d) - cell_quantile(h, cell, 0.5 - d));
}

// Appends experiment `e`'s row, reduced from the statistics of all its trials.
void add_row(ExploreTable& table, const ExplorePlan& plan, const Scenario& scenario,
             const OutcomeStats& stats, std::size_t e) {
  RunInfo info = make_run_info(scenario.model, plan.seed, plan.trials, 0, plan.trials);
  info.scenario_name = scenario.name;
  if (table.experiments == 0) table.start(info, e);
  const Headline h = make_headline(info, stats);
  const int ty = h.target_year - info.start_year;
  const QuantitySummary at_target = summarize(
      stats.histogram(statistic_index("members_at_core_target")), unit_scale(info.years()));
  table.add(h, at_target.mean_se[static_cast<std::size_t>(ty)],
            median_se(stats.histogram(statistic_index("alliance_share")), ty, plan.trials));
}

}  // namespace

ExploreResult run_explore(const ExplorePlan& plan, const ExploreRun& run, Communicator& comm) {
  const bool root = comm.rank() == 0;
  const std::size_t ranks = static_cast<std::size_t>(comm.size());
  ExploreResult result;
  if (root && run.resumed != nullptr) result.table = *run.resumed;
  auto last_checkpoint = Clock::now();
  const auto checkpoint = [&] {  // rank 0 writes, every rank learns whether it failed
    std::exception_ptr error;
    if (root && result.table.experiments > 0) {
      try {
        run.write_checkpoint(result.table);
      } catch (...) {
        error = std::current_exception();
      }
    }
    agree_on_error(error, comm);
    last_checkpoint = Clock::now();
  };

  // Rounds of one experiment per rank: rank r runs experiment first + r with all its threads.
  for (std::size_t first = std::max(run.resume_at, plan.begin); first < plan.end; first += ranks) {
    const std::size_t e = first + static_cast<std::size_t>(comm.rank());
    const std::size_t last = std::min(first + ranks, plan.end);
    ExploreTable row;  // this rank's experiment
    std::exception_ptr error;
    // status: {failed, stop requested, checkpoint due (rank 0's clock decides)}
    std::vector<std::int64_t> status{0, 0, 0};
    try {
      if (e < last) {
        const Scenario scenario = load_scenario(plan.spec.scenario, plan.overrides(e));
        RunOptions options;
        options.seed = plan.seed;
        options.trial_end = plan.trials;
        options.threads = plan.spec.threads;
        options.cancel = plan.spec.cancel;
        options.trials_done = run.trials_done;
        add_row(row, plan, scenario, run_trials(scenario.model, options), e);
      }
    } catch (const RunCancelled&) {
      status[1] = 1;
    } catch (...) {
      error = std::current_exception();
      status[0] = 1;
    }
    if (plan.spec.cancel != nullptr && plan.spec.cancel->load()) status[1] = 1;
    if (root && run.write_checkpoint) {
      const double since = std::chrono::duration<double>(Clock::now() - last_checkpoint).count();
      status[2] = since >= run.checkpoint_interval_s;
    }
    comm.max_all(status);
    if (status[0] != 0) {
      if (error) std::rethrow_exception(error);
      throw PeerFailed();
    }
    if (status[1] != 0) {  // stopped: the round's experiments are not kept
      result.stopped = true;
      break;
    }
    // Rank 0 appends the round's rows in experiment order: its own, then the others'.
    if (!root) {
      if (e < last) comm.send(row.words(), 0);
    } else {
      result.table.append(row);
      std::vector<std::uint64_t> words(row.words().size());  // every row has this shape
      for (std::size_t other = first + 1; other < last; ++other) {
        comm.receive(words, static_cast<int>(other - first));
        row.read_words(words);
        row.begin = other;
        result.table.append(row);
      }
    }
    if (status[2] != 0 && last < plan.end) checkpoint();
  }
  if (result.stopped && run.write_checkpoint) checkpoint();
  return result;
}

}  // namespace rampup::explore
