#include "sim/engine/runner.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <optional>

#include "models/trial.h"
#include "sim/engine/lanes.h"
#include "sim/engine/philox_draws.h"

// ThreadSanitizer builds (scripts/ci_sanitize.sh tsan): Debian's libtbb is not instrumented, so
// TSan cannot see the happens-before edges that parallel_for provides from its caller to the
// bodies and from the bodies back to its return. These annotations state them; nothing else.
#if defined(__SANITIZE_THREAD__)
#define RAMPUP_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RAMPUP_TSAN 1
#endif
#endif
#ifdef RAMPUP_TSAN
#include <sanitizer/tsan_interface.h>
#define RAMPUP_HAPPENS_BEFORE(sync) __tsan_release(sync)
#define RAMPUP_HAPPENS_AFTER(sync) __tsan_acquire(sync)
#else
#define RAMPUP_HAPPENS_BEFORE(sync) ((void)(sync))
#define RAMPUP_HAPPENS_AFTER(sync) ((void)(sync))
#endif

namespace rampup {

namespace {

// Trials simulated per OutcomeStats::add_batch call (cache blocking; any value gives the same
// statistics).
constexpr int STATS_BATCH = 32;

// TSan builds: parallel_for stores the body in a task, copies it when it splits a range, and
// hands tasks between threads and recycles their memory inside uninstrumented libtbb. Every
// access to a body copy is bracketed by an acquire and a release on its address (the base
// class acquires before the members are written), so TSan sees each hand-over and each reuse.
struct TsanSlot {
  TsanSlot() { RAMPUP_HAPPENS_AFTER(this); }
  TsanSlot(const TsanSlot&) : TsanSlot() {}
};
template <class F>
struct AnnotatedBody : TsanSlot {
  F f;
  explicit AnnotatedBody(F fn) : f(std::move(fn)) { RAMPUP_HAPPENS_BEFORE(this); }
  AnnotatedBody(const AnnotatedBody& other) : TsanSlot(), f(acquired(other)) {
    RAMPUP_HAPPENS_BEFORE(const_cast<AnnotatedBody*>(&other));
    RAMPUP_HAPPENS_BEFORE(this);
  }
  AnnotatedBody& operator=(const AnnotatedBody&) = delete;
  ~AnnotatedBody() {
    RAMPUP_HAPPENS_AFTER(this);
    RAMPUP_HAPPENS_BEFORE(this);
  }
  static const F& acquired(const AnnotatedBody& body) {
    RAMPUP_HAPPENS_AFTER(const_cast<AnnotatedBody*>(&body));
    return body.f;
  }
  template <class Range>
  void operator()(const Range& r) const {
    acquired (*this)(r);
    RAMPUP_HAPPENS_BEFORE(const_cast<AnnotatedBody*>(this));
  }
};

struct ThreadState {
  ThreadState(const ModelParams& model, std::span<const Statistic> statistics)
      : stats(model, statistics), tally(stats), outcomes(STATS_BATCH) {
    for (TrialOutcome& o : outcomes) o.resize(model.member_count(), model.year_count());
    variates.resize(model.member_count(), model.year_count());
  }
  OutcomeStats stats;
  OutcomeStats::Tally tally;  // flushed into stats after the run
  std::vector<TrialOutcome> outcomes;
  MemberYearVariates variates;  // scratch of every trial: one copy stays in cache
};

}  // namespace

int resolve_thread_count(int threads) {
  return threads > 0 ? threads : tbb::info::default_concurrency();
}

OutcomeStats run_trials(const ModelParams& model, const RunOptions& o) {
  if (o.trial_end < o.trial_begin || o.block_trials == 0 || o.sink_chunk_trials == 0) {
    throw std::invalid_argument("run_trials: empty block size or reversed trial range");
  }
  tbb::enumerable_thread_specific<ThreadState> states(
      [&] { return ThreadState(model, o.statistics); });
  std::atomic<bool> cancelled{false};
  const PreparedModel prepared(model, simulate_member_lanes_v2);
  TrialBlock records;
  if (o.trial_sink != nullptr) {
    records.resize(model.member_count(), model.year_count(), o.sink_chunk_trials, o.statistics);
  }

  // Trials [first, last) in blocks of block_trials, each thread into its own statistics.
  const auto run_range = [&](std::uint64_t first, std::uint64_t last) {
    const std::uint64_t blocks = (last - first + o.block_trials - 1) / o.block_trials;
    char done = 0;  // TSan sync point: bodies -> return
    tbb::parallel_for(
        tbb::blocked_range<std::uint64_t>(0, blocks, 1),
        AnnotatedBody([&](const tbb::blocked_range<std::uint64_t>& r) {
          struct Done {
            char* sync;
            ~Done() { RAMPUP_HAPPENS_BEFORE(sync); }
          } body_done{&done};
          ThreadState& state = states.local();
          for (std::uint64_t b = r.begin(); b != r.end(); ++b) {
            if (o.cancel != nullptr && o.cancel->load(std::memory_order_relaxed)) {
              cancelled.store(true, std::memory_order_relaxed);
              return;
            }
            const std::uint64_t block_first = first + b * o.block_trials;
            const std::uint64_t block_last = std::min(block_first + o.block_trials, last);
            for (std::uint64_t batch = block_first; batch < block_last; batch += STATS_BATCH) {
              const int n =
                  static_cast<int>(std::min<std::uint64_t>(STATS_BATCH, block_last - batch));
              for (int k = 0; k < n; ++k) {
                PhiloxDraws draws(o.seed, batch + k);
                simulate_trial(prepared, draws, state.outcomes[k], state.variates);
                if (o.trial_sink != nullptr)
                  records.store(batch + k - first, batch + k, state.outcomes[k]);
              }
              state.stats.add_batch(state.outcomes.data(), n, state.tally);
            }
            if (o.trials_done != nullptr) o.trials_done->fetch_add(block_last - block_first);
          }
        }));
    RAMPUP_HAPPENS_AFTER(&done);
  };

  // -j above the core count is honoured (the results are the same for any thread count).
  const int threads = resolve_thread_count(o.threads);
  tbb::global_control limit(
      tbb::global_control::max_allowed_parallelism,
      static_cast<std::size_t>(std::max(threads, tbb::info::default_concurrency())));
  tbb::task_arena arena(threads);
  arena.execute([&] {  // the calling thread runs this functor, so the sink stays on it
    if (o.trial_sink == nullptr) {
      run_range(o.trial_begin, o.trial_end);
      return;
    }
    for (std::uint64_t first = o.trial_begin; first < o.trial_end && !cancelled.load();
         first += o.sink_chunk_trials) {
      const std::uint64_t last = std::min(first + o.sink_chunk_trials, o.trial_end);
      run_range(first, last);
      if (cancelled.load()) break;
      records.first_trial = first;
      records.rows = last - first;
      o.trial_sink->write(records);
    }
  });
  if (cancelled.load()) throw RunCancelled();

  // The first thread's statistics become the total (integer sums: any order gives the same
  // bits), saving one allocation and one merge of ~22 MB per run (explore runs many).
  std::optional<OutcomeStats> total;
  for (ThreadState& s : states) {
    s.tally.flush(s.stats);
    if (total) {
      total->merge(s.stats);
    } else {
      total = std::move(s.stats);
    }
  }
  return total ? std::move(*total) : OutcomeStats(model, o.statistics);
}

}  // namespace rampup
