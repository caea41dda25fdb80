#include "sim/cli/options.h"

#include <boost/program_options.hpp>
#include <cmath>
#include <sstream>

#include "sim/version.h"

namespace rampup::cli {

namespace po = boost::program_options;

namespace {

const char* const USAGE = R"(Usage:
  simulate SCENARIO.yaml [-o OUT.h5] [-n TRIALS] [--seed S] [-j THREADS] [--shard K/N]
                         [--set KEY=VALUE ...] [--force] [--quiet]
                         [--checkpoint SECONDS] [--until-se X] [--save-trials]
  mpirun -n RANKS simulate SCENARIO.yaml [same options]
  simulate validate SCENARIO.yaml [--set KEY=VALUE ...]
  simulate merge -o OUT.h5 SHARD.h5 ... [--force]       (shards of a run or of an exploration)
  simulate summary RESULTS.h5 [--member ISO3] [--format table|csv|json]
  simulate compare A.h5 B.h5 [--format table|json]
  simulate explore SCENARIO.yaml --vary KEY=LO:HI[:log] [--vary KEY=a,b,c ...] --experiments K
                   [-n TRIALS] [--design lhs|sobol|saltelli] [--seed S] [-j THREADS] [-o OUT.h5] [--force]
                   [--shard K/N] [--checkpoint SECONDS]
  mpirun -n RANKS simulate explore SCENARIO.yaml [same options]
  simulate --help | --version

Runs Monte Carlo trials of NATO members' defence-spending ramp-up towards the Hague
commitment and writes the result distributions to one netCDF-4/HDF5 file.
)";

const char* const EXAMPLES = R"(
Examples:
  simulate scenarios/hague.yaml                     # -> results/hague.h5
  simulate scenarios/hague.yaml -n 1000000 -j 2 -o big.h5
  simulate scenarios/hague.yaml --set members.DEU.will.initial=0.8 -o deu_keen.h5
  simulate validate scenarios/threat_sharper.yaml
  # a job array of 4 shards, then one merge:
  simulate scenarios/hague.yaml -n 1000000 --shard ${SLURM_ARRAY_TASK_ID}/4
  simulate merge -o results/hague.h5 results/hague.shard-*-of-4.h5
  simulate summary results/hague.h5 --member POL --format csv
  # paired comparison of two scenarios (same seed and trials, both with --save-trials):
  simulate scenarios/hague.yaml --save-trials -o a.h5
  simulate scenarios/threat_sharper.yaml --save-trials -o b.h5
  simulate compare a.h5 b.h5

  # precision stopping, and a run that survives preemption (re-run the same command):
  simulate scenarios/hague.yaml -n 10000000 --until-se 0.002 --checkpoint 600

Exit codes: 0 success, 2 bad usage or bad input, 1 runtime or I/O failure, 75 stopped by
SIGINT/SIGTERM with --checkpoint (checkpoint written; run the same command again to resume).
)";

constexpr std::uint64_t MAX_TRIALS = 1'000'000'000'000;  // as the scenario's run.trials

// A decimal unsigned 64-bit integer; Boost would wrap "-1" around to 2^64 - 1.
std::uint64_t parse_unsigned(const std::string& text, const std::string& option) {
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  try {
    if (digits) return std::stoull(text);
  } catch (const std::out_of_range&) {
  }
  throw UsageError(option + " '" + text + "': expected a whole number from 0 to 2^64-1");
}

std::string version_text() {
  return std::string("simulate ") + SOFTWARE_VERSION + " (git " + GIT_COMMIT + ")\n" +
         "MPI: " + MPI_SUPPORT + "\n";
}

// A positive decimal number, e.g. for seconds or a standard error.
double parse_positive(const std::string& text, const std::string& option, bool zero_ok) {
  try {
    std::size_t used = 0;
    const double x = std::stod(text, &used);
    if (used == text.size() && std::isfinite(x) && (x > 0.0 || (zero_ok && x == 0.0))) return x;
  } catch (const std::logic_error&) {
  }
  throw UsageError(option + " '" + text + "': expected a " +
                   (zero_ok ? "non-negative" : "positive") + " number");
}

