#include "sim/run/staged_run.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <stdexcept>

namespace rampup {

namespace {

using Clock = std::chrono::steady_clock;

// The first until-se check point (1000 * 2^k trials) at or after `trials`.
std::uint64_t check_point_from(std::uint64_t trials) {
  std::uint64_t check = UNTIL_SE_FIRST_CHECK;
  while (check < trials) check *= 2;
  return check;
}

// The next chunk boundary after `done`: a multiple of the chunk size (counted from `begin`),
// an until-se check point, or the end.
std::uint64_t next_boundary(const StagedRun& r, std::uint64_t done) {
  std::uint64_t next = r.end;
  if (r.chunk_trials > 0)
    next = std::min(next, r.begin + ((done - r.begin) / r.chunk_trials + 1) * r.chunk_trials);
  if (r.until_se > 0) next = std::min(next, check_point_from(done + 1));
  return next;
}

// Keeps the one block run_trials gives it (a rank's part of a chunk is one sink chunk).
class KeepBlock final : public TrialSink {
 public:
  TrialBlock block;
  void write(const TrialBlock& b) override { block = b; }
};

// Rank 0 writes its own part, then each other rank's in rank order; the others send theirs.
// A failed write still receives every message (no sender is left waiting), then all stop.
void gather_records(KeepBlock& mine, const StagedRun& r, Communicator& comm) {
  std::exception_ptr error;
  if (comm.rank() != 0) {
    comm.send(mine.block.words(), 0);
  } else {
    const auto write = [&](const TrialBlock& block) {
      if (error || block.rows == 0) return;
      try {
        r.trials_out->write(block);
      } catch (...) {
        error = std::current_exception();
      }
    };
    write(mine.block);
    TrialBlock theirs = mine.block;  // same shape and capacity
    std::vector<std::uint64_t> words(theirs.words().size());
    for (int from = 1; from < comm.size(); ++from) {
      comm.receive(words, from);
      theirs.read_words(words);
      write(theirs);
    }
  }
  agree_on_error(error, comm);
}

}  // namespace

void agree_on_error(const std::exception_ptr& error, Communicator& comm) {
  std::vector<std::int64_t> failed{error ? 1 : 0};
  comm.max_all(failed);
  if (failed[0] == 0) return;
  if (error) std::rethrow_exception(error);
  throw PeerFailed();
}

StagedResult run_staged(const ModelParams& model, const StagedRun& r, Communicator& comm) {
  const bool root = comm.rank() == 0;
  OutcomeStats local(model);  // this rank's trials since `begin` (rank 0: plus the resumed ones)
  if (root && r.resumed != nullptr) local.merge(*r.resumed);
  std::uint64_t done = std::max(r.resume_at, r.begin);
  auto last_checkpoint = Clock::now();
  StagedResult result;

  const auto checkpoint = [&] {
    const OutcomeStats total = sum_on_root(local, comm);
    std::exception_ptr error;
    if (root) {
      try {
        r.write_checkpoint(total, done);
      } catch (...) {
        error = std::current_exception();
      }
    }
    agree_on_error(error, comm);
    last_checkpoint = Clock::now();
  };

  KeepBlock records;
  if (r.gather_trials) {
    if (r.chunk_trials == 0 || r.chunk_trials > r.engine.sink_chunk_trials * comm.size()) {
      throw std::invalid_argument(
          "run_staged: gathering records needs chunks of at most "
          "sink_chunk_trials per rank");
    }
    records.block.resize(model.member_count(), model.year_count(), r.engine.sink_chunk_trials);
  }
  while (done < r.end) {
    const std::uint64_t next = next_boundary(r, done);
    auto [first, last] = rank_range(done, next, comm.rank(), comm.size());
    if (r.gather_trials) {  // whole sink chunks, as one process writes them: the same bytes
      const std::uint64_t size = r.engine.sink_chunk_trials;
      first = std::min(done + static_cast<std::uint64_t>(comm.rank()) * size, next);
      last = std::min(first + size, next);
    }
    RunOptions options = r.engine;
    options.trial_begin = first;
    options.trial_end = last;
    if (r.gather_trials) {
      records.block.rows = 0;
      records.block.first_trial = first;
      options.trial_sink = &records;
    }
    // status: {stop requested, failed, checkpoint due (rank 0's clock decides)}
    std::vector<std::int64_t> status{0, 0, 0};
    std::exception_ptr error;
    OutcomeStats chunk;
    try {
      chunk = run_trials(model, options);
    } catch (const RunCancelled&) {
      status[0] = 1;
    } catch (...) {
      error = std::current_exception();
      status[1] = 1;
    }
    if (r.engine.cancel != nullptr && r.engine.cancel->load()) status[0] = 1;
    if (root && r.write_checkpoint) {
      const double since = std::chrono::duration<double>(Clock::now() - last_checkpoint).count();
      status[2] = since >= r.checkpoint_interval_s;
    }
    comm.max_all(status);
    if (status[1] != 0) {
      if (error) std::rethrow_exception(error);
      throw PeerFailed();
    }
    if (status[0] != 0) {  // stopped: keep what the completed chunks computed
      if (r.write_checkpoint) checkpoint();
      result.stopped = true;
      break;
    }
    if (r.gather_trials) gather_records(records, r, comm);
    local.merge(chunk);
    done = next;
    if (r.until_se > 0 && check_point_from(done) == done) {
      std::vector<std::int64_t> met{0};
      OutcomeStats total = sum_on_root(local, comm);
      if (root) met[0] = r.largest_se(total) <= r.until_se;
      comm.max_all(met);
      if (met[0] != 0) {  // the statistics just summed are the result
        result.rule_met = true;
        result.trial_end = done;
        result.stats = std::move(total);
        return result;
      }
    }
    if (status[2] != 0 && done < r.end) checkpoint();
  }
  result.trial_end = done;
  result.stats = sum_on_root(std::move(local), comm);
  return result;
}

}  // namespace rampup
