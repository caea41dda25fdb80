// A loaded, validated scenario: run settings plus the model parameters, and the exact text it
// came from (recorded in results for provenance).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/params.h"
#include "sim/error.h"

namespace rampup {

struct RunSettings {
  std::uint64_t trials = 10000;
  std::uint64_t seed = 1;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source_path;  // the file given on the command line
  std::string text;         // every file read (base files first), each preceded by a
                            // "# --- file: PATH" line, then the --set overrides
  std::string text_sha256;  // SHA-256 of `text` without the file paths (contents and
                            // overrides only), lowercase hex
  RunSettings run;
  ModelParams model;
};

// One problem found in a scenario: where, which key, and what is wrong.
struct ScenarioProblem {
  std::string file;      // path, or "--set" for a command-line override
  int line = 0;          // 1-based; 0 when unknown
  int column = 0;        // 1-based; 0 when unknown
  std::string key_path;  // e.g. "members.DEU.will.initial"
  std::string message;   // the bad value and what is allowed
  // "FILE:LINE:COLUMN: KEY.PATH: message"; without ":LINE:COLUMN" when the line is unknown and
  // without "KEY.PATH: " when the problem is not about one key (e.g. a YAML syntax error).
  std::string format() const;
};

// Thrown with every problem found (bad input, exit code 2); what() lists them one per line (the
// first 100, then a count of the rest; problems() has them all).
class ScenarioError : public Error {
 public:
  explicit ScenarioError(std::vector<ScenarioProblem> problems);
  const std::vector<ScenarioProblem>& problems() const { return problems_; }

 private:
  std::vector<ScenarioProblem> problems_;
};

// Limits on hostile input, checked before and while parsing (scenarios/README.md, "Errors").
inline constexpr std::size_t SCENARIO_MAX_FILE_BYTES = 1024 * 1024;
inline constexpr int SCENARIO_MAX_DEPTH = 32;       // nesting levels of mappings and lists
inline constexpr long SCENARIO_MAX_NODES = 200000;  // nodes visited, aliases expanded, all files
inline constexpr int SCENARIO_MAX_EXTENDS = 16;     // files in one `extends` chain

// Reads, resolves `extends`, applies `KEY=VALUE` overrides, validates and converts.
// Throws ScenarioError for bad input (all problems at once) and rampup::Error (exit code 1) when
// the file cannot be read.
Scenario load_scenario(const std::filesystem::path& file,
                       const std::vector<std::string>& set_overrides = {});

// The same from text already in memory; `source_path` names it in messages and in
// Scenario::text, and `extends` is resolved relative to its directory.
Scenario parse_scenario(std::string_view text, const std::string& source_path,
                        const std::vector<std::string>& set_overrides = {});

// A scenario file read and parsed once (its YAML and `extends` chain), for runs that differ only
// in their --set overrides: `simulate explore` parses it once instead of once per experiment
// (on hague.yaml parsing was half of what an experiment cost besides its trials).
// with(overrides) returns what load_scenario(file, overrides) returns and throws what it throws;
// the constructor throws the read and YAML errors that load_scenario would.
class ParsedScenarioFile {
 public:
  explicit ParsedScenarioFile(const std::filesystem::path& file);
  Scenario with(const std::vector<std::string>& set_overrides) const;

 private:
  struct Parsed;
  std::shared_ptr<const Parsed> parsed_;
};

// The one-screen overview printed by `simulate validate`.
std::string describe_scenario(const Scenario& scenario);

}  // namespace rampup
