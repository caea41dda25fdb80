// Helpers shared by the scenario tests: fixture paths, temporary files, loading with a watchdog.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace rampup::testing {

std::filesystem::path fixture(const std::string& relative);  // tests/scenario/RELATIVE

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& contents) const;

 private:
  std::filesystem::path path_;
};

// What loading produced, computed on a watchdog thread: a hang fails the test and ends the
// process instead of blocking the suite.
struct LoadResult {
  enum class Kind { ok, scenario_error, runtime_error } kind = Kind::ok;
  std::string message;  // what() of the error
  std::size_t problem_count = 0;
  Scenario scenario;
};
LoadResult load_with_timeout(const std::filesystem::path& file,
                             const std::vector<std::string>& overrides = {},
                             int timeout_seconds = 30);

// The ScenarioError text of loading `file`; fails the test if it loads or fails otherwise.
std::string load_error(const std::filesystem::path& file,
                       const std::vector<std::string>& overrides = {});

// A one-member scenario, with `extra` appended under the top level.
std::string minimal_scenario(const std::string& extra = "");

}  // namespace rampup::testing
