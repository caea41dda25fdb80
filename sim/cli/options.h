// Command-line parsing (Boost.Program_options) into plain structs, one per subcommand.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "sim/error.h"

namespace rampup::cli {

// Bad command line: exit code 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, ExitCode::bad_input) {}
};

struct Shard {
  std::uint64_t index = 1;  // K, 1-based
  std::uint64_t count = 1;  // N
};

struct RunArgs {
  std::string scenario;
  std::string output;                   // empty = default path
  std::optional<std::uint64_t> trials;  // -n
  std::optional<std::uint64_t> seed;    // --seed
  int threads = 0;                      // -j, 0 = all cores
  Shard shard;
  std::vector<std::string> overrides;  // --set KEY=VALUE
  bool force = false;
  bool quiet = false;
  bool save_trials = false;            // per-trial records in /trials
  int compress_level = 0;              // deflate level of /trials, 0 = off
  std::optional<double> checkpoint_s;  // --checkpoint SECONDS
  double until_se = 0.0;               // --until-se X, 0 = run -n trials
};

struct ValidateArgs {
  std::string scenario;
  std::vector<std::string> overrides;
};

struct MergeArgs {
  std::string output;
  std::vector<std::string> inputs;
  bool force = false;
};

struct SummaryArgs {
  std::string results;
  std::string member;  // ISO3, empty = all
  std::string format = "table";
};

struct CompareArgs {
  std::string a, b;
  std::string format = "table";  // table | json
};

// `simulate explore`: the --vary texts are parsed by sim/explore (parse_vary).
struct ExploreArgs {
  std::string scenario;
  std::vector<std::string> vary;        // --vary KEY=LO:HI[:log] | KEY=a,b,c
  std::string design = "lhs";           // lhs | saltelli
  std::uint64_t experiments = 0;        // --experiments (Saltelli: base rows)
  std::optional<std::uint64_t> trials;  // -n
  std::optional<std::uint64_t> seed;    // --seed
  int threads = 0;
  std::string output;                  // empty = results/NAME.explore.h5
  Shard shard;                         // contiguous ranges of experiments
  std::optional<double> checkpoint_s;  // --checkpoint SECONDS (0 = every experiment)
  bool force = false;
  bool quiet = false;
};

struct HelpArgs {
  std::string text;
};

using Command =
    std::variant<RunArgs, ValidateArgs, MergeArgs, SummaryArgs, CompareArgs, ExploreArgs, HelpArgs>;

// Parses argv; throws UsageError with a message (and a pointer to --help) on bad usage.
Command parse_command_line(int argc, const char* const argv[]);

// "K/N" with 1 <= K <= N.
Shard parse_shard(const std::string& text);

}  // namespace rampup::cli
