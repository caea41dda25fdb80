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
  const explore::ExplorePlan plan = explore::plan_explore(spec);

  const fs::path target = a.output.empty()
                              ? fs::path("results") / (plan.scenario_name + ".explore.h5")
                              : fs::path(a.output);
  if (a.output.empty()) fs::create_directories(target.parent_path());
  h5::AtomicOutput output = open_output(target, a.force);
  const bool terminal = !a.quiet;
  writing(output, [&] {
    explore::run_explore(plan, output.temp_path(), [&](std::size_t done, std::size_t total) {
      if (terminal) std::fprintf(stderr, "simulate explore: experiment %zu of %zu done\n", done, total);
    });
  });
  if (stop_requested()) throw Interrupted();
  output.commit();
  std::printf("Results: %s\n", target.string().c_str());
  if (!a.quiet) {
    std::printf("%s design: %zu experiments x %llu trials over %zu keys (seed %llu)\n",
                explore::design_name(spec.design), plan.design.experiments,
                static_cast<unsigned long long>(plan.trials), spec.keys.size(),
                static_cast<unsigned long long>(plan.seed));
  }
}

}  // namespace rampup::cli
