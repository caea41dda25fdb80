#include "sim/cli/commands.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "sim/cli/progress.h"
#include "sim/cli/signals.h"
#include "sim/engine/runner.h"
#include "sim/hdf5/atomic_output.h"
#include "sim/hdf5/file.h"
#include "sim/results/compare.h"
#include "sim/results/headline.h"
#include "sim/results/integrity.h"
#include "sim/results/merge.h"
#include "sim/results/results_file.h"
#include "sim/scenario/scenario.h"

namespace rampup::cli {

namespace fs = std::filesystem;

namespace {

// results/NAME.h5, or results/NAME.shard-K-of-N.h5 for a shard.
fs::path default_output(const std::string& scenario_name, const Shard& shard) {
  std::string file = scenario_name;
  if (shard.count > 1) {
    file += ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
  }
  return fs::path("results") / (file + ".h5");
}

// Trials [begin, end) of shard K of N: contiguous, sizes differing by at most one.
std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t trials, const Shard& s) {
  const auto bound = [&](std::uint64_t k) {
    __extension__ typedef unsigned __int128 uint128;
    return static_cast<std::uint64_t>(static_cast<uint128>(trials) * k / s.count);
  };
  return {bound(s.index - 1), bound(s.index)};
}

// Is this regular file a results file of simulate (docs/FORMAT.md root attributes: a
// format_version and a source "simulate ...")? Only those may be replaced with --force.
bool is_results_file(const fs::path& path) {
  try {
    const h5::File file = h5::File::open_read(path);
    const h5::Group root = file.root();
    return root.has_attr("format_version") && root.has_attr("source") &&
           root.read_text_attr("source").starts_with("simulate ");
  } catch (const std::exception&) {
    return false;
  }
}

// The output of a run or merge: refuses unsuitable targets, says which stale temporaries of
// killed runs it removed.
h5::AtomicOutput open_output(const fs::path& target, bool force) {
  h5::AtomicOutput output(target, force, is_results_file);
  for (const auto& stale : output.stale_removed()) {
    std::fprintf(stderr,
                 "simulate: note: removed '%s', the temporary file of an earlier run that was "
                 "killed (its process no longer exists)\n",
                 stale.string().c_str());
  }
  return output;
}

// Runs `body`, which writes into output.temp_path(); an HDF5 failure on that file becomes one
// line naming the target and the cause (the temporary file is removed as the stack unwinds).
template <class Body>
void writing(const h5::AtomicOutput& output, Body&& body) {
  try {
    body();
  } catch (const h5::Error& e) {
    if (fs::path(e.file()) != output.temp_path()) throw;
    throw h5::OutputError(output.write_failure(e.details()));
  }
}

}  // namespace

void run_simulation(const RunArgs& a) {
  Scenario scenario = load_scenario(a.scenario, a.overrides);
  if (a.trials) scenario.run.trials = *a.trials;
  if (a.seed) scenario.run.seed = *a.seed;
  if (a.shard.count > scenario.run.trials) {
    throw UsageError("--shard " + std::to_string(a.shard.index) + "/" +
                     std::to_string(a.shard.count) + ": more shards than the " +
                     std::to_string(scenario.run.trials) + " trials");
  }
  const auto [begin, end] = shard_range(scenario.run.trials, a.shard);
  const fs::path target = a.output.empty() ? default_output(scenario.name, a.shard) : fs::path(a.output);
  if (a.output.empty()) {
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      throw h5::OutputError("cannot write results file '" + target.string() +
                            "': cannot create folder '" + target.parent_path().string() +
                            "': " + ec.message());
    }
  }
  // Refuse an existing target before spending any time on the run.
  h5::AtomicOutput output = open_output(target, a.force);

  RunInfo info = make_run_info(scenario.model, scenario.run.seed, scenario.run.trials, begin, end);
  info.scenario_name = scenario.name;
  info.scenario_text = scenario.text;
  info.scenario_sha256 = scenario.text_sha256;

  std::atomic<std::uint64_t> done{0};
  RunOptions options;
  options.seed = scenario.run.seed;
  options.trial_begin = begin;
  options.trial_end = end;
  options.threads = a.threads;
  options.trials_done = &done;
  options.cancel = &stop_requested();
  OutcomeStats stats;
  double seconds = 0;
  writing(output, [&] {
    ResultsWriter writer(output.temp_path());
    if (a.save_trials) options.trial_sink = &writer.save_trials(info, a.compress_level);
    const auto start = std::chrono::steady_clock::now();
    try {
      ProgressReporter progress(progress_mode_for(stderr, a.quiet), end - begin, done);
      stats = run_trials(scenario.model, options);
    } catch (const RunCancelled&) {
      throw Interrupted();
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writer.finish(info, stats);
  });
  if (stop_requested()) throw Interrupted();
  output.commit();

  std::printf("Results: %s\n", target.string().c_str());
  if (a.quiet) return;
  std::printf("%llu trials [%llu, %llu) of %llu in %.2f s on %d threads (%.0f trials/s)\n\n",
              static_cast<unsigned long long>(end - begin), static_cast<unsigned long long>(begin),
              static_cast<unsigned long long>(end),
              static_cast<unsigned long long>(scenario.run.trials), seconds,
              resolve_thread_count(a.threads), static_cast<double>(end - begin) / seconds);
  std::fputs(format_headline(make_headline(info, stats), TableFormat::table).c_str(), stdout);
}

void validate_scenario(const ValidateArgs& a) {
  const Scenario scenario = load_scenario(a.scenario, a.overrides);
  std::fputs(describe_scenario(scenario).c_str(), stdout);
  std::printf("OK: %s is valid\n", a.scenario.c_str());
}

void merge_shards(const MergeArgs& a) {
  std::vector<fs::path> inputs(a.inputs.begin(), a.inputs.end());
  const fs::path target = a.output;
  h5::AtomicOutput output = open_output(target, a.force);
  const LoadedResults merged = merge_results(inputs);
  writing(output, [&] { write_results_file(output.temp_path(), merged.info, merged.stats); });
  if (stop_requested()) throw Interrupted();
  output.commit();
  std::printf("Merged %zu files (%llu trials) into %s\n", inputs.size(),
              static_cast<unsigned long long>(merged.info.trials_total), target.string().c_str());
  for (const auto& input : inputs) {
    if (has_per_trial_data(input)) {
      std::fprintf(stderr,
                   "note: per-trial data (/trials) is not copied into merged files; keep the "
                   "shard files for it (%s)\n",
                   input.string().c_str());
      break;
    }
  }
}

void print_summary(const SummaryArgs& a) {
  verify_results_file(a.results);  // damage anywhere is reported, not summarised
  const LoadedResults results = read_results_file(a.results);
  if (!a.member.empty()) {
    const auto& ids = results.info.member_ids;
    if (std::find(ids.begin(), ids.end(), a.member) == ids.end()) {
      std::string all;
      for (const auto& id : ids) all += " " + id;
      throw UsageError("summary: no member '" + a.member + "' in " + a.results + "; members:" + all);
    }
  }
  const TableFormat format = a.format == "csv"    ? TableFormat::csv
                             : a.format == "json" ? TableFormat::json
                                                  : TableFormat::table;
  std::fputs(format_headline(make_headline(results.info, results.stats), format, a.member).c_str(),
             stdout);
}

}  // namespace rampup::cli

namespace rampup::cli {

void compare_files(const CompareArgs& a) {
  std::fputs(format_comparison(compare_results(a.a, a.b)).c_str(), stdout);
}

}  // namespace rampup::cli
