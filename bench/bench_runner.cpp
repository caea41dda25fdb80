// Benchmark: runs a scenario at several trial counts, single-threaded and on all cores,
// several repetitions each, and prints the median wall time, trials/s, member-years/s, the
// random variates drawn per member-year, and the time to write the results file.
//
//   bench_runner [SCENARIO.yaml] [--trials 100000,1000000] [--repeat 3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "models/trial.h"
#include "sim/engine/philox_draws.h"
#include "sim/engine/runner.h"
#include "sim/results/results_file.h"
#include "sim/scenario/scenario.h"

using namespace rampup;

namespace {

// Counts the variates a trial draws (normals and uniforms; ziggurat words are not counted).
struct CountingDraws {
  mutable PhiloxDraws inner;  // caches the shared member-year block
  std::uint64_t* count;
  struct Slot {
    PhiloxSlot slot;
    std::uint64_t* count;
    double normal() { return ++*count, slot.normal(); }
    double uniform() { return ++*count, slot.uniform(); }
  };
  Slot slot(int m, int y, Stream s) const { return {inner.slot(m, y, s), count}; }
};

double variates_per_member_year(const ModelParams& model) {
  std::uint64_t count = 0;
  const int trials = 2000;
  TrialOutcome out;
  out.resize(model.member_count(), model.year_count());
  const PreparedModel prepared(model);
  for (int t = 0; t < trials; ++t) {
    CountingDraws draws{PhiloxDraws(1, static_cast<std::uint64_t>(t)), &count};
    simulate_trial(prepared, draws, out);
  }
  return static_cast<double>(count) / trials / model.member_count() / model.year_count();
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string scenario_path = "scenarios/hague.yaml";
  std::vector<std::uint64_t> trial_counts{100000, 1000000};
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--trials") && i + 1 < argc) {
      trial_counts.clear();
      for (char* tok = std::strtok(argv[++i], ","); tok; tok = std::strtok(nullptr, ",")) {
        trial_counts.push_back(std::stoull(tok));
      }
    } else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      scenario_path = argv[i];
    }
  }
  const Scenario scenario = load_scenario(scenario_path);
  const ModelParams& model = scenario.model;
  const double member_years_per_trial =
      static_cast<double>(model.member_count()) * model.year_count();
  std::printf("scenario %s: %d members x %d years; %.2f random variates per member-year\n",
              scenario.name.c_str(), model.member_count(), model.year_count(),
              variates_per_member_year(model));
  std::printf("%10s %8s %10s %12s %16s %10s   (median of %d)\n", "trials", "threads", "wall s",
              "trials/s", "member-years/s", "write s", repeat);
  const int all = resolve_thread_count(0);
  for (std::uint64_t trials : trial_counts) {
    for (int threads : {1, all}) {
      std::vector<double> run_s, write_s;
      for (int r = 0; r < repeat; ++r) {
        RunOptions o;
        o.seed = scenario.run.seed;
        o.trial_end = trials;
        o.threads = threads;
        auto t0 = std::chrono::steady_clock::now();
        const OutcomeStats stats = run_trials(model, o);
        run_s.push_back(seconds_since(t0));
        const auto path = std::filesystem::temp_directory_path() / "bench_runner_results.h5";
        std::filesystem::remove(path);
        RunInfo info = make_run_info(model, o.seed, trials, 0, trials);
        info.scenario_name = scenario.name;
        t0 = std::chrono::steady_clock::now();
        write_results_file(path, info, stats);
        write_s.push_back(seconds_since(t0));
        std::filesystem::remove(path);
      }
      const double s = median(run_s);
      std::printf("%10llu %8d %10.3f %12.0f %16.3g %10.3f\n",
                  static_cast<unsigned long long>(trials), threads, s,
                  static_cast<double>(trials) / s,
                  static_cast<double>(trials) * member_years_per_trial / s, median(write_s));
      std::fflush(stdout);
    }
  }
  return 0;
}
