// Internal to sim/scenario. Collects every problem found while loading a scenario so that all of
// them are reported in one ScenarioError.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/tree.h"

namespace rampup::detail {

class Problems {
 public:
  void add(const SourceLocation& where, std::string key_path, std::string message);
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  const std::vector<ScenarioProblem>& list() const { return list_; }

  // Files in the order they were read (base files first); problems are sorted by this order,
  // then line and column, with --set overrides last.
  void note_file(const std::string& file) { files_.push_back(file); }

  // Throws ScenarioError with everything collected so far (sorted) if anything was collected.
  void throw_if_any() const;
  // Adds one more problem and throws: for input that cannot be processed further.
  [[noreturn]] void fail(const SourceLocation& where, std::string key_path, std::string message);

 private:
  std::vector<ScenarioProblem> list_;
  std::vector<std::string> files_;
};

}  // namespace rampup::detail
