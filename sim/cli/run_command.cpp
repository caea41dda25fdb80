// `simulate SCENARIO`: one process, or every rank of an MPI job. Every rank loads the scenario
// and runs its share of each chunk of trials; rank 0 alone opens the output, keeps the
// checkpoint and writes the one results file. Failures are agreed on collectively, so a job
// that fails anywhere stops everywhere with one message and one exit code.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "sim/cli/collectively.h"
#include "sim/cli/commands.h"
#include "sim/cli/exit_codes.h"
#include "sim/cli/output.h"
#include "sim/cli/progress.h"
#include "sim/cli/signals.h"
#include "sim/results/checkpoint.h"
#include "sim/results/headline.h"
#include "sim/results/results_file.h"
#include "sim/run/staged_run.h"
#include "sim/scenario/scenario.h"

namespace rampup::cli {

namespace fs = std::filesystem;

namespace {

// Trials per chunk and per thread of each rank when checkpointing (about 0.5 s of work for
// hague.yaml): the granularity of checkpoints and of a stop. Chunks do not change the results.
constexpr std::uint64_t CHECKPOINT_CHUNK_TRIALS_PER_THREAD = 16384;

// results/NAME.h5, or results/NAME.shard-K-of-N.h5 for a shard.
fs::path default_output(const std::string& scenario_name, const Shard& shard) {
  std::string file = scenario_name;
  if (shard.count > 1) {
    file += ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
  }
  return fs::path("results") / (file + ".h5");
}

void make_parent_folder(const fs::path& target) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    throw output::OutputError("cannot write results file '" + target.string() +
                              "': cannot create folder '" + target.parent_path().string() +
                              "': " + ec.message());
  }
}

}  // namespace

