#include "sim/cli/commands.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "sim/cli/exit_codes.h"
#include "sim/cli/output.h"
#include "sim/cli/signals.h"
#include "sim/explore/explore_file.h"
#include "sim/hdf5/file.h"
#include "sim/output/atomic_output.h"
#include "sim/results/compare.h"
#include "sim/results/headline.h"
#include "sim/results/integrity.h"
#include "sim/results/merge.h"
#include "sim/results/results_file.h"
#include "sim/scenario/scenario.h"

namespace rampup::cli {

namespace fs = std::filesystem;

void validate_scenario(const ValidateArgs& a) {
  const Scenario scenario = load_scenario(a.scenario, a.overrides);
  std::fputs(describe_scenario(scenario).c_str(), stdout);
  std::printf("OK: %s is valid\n", a.scenario.c_str());
}

void merge_shards(const MergeArgs& a) {
  std::vector<fs::path> inputs(a.inputs.begin(), a.inputs.end());
  const fs::path target = a.output;
  output::AtomicOutput output = open_output(target, a.force);
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

namespace {

// A file of `simulate explore` has no /summary; say what it is and what reads it (exit 2).
void refuse_explore_file(const char* command, const std::string& path) {
  if (!explore::is_explore_file(path)) return;
  throw UsageError(std::string(command) + ": " + path +
                   " is a file of simulate explore (one row per experiment, no /summary); read "
                   "it with python3 -m analysis.sensitivity, analysis.discover or "
                   "analysis.report (docs/EXPLORE.md)");
}

}  // namespace

void print_summary(const SummaryArgs& a) {
  refuse_explore_file("summary", a.results);
  verify_results_file(a.results);  // damage anywhere is reported, not summarised
  const LoadedResults results = read_results_file(a.results);
  if (!a.member.empty()) {
    const auto& ids = results.info.member_ids;
    if (std::find(ids.begin(), ids.end(), a.member) == ids.end()) {
      std::string all;
      for (const auto& id : ids) all += " " + id;
      throw UsageError("summary: no member '" + a.member + "' in " + a.results +
                       "; members:" + all);
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
  refuse_explore_file("compare", a.a);
  refuse_explore_file("compare", a.b);
  const Comparison c = compare_results(a.a, a.b);
  std::fputs((a.format == "json" ? format_comparison_json(c) : format_comparison(c)).c_str(),
             stdout);
}

}  // namespace rampup::cli