po::variables_map parse(const po::options_description& visible,
                        const po::positional_options_description& positional, int argc,
                        const char* const argv[]) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv)
                  .options(visible)
                  .positional(positional)
                  .style(po::command_line_style::unix_style)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\nTry 'simulate --help'.");
  }
  return vm;
}

std::string help_text(const po::options_description& options) {
  std::ostringstream o;
  o << USAGE << "\n" << options << EXAMPLES;
  return o.str();
}

Command parse_run(int argc, const char* const argv[]) {
  RunArgs a;
  std::string shard = "1/1";
  po::options_description options("Run options");
  options.add_options()("help,h", "show this help")("version", "print the version and git commit")(
      "output,o", po::value(&a.output),
      "results file (default: results/NAME.h5, or "
      "results/NAME.shard-K-of-N.h5 for a shard)")(
      "trials,n", po::value<std::string>(),
      "number of trials, 1 to 10^12 (default: run.trials "
      "of the scenario)")("seed", po::value<std::string>(),
                          "random seed, 0 to 2^64-1 (default: run.seed of the "
                          "scenario)")("threads,j", po::value(&a.threads)->default_value(0),
                                       "worker threads (0 = all cores)")(
      "shard", po::value(&shard), "run the K-th of N contiguous trial ranges, e.g. 3/8")(
      "set", po::value(&a.overrides)->composing(),
      "override a scenario key, e.g. members.DEU.will.initial=0.8 (repeatable)")(
      "force", po::bool_switch(&a.force), "overwrite an existing results file")(
      "quiet,q", po::bool_switch(&a.quiet), "no progress output")(
      "save-trials", po::bool_switch(&a.save_trials),
      "also store every trial's paths and sampled inputs (group /trials, streamed)")(
      "compress", po::value(&a.compress_level)->default_value(0),
      "deflate level 1-9 for --save-trials data (0 = off; gzip runs at ~40 MB/s, "
      "see docs/FORMAT.md)")(
      "checkpoint", po::value<std::string>(),
      "keep a checkpoint beside the output (OUT.checkpoint), written at least every SECONDS "
      "and on SIGINT/SIGTERM (exit 75); the same command resumes from it")(
      "until-se", po::value<std::string>(),
      "stop once every headline probability has standard error <= X (checked at 1000 * 2^k "
      "trials; -n is the cap)")("scenario", po::value(&a.scenario), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse(options, positional, argc, argv);
  if (vm.count("help")) return HelpArgs{help_text(options)};
  if (vm.count("version")) return HelpArgs{version_text()};
  if (vm.count("checkpoint")) {
    a.checkpoint_s = parse_positive(vm["checkpoint"].as<std::string>(), "--checkpoint", true);
  }
  if (vm.count("until-se")) {
    a.until_se = parse_positive(vm["until-se"].as<std::string>(), "--until-se", false);
    if (a.until_se >= 0.5)
      throw UsageError("--until-se must be below 0.5 (a probability's standard error)");
  }
  if (a.scenario.empty()) throw UsageError("no scenario file given\nTry 'simulate --help'.");
  if (vm.count("trials")) {
    a.trials = parse_unsigned(vm["trials"].as<std::string>(), "-n/--trials");
    if (*a.trials < 1 || *a.trials > MAX_TRIALS) {
      throw UsageError("-n/--trials must be from 1 to 10^12, not " +
                       vm["trials"].as<std::string>());
    }
  }
  if (vm.count("seed")) a.seed = parse_unsigned(vm["seed"].as<std::string>(), "--seed");
  if (a.threads < 0) throw UsageError("-j/--threads must be 0 (all cores) or positive");
  if (a.compress_level < 0 || a.compress_level > 9) {
    throw UsageError("--compress must be 0 (off) to 9");
  }
  if (vm["compress"].defaulted() == false && !a.save_trials) {
    throw UsageError("--compress applies to --save-trials data; add --save-trials");
  }
  a.shard = parse_shard(shard);
  if (a.save_trials && (a.checkpoint_s || a.until_se > 0)) {
    throw UsageError(std::string("--save-trials cannot be combined with ") +
                     (a.checkpoint_s ? "--checkpoint" : "--until-se") +
                     ": per-trial records are streamed for a fixed trial range (docs/HPC.md)");
  }
  if (a.until_se > 0 && a.shard.count > 1) {
    throw UsageError(
        "--until-se cannot be combined with --shard: a shard cannot see the others' "
        "statistics; use MPI ranks (mpirun) instead (docs/HPC.md)");
  }
  return a;
}

Command parse_validate(int argc, const char* const argv[]) {
  ValidateArgs a;
  po::options_description options("Validate options");
  options.add_options()("help,h", "show this help")("set", po::value(&a.overrides)->composing(),
                                                    "override a scenario key (repeatable)")(
      "scenario", po::value(&a.scenario), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse(options, positional, argc, argv);
  if (vm.count("help")) return HelpArgs{help_text(options)};
  if (a.scenario.empty()) throw UsageError("validate: no scenario file given");
  return a;
}

Command parse_merge(int argc, const char* const argv[]) {
  MergeArgs a;
  po::options_description options("Merge options");
  options.add_options()("help,h", "show this help")("output,o", po::value(&a.output),
                                                    "merged results file (required)")(
      "force", po::bool_switch(&a.force), "overwrite an existing results file")(
      "inputs", po::value(&a.inputs)->composing(), "shard files");
  po::positional_options_description positional;
  positional.add("inputs", -1);
  const po::variables_map vm = parse(options, positional, argc, argv);
  if (vm.count("help")) return HelpArgs{help_text(options)};
  if (a.output.empty()) throw UsageError("merge: -o OUT.h5 is required");
  if (a.inputs.empty()) throw UsageError("merge: no shard files given");
  return a;
}

Command parse_summary(int argc, const char* const argv[]) {
  SummaryArgs a;
  po::options_description options("Summary options");
  options.add_options()("help,h", "show this help")("member", po::value(&a.member),
                                                    "only this member (ISO3)")(
      "format", po::value(&a.format)->default_value("table"), "table, csv or json")(
      "results", po::value(&a.results), "results file");
  po::positional_options_description positional;
  positional.add("results", 1);
  const po::variables_map vm = parse(options, positional, argc, argv);
  if (vm.count("help")) return HelpArgs{help_text(options)};
  if (a.results.empty()) throw UsageError("summary: no results file given");
  if (a.format != "table" && a.format != "csv" && a.format != "json") {
    throw UsageError("summary: --format must be table, csv or json, not '" + a.format + "'");
  }
  return a;
}

Command parse_compare(int argc, const char* const argv[]) {
  CompareArgs a;
  std::vector<std::string> files;
  po::options_description options("Compare options");
  options.add_options()("help,h", "show this help")(
      "format", po::value(&a.format)->default_value("table"), "table or json")(
      "files", po::value(&files)->composing(), "results files A and B");
  po::positional_options_description positional;
  positional.add("files", -1);
  const po::variables_map vm = parse(options, positional, argc, argv);
  if (vm.count("help")) return HelpArgs{help_text(options)};
  if (files.size() != 2) throw UsageError("compare: give exactly two results files, A and B");
  if (a.format != "table" && a.format != "json") {
    throw UsageError("compare: --format must be table or json, not '" + a.format + "'");
  }
  a.a = files[0];
  a.b = files[1];
  return a;
}

Command parse_explore(int argc, const char* const argv[]) {
  ExploreArgs a;
  po::options_description options("Explore options (docs/EXPLORE.md)");
  options.add_options()("help,h", "show this help")(
      "vary", po::value(&a.vary)->composing(),
      "a varied key: KEY=LO:HI (uniform), KEY=LO:HI:log, KEY=a,b,c or KEY=a|b|c (categories); "
      "repeatable")("experiments", po::value<std::string>(),
                    "experiments (lhs) or base rows N (saltelli: "
                    "N * (keys + 2) experiments)")(
      "design", po::value(&a.design)->default_value("lhs"), "lhs, sobol or saltelli")(
      "trials,n", po::value<std::string>(), "trials per experiment (default: run.trials)")(
      "seed", po::value<std::string>(), "seed of the trials and the design (default: run.seed)")(
      "threads,j", po::value(&a.threads)->default_value(0), "worker threads (0 = all cores)")(
      "output,o", po::value(&a.output),
      "results file (default: results/NAME.explore.h5, or "
      "results/NAME.explore.shard-K-of-N.h5)")(
      "shard", po::value<std::string>(),
      "run the K-th of N contiguous experiment ranges, e.g. "
      "3/8; `simulate merge` combines the files")("force", po::bool_switch(&a.force),
                                                  "overwrite an existing results file")(
      "checkpoint", po::value<std::string>(),
      "keep the finished experiments beside the output (OUT.checkpoint), written at the first "
      "experiment boundary at least SECONDS after the last and on SIGINT/SIGTERM (exit 75); the "
      "same command resumes from it")("quiet,q", po::bool_switch(&a.quiet), "no progress output")(
      "scenario", po::value(&a.scenario), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse(options, positional, argc, argv);
  if (vm.count("help")) return HelpArgs{help_text(options)};
  if (a.scenario.empty()) throw UsageError("explore: no scenario file given");
  if (a.vary.empty()) throw UsageError("explore: give at least one --vary KEY=LO:HI");
  if (!vm.count("experiments")) throw UsageError("explore: --experiments K is required");
  a.experiments = parse_unsigned(vm["experiments"].as<std::string>(), "--experiments");
  if (vm.count("trials")) {
    a.trials = parse_unsigned(vm["trials"].as<std::string>(), "-n/--trials");
    if (*a.trials < 1 || *a.trials > MAX_TRIALS)
      throw UsageError("-n/--trials must be from 1 to 10^12");
  }
  if (vm.count("seed")) a.seed = parse_unsigned(vm["seed"].as<std::string>(), "--seed");
  if (a.threads < 0) throw UsageError("-j/--threads must be 0 (all cores) or positive");
  if (vm.count("shard")) a.shard = parse_shard(vm["shard"].as<std::string>());
  if (vm.count("checkpoint")) {
    a.checkpoint_s = parse_positive(vm["checkpoint"].as<std::string>(), "--checkpoint", true);
  }
  return a;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto bad = [&] {
    return UsageError("--shard '" + text + "': expected K/N with 1 <= K <= N, e.g. 3/8");
  };
  if (slash == std::string::npos) throw bad();
  try {
    std::size_t used_k = 0, used_n = 0;
    const std::string k = text.substr(0, slash), n = text.substr(slash + 1);
    Shard s{std::stoull(k, &used_k), std::stoull(n, &used_n)};
    if (used_k != k.size() || used_n != n.size() || k.find('-') != std::string::npos ||
        n.find('-') != std::string::npos || s.index < 1 || s.count < 1 || s.index > s.count) {
      throw bad();
    }
    return s;
  } catch (const std::logic_error&) {
    throw bad();
  }
}

Command parse_command_line(int argc, const char* const argv[]) {
  if (argc < 2) throw UsageError(std::string("no scenario file given\n") + USAGE);
  const std::string first = argv[1];
  if (first == "validate") return parse_validate(argc - 1, argv + 1);
  if (first == "merge") return parse_merge(argc - 1, argv + 1);
  if (first == "summary") return parse_summary(argc - 1, argv + 1);
  if (first == "compare") return parse_compare(argc - 1, argv + 1);
  if (first == "explore") return parse_explore(argc - 1, argv + 1);
  if (first == "run") return parse_run(argc - 1, argv + 1);
  return parse_run(argc, argv);
}

}  // namespace rampup::cli