void run_simulation(const RunArgs& a, Communicator& comm) {
  const bool root = comm.rank() == 0;
  Scenario scenario;
  RunInfo info;
  fs::path target;
  std::optional<output::AtomicOutput> output;  // rank 0
  std::optional<LoadedResults> resumed;        // rank 0
  collectively(comm, [&] {
    scenario = load_scenario(a.scenario, a.overrides);
    if (a.trials) scenario.run.trials = *a.trials;
    if (a.seed) scenario.run.seed = *a.seed;
    if (a.shard.count > scenario.run.trials) {
      throw UsageError("--shard " + std::to_string(a.shard.index) + "/" +
                       std::to_string(a.shard.count) + ": more shards than the " +
                       std::to_string(scenario.run.trials) + " trials");
    }
    const auto [begin, end] =
        rank_range(0, scenario.run.trials, static_cast<int>(a.shard.index - 1),
                   static_cast<int>(a.shard.count));
    info = make_run_info(scenario.model, scenario.run.seed, scenario.run.trials, begin, end);
    info.scenario_name = scenario.name;
    info.scenario_text = scenario.text;
    info.scenario_sha256 = scenario.text_sha256;
    info.until_se = a.until_se;
    target = a.output.empty() ? default_output(scenario.name, a.shard) : fs::path(a.output);
    if (!root) return;
    if (a.output.empty()) make_parent_folder(target);
    output.emplace(open_output(target, a.force));  // refuse a bad target before the run
    if (a.checkpoint_s) resumed = read_checkpoint(checkpoint_path(target), info);
  });

  // Where to start: rank 0 read the checkpoint; every rank learns the trial it resumes at.
  std::vector<std::int64_t> resume_at{resumed ? static_cast<std::int64_t>(resumed->info.trial_end)
                                              : 0};
  comm.max_all(resume_at);
  if (root && resumed && !a.quiet) {
    std::fprintf(stderr, "simulate: resuming from checkpoint '%s' at trial %llu of %llu\n",
                 checkpoint_path(target).string().c_str(),
                 static_cast<unsigned long long>(resumed->info.trial_end),
                 static_cast<unsigned long long>(info.trial_end));
  }

  std::atomic<std::uint64_t> done{0};
  StagedRun plan;
  plan.engine.seed = scenario.run.seed;
  plan.engine.threads = a.threads;
  plan.engine.trials_done = &done;
  plan.engine.cancel = &stop_requested();
  plan.begin = info.trial_begin;
  plan.end = info.trial_end;
  plan.resume_at = static_cast<std::uint64_t>(resume_at[0]);
  if (resumed) plan.resumed = &resumed->stats;
  if (a.checkpoint_s) {
    plan.chunk_trials = CHECKPOINT_CHUNK_TRIALS_PER_THREAD *
                        static_cast<std::uint64_t>(resolve_thread_count(a.threads)) *
                        static_cast<std::uint64_t>(comm.size());
    plan.checkpoint_interval_s = *a.checkpoint_s;
    plan.write_checkpoint = [&](const OutcomeStats& stats, std::uint64_t trial_end) {
      RunInfo partial = info;
      partial.trial_end = trial_end;
      write_checkpoint(checkpoint_path(target), partial, stats);
    };
  }
  if (a.save_trials && comm.size() > 1) {  // rank 0 gathers the records chunk by chunk
    plan.gather_trials = true;
    plan.chunk_trials = plan.engine.sink_chunk_trials * static_cast<std::uint64_t>(comm.size());
  }
  if (a.until_se > 0) {
    plan.until_se = a.until_se;
    plan.largest_se = [&](const OutcomeStats& stats) {
      return largest_headline_se(make_headline(info, stats));
    };
  }

  StagedResult result;
  double seconds = 0;
  collectively(comm, [&] {
    std::optional<ResultsWriter> writer;
    const auto run = [&] {
      if (root && a.save_trials) {
        TrialSink& sink = writer->save_trials(info, a.compress_level);
        (plan.gather_trials ? plan.trials_out : plan.engine.trial_sink) = &sink;
      }
      const auto start = std::chrono::steady_clock::now();
      {
        const std::uint64_t remaining = plan.end - plan.resume_at;
        ProgressReporter progress(progress_mode_for(stderr, a.quiet || !root),
                                  (remaining + comm.size() - 1) / comm.size(), done);
        result = run_staged(scenario.model, plan, comm);
      }
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (result.stopped) {
        if (!root)
          throw SilentExit(
              static_cast<int>(a.checkpoint_s ? ExitCode::checkpointed : ExitCode::failure));
        if (!a.checkpoint_s) throw Interrupted();
        throw Checkpointed("stopped by a signal; checkpoint '" + checkpoint_path(target).string() +
                           "' holds trials [" + std::to_string(info.trial_begin) + ", " +
                           std::to_string(result.trial_end) + "); run the same command to resume");
      }
      if (!root) return;
      if (a.until_se > 0) {
        info.trials_total = info.trial_end = result.trial_end;
        info.stopping_rule_met = result.rule_met;
      }
      writer->finish(info, result.stats);
    };
    if (!root) return run();
    writing(*output, [&] {
      writer.emplace(output->temp_path());
      run();
    });
    if (stop_requested()) throw Interrupted();
    output->commit();
    if (a.checkpoint_s) fs::remove(checkpoint_path(target));
  });
  if (!root) return;

  std::printf("Results: %s\n", target.string().c_str());
  if (a.quiet) return;
  const std::uint64_t ran = result.trial_end - plan.resume_at;
  const std::string ranks =
      comm.size() > 1 ? " x " + std::to_string(comm.size()) + " MPI ranks" : "";
  std::printf("%llu trials [%llu, %llu) of %llu in %.2f s on %d threads%s (%.0f trials/s)\n",
              static_cast<unsigned long long>(result.trial_end - info.trial_begin),
              static_cast<unsigned long long>(info.trial_begin),
              static_cast<unsigned long long>(result.trial_end),
              static_cast<unsigned long long>(info.trials_total), seconds,
              resolve_thread_count(a.threads), ranks.c_str(), static_cast<double>(ran) / seconds);
  if (a.until_se > 0) {
    std::printf("Stopping rule --until-se %g: %s\n", a.until_se,
                result.rule_met ? "met" : "NOT met within the trial cap (-n)");
  }
  std::printf("\n");
  std::fputs(format_headline(make_headline(info, result.stats), TableFormat::table).c_str(),
             stdout);
}

}  // namespace rampup::cli
