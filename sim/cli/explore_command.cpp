// `simulate explore SCENARIO --vary ... --experiments K`: one process or every rank of an MPI
// job. Every rank plans (every key checked first) and runs its share of the experiments; rank 0
// alone opens the output, keeps the checkpoint and writes the one file, atomically as a run
// does. Failures are agreed on collectively, as for a run.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <vector>

#include "sim/cli/collectively.h"
#include "sim/cli/commands.h"
#include "sim/cli/exit_codes.h"
#include "sim/cli/output.h"
#include "sim/cli/progress.h"
#include "sim/cli/signals.h"
#include "sim/explore/explore.h"
#include "sim/explore/explore_checkpoint.h"
#include "sim/explore/explore_file.h"
#include "sim/explore/explore_run.h"
#include "sim/results/checkpoint.h"

namespace rampup::cli {

namespace fs = std::filesystem;

namespace {

explore::ExploreSpec spec_of(const ExploreArgs& a) {
  explore::ExploreSpec spec;
  spec.scenario = a.scenario;
  for (const std::string& v : a.vary) spec.keys.push_back(explore::parse_vary(v));
  spec.design = explore::parse_design(a.design);
  spec.experiments = a.experiments;
  spec.trials = a.trials;
  spec.seed = a.seed;
  spec.threads = a.threads;
  spec.cancel = &stop_requested();
  spec.shard_index = a.shard.index;
  spec.shard_count = a.shard.count;
  return spec;
}

// results/NAME.explore.h5, or results/NAME.explore.shard-K-of-N.h5 for a shard.
fs::path default_output(const std::string& scenario_name, const Shard& shard) {
  std::string file = scenario_name + ".explore";
  if (shard.count > 1) {
    file += ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
  }
  return fs::path("results") / (file + ".h5");
}

}  // namespace

void explore_scenario(const ExploreArgs& a, Communicator& comm) {
  const bool root = comm.rank() == 0;
  explore::ExplorePlan plan;
  fs::path target;
  std::optional<output::AtomicOutput> output;    // rank 0
  std::optional<explore::ExploreTable> resumed;  // rank 0
  collectively(comm, [&] {
    plan = explore::plan_explore(spec_of(a));
    target = a.output.empty() ? default_output(plan.scenario_name, a.shard) : fs::path(a.output);
    if (!root) return;
    if (a.output.empty()) fs::create_directories(target.parent_path());
    output.emplace(open_output(target, a.force));  // refuse a bad target before the run
    if (a.checkpoint_s) resumed = explore::read_explore_checkpoint(checkpoint_path(target), plan);
  });

  // Where to start: rank 0 read the checkpoint; every rank learns the experiment it resumes at.
  std::vector<std::int64_t> resume_at{
      resumed ? static_cast<std::int64_t>(resumed->begin + resumed->experiments) : 0};
  comm.max_all(resume_at);
  if (root && resumed && !a.quiet) {
    std::fprintf(
        stderr,
        "simulate explore: resuming from checkpoint '%s' at experiment %lld of [%zu, %zu)\n",
        checkpoint_path(target).string().c_str(), static_cast<long long>(resume_at[0]), plan.begin,
        plan.end);
  }

  std::atomic<std::uint64_t> done{0};
  explore::ExploreRun run;
  run.trials_done = &done;
  run.resume_at = static_cast<std::size_t>(resume_at[0]);
  if (resumed) run.resumed = &*resumed;
  if (a.checkpoint_s) {
    run.checkpoint_interval_s = *a.checkpoint_s;
    run.write_checkpoint = [&](const explore::ExploreTable& rows) {
      explore::write_explore_checkpoint(checkpoint_path(target), plan, rows);
    };
  }

  explore::ExploreResult result;
  collectively(comm, [&] {
    {
      const std::uint64_t total =
          explore::rank0_trials(plan, std::max(run.resume_at, plan.begin), comm.size());
      ProgressReporter progress(progress_mode_for(stderr, a.quiet || !root), total, done);
      result = explore::run_explore(plan, run, comm);
    }
    if (result.stopped) {
      if (!root)
        throw SilentExit(
            static_cast<int>(a.checkpoint_s ? ExitCode::checkpointed : ExitCode::failure));
      if (!a.checkpoint_s) throw Interrupted();
      const explore::ExploreTable& t = result.table;
      throw Checkpointed("stopped by a signal; checkpoint '" + checkpoint_path(target).string() +
                         "' holds experiments [" + std::to_string(plan.begin) + ", " +
                         std::to_string(t.experiments > 0 ? t.begin + t.experiments : plan.begin) +
                         "); run the same command to resume");
    }
    if (!root) return;
    writing(*output, [&] { explore::write_explore_file(output->temp_path(), plan, result.table); });
    if (stop_requested()) throw Interrupted();
    output->commit();
    if (a.checkpoint_s) fs::remove(checkpoint_path(target));
  });
  if (!root) return;

  std::printf("Results: %s\n", target.string().c_str());
  if (!a.quiet) {
    const std::string ranks =
        comm.size() > 1 ? " x " + std::to_string(comm.size()) + " MPI ranks" : "";
    std::printf(
        "%s design: experiments [%zu, %zu) of %zu x %llu trials over %zu keys (seed %llu)%s\n",
        explore::design_name(plan.spec.design), plan.begin, plan.end, plan.design.experiments,
        static_cast<unsigned long long>(plan.trials), plan.spec.keys.size(),
        static_cast<unsigned long long>(plan.seed), ranks.c_str());
  }
}

bool merge_explorations(const MergeArgs& a) {
  if (a.inputs.empty()) return false;
  if (!explore::is_explore_file(a.inputs.front())) {
    for (const auto& input : a.inputs) {
      if (explore::is_explore_file(input)) {
        throw UsageError("merge: " + input + " is a file of simulate explore and " +
                         a.inputs.front() +
                         " is not; merge the shards of one exploration, or of one run, alone");
      }
    }
    return false;
  }
  std::vector<fs::path> files(a.inputs.begin(), a.inputs.end());
  std::vector<explore::ExplorePlan> plans(files.size());
  std::vector<explore::ExploreTable> tables(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    explore::read_explore_file(files[i], plans[i], tables[i]);
  }
  explore::ExploreTable merged;
  explore::merge_explore_tables(files, plans, tables, merged);
  explore::ExplorePlan plan = plans.front();
  plan.begin = 0;
  plan.end = plan.design.experiments;
  output::AtomicOutput output = open_output(a.output, a.force);
  writing(output, [&] { explore::write_explore_file(output.temp_path(), plan, merged); });
  output.commit();
  std::printf("Merged %zu explore shards (%zu experiments): %s\n", files.size(), merged.experiments,
              a.output.c_str());
  return true;
}

}  // namespace rampup::cli
