#include "sim/explore/explore_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <optional>

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

// One step of the loop: its outcome on this rank before the ranks agree on it, and its rows.
struct Step {
  std::exception_ptr error;
  std::vector<std::int64_t> status{0, 0, 0};  // {failed, stop requested, checkpoint due}
  ExploreTable rows;                          // a round: this rank's row; split: rank 0's row
};

// A round: rank r runs experiment first + r (if there is one) alone, with all its threads.
void run_round(const ExplorePlan& plan, const ParsedScenarioFile& source, const ExploreRun& run,
               Communicator& comm, std::size_t first, std::size_t last, Step& step) {
  const std::size_t e = first + static_cast<std::size_t>(comm.rank());
  if (e >= last) return;
  try {
    const Scenario scenario = source.with(plan.overrides(e));
    RunOptions options;
    options.seed = plan.seed;
    options.trial_end = plan.trials;
    options.threads = plan.spec.threads;
    options.cancel = plan.spec.cancel;
    options.trials_done = run.trials_done;
    add_row(step.rows, plan, scenario, run_trials(scenario.model, options), e);
  } catch (const RunCancelled&) {
    step.status[1] = 1;
  } catch (...) {
    step.error = std::current_exception();
    step.status[0] = 1;
  }
}

// Experiment `e` with its trials split over all ranks (the staged run of `simulate`), its
// statistics summed exactly on rank 0, which computes the row.
void run_split(const ExplorePlan& plan, const ParsedScenarioFile& source, const ExploreRun& run,
               Communicator& comm, std::size_t e, Step& step) {
  Scenario scenario;
  std::exception_ptr error;
  try {
    scenario = source.with(plan.overrides(e));
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
    step.status[1] = 1;
    return;
  }
  if (comm.rank() != 0) return;
  try {
    add_row(step.rows, plan, scenario, trials.stats, e);
  } catch (...) {
    step.error = std::current_exception();
    step.status[0] = 1;
  }
}

}  // namespace

std::uint64_t rank0_trials(const ExplorePlan& plan, std::size_t from, int ranks) {
  const std::size_t size = static_cast<std::size_t>(ranks), left = plan.end - from;
  const auto [first, last] = rank_range(0, plan.trials, 0, ranks);
  return left / size * plan.trials + left % size * (last - first);
}

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

  // The scenario is read and parsed once; each experiment applies its overrides to the tree.
  std::optional<ParsedScenarioFile> source;
  std::exception_ptr error;
  try {
    source.emplace(plan.spec.scenario);
  } catch (...) {
    error = std::current_exception();
  }
  agree_on_error(error, comm);

  std::size_t first = std::max(run.resume_at, plan.begin);
  while (first < plan.end) {
    // Rounds of one experiment per rank while there are enough; the rest one at a time, split.
    const bool round = plan.end - first >= ranks;
    const std::size_t last = round ? first + ranks : first + 1;
    Step step;
    if (round) {
      run_round(plan, *source, run, comm, first, last, step);
    } else {
      run_split(plan, *source, run, comm, first, step);
    }
    if (plan.spec.cancel != nullptr && plan.spec.cancel->load()) step.status[1] = 1;
    if (root && run.write_checkpoint) {
      const double since = std::chrono::duration<double>(Clock::now() - last_checkpoint).count();
      step.status[2] = since >= run.checkpoint_interval_s;
    }
    comm.max_all(step.status);
    if (step.status[0] != 0) {
      if (step.error) std::rethrow_exception(step.error);
      throw PeerFailed();
    }
    if (step.status[1] != 0) {  // stopped: the step's experiments are not kept
      result.stopped = true;
      break;
    }
    if (!root) {
      if (round) comm.send(step.rows.words(), 0);
    } else {  // rank 0 appends the rows in experiment order: its own, then the others'
      result.table.append(step.rows);
      std::vector<std::uint64_t> words(step.rows.words().size());  // every row has this shape
      for (std::size_t other = first + 1; other < last; ++other) {
        comm.receive(words, static_cast<int>(other - first));
        step.rows.read_words(words);
        result.table.append(step.rows);
      }
    }
    first = last;
    if (step.status[2] != 0 && first < plan.end) checkpoint();
  }
  if (result.stopped && run.write_checkpoint) checkpoint();
  return result;
}

}  // namespace rampup::explore
