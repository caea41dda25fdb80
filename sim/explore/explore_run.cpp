#include "sim/explore/explore_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>

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

  for (std::size_t e = std::max(run.resume_at, plan.begin); e < plan.end; ++e) {
    Scenario scenario;
    std::exception_ptr error;
    try {
      scenario = load_scenario(plan.spec.scenario, plan.overrides(e));
    } catch (...) {
      error = std::current_exception();
    }
    agree_on_error(error, comm);

    StagedRun staged;
    staged.engine.seed = plan.seed;
    staged.engine.threads = plan.spec.threads;
    staged.engine.cancel = plan.spec.cancel;
    staged.engine.trials_done = run.trials_done;
    staged.end = plan.trials;
    const StagedResult trials = run_staged(scenario.model, staged, comm);
    if (trials.stopped) {
      result.stopped = true;
      break;
    }

    // status: {rank 0 failed, stop requested, checkpoint due (rank 0's clock decides)}
    std::vector<std::int64_t> status{0, 0, 0};
    if (root) {
      try {
        add_row(result.table, plan, scenario, trials.stats, e);
      } catch (...) {
        error = std::current_exception();
        status[0] = 1;
      }
      const double since = std::chrono::duration<double>(Clock::now() - last_checkpoint).count();
      status[2] = run.write_checkpoint && since >= run.checkpoint_interval_s;
    }
    status[1] = plan.spec.cancel != nullptr && plan.spec.cancel->load();
    comm.max_all(status);
    if (status[0] != 0) {
      if (error) std::rethrow_exception(error);
      throw PeerFailed();
    }
    if (status[1] != 0) {
      result.stopped = true;
      break;
    }
    if (status[2] != 0 && e + 1 < plan.end) checkpoint();
  }
  if (result.stopped && run.write_checkpoint) checkpoint();
  return result;
}

}  // namespace rampup::explore
