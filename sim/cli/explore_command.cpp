// `simulate explore SCENARIO --vary ... --experiments K`: plan (every key checked first), run
// the experiments, write one file atomically (as a run does), print where it went.
#include <cstdio>
#include <filesystem>

#include "sim/cli/commands.h"
#include "sim/cli/exit_codes.h"
#include "sim/cli/output.h"
#include "sim/cli/signals.h"
#include "sim/engine/runner.h"
#include "sim/explore/explore.h"
#include "sim/explore/explore_file.h"

namespace rampup::cli {

namespace fs = std::filesystem;

void explore_scenario(const ExploreArgs& a) {
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
  const explore::ExplorePlan plan = explore::plan_explore(spec);

  std::string file = plan.scenario_name + ".explore";
  if (a.shard.count > 1) {
    file += ".shard-" + std::to_string(a.shard.index) + "-of-" + std::to_string(a.shard.count);
  }
  const fs::path target =
      a.output.empty() ? fs::path("results") / (file + ".h5") : fs::path(a.output);
  if (a.output.empty()) fs::create_directories(target.parent_path());
  output::AtomicOutput output = open_output(target, a.force);
  const bool terminal = !a.quiet;
  writing(output, [&] {
    explore::run_explore(plan, output.temp_path(), [&](std::size_t done, std::size_t total) {
      if (terminal)
        std::fprintf(stderr, "simulate explore: experiment %zu of %zu done\n", done, total);
    });
  });
  if (stop_requested()) throw Interrupted();
  output.commit();
  std::printf("Results: %s\n", target.string().c_str());
  if (!a.quiet) {
    std::printf(
        "%s design: experiments [%zu, %zu) of %zu x %llu trials over %zu keys (seed %llu)\n",
        explore::design_name(spec.design), plan.begin, plan.end, plan.design.experiments,
        static_cast<unsigned long long>(plan.trials), spec.keys.size(),
        static_cast<unsigned long long>(plan.seed));
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
