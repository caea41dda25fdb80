#include "sim/engine/runner.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "models/trial.h"
#include "sim/engine/philox_draws.h"

namespace rampup {

namespace {

struct ThreadState {
  explicit ThreadState(const ModelParams& model) : stats(model) {
    outcome.resize(model.member_count(), model.year_count());
  }
  OutcomeStats stats;
  TrialOutcome outcome;
};

}  // namespace

int resolve_thread_count(int threads) {
  return threads > 0 ? threads : tbb::info::default_concurrency();
}

OutcomeStats run_trials(const ModelParams& model, const RunOptions& o) {
  if (o.trial_end < o.trial_begin || o.block_trials == 0) {
    throw std::invalid_argument("run_trials: empty block size or reversed trial range");
  }
  const std::uint64_t trials = o.trial_end - o.trial_begin;
  const std::uint64_t blocks = (trials + o.block_trials - 1) / o.block_trials;
  tbb::enumerable_thread_specific<ThreadState> states([&] { return ThreadState(model); });
  std::atomic<bool> cancelled{false};
  const PreparedModel prepared(model);

  tbb::task_arena arena(resolve_thread_count(o.threads));
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1),
                      [&](const tbb::blocked_range<std::uint64_t>& r) {
      ThreadState& state = states.local();
      for (std::uint64_t b = r.begin(); b != r.end(); ++b) {
        if (o.cancel != nullptr && o.cancel->load(std::memory_order_relaxed)) {
          cancelled.store(true, std::memory_order_relaxed);
          return;
        }
        const std::uint64_t first = o.trial_begin + b * o.block_trials;
        const std::uint64_t last = std::min(first + o.block_trials, o.trial_end);
        for (std::uint64_t trial = first; trial < last; ++trial) {
          PhiloxDraws draws(o.seed, trial);
          simulate_trial(prepared, draws, state.outcome);
          state.stats.add(state.outcome);
        }
        if (o.trials_done != nullptr) o.trials_done->fetch_add(last - first);
      }
    });
  });
  if (cancelled.load()) throw RunCancelled();

  OutcomeStats total(model);
  states.combine_each([&](const ThreadState& s) { total.merge(s.stats); });
  return total;
}

}  // namespace rampup
