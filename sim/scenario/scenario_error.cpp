// ScenarioProblem, ScenarioError and the Problems collector.
#include <algorithm>
#include <utility>

#include "sim/scenario/problems.h"
#include "sim/scenario/scenario.h"

namespace rampup {

namespace {

constexpr std::size_t MAX_LISTED = 100;

std::string join_problems(const std::vector<ScenarioProblem>& problems) {
  std::string out;
  const std::size_t listed = std::min(problems.size(), MAX_LISTED);
  for (std::size_t i = 0; i < listed; ++i) {
    if (i > 0) out += '\n';
    out += problems[i].format();
  }
  if (problems.size() > listed) {
    out += "\n... and " + std::to_string(problems.size() - listed) + " more problems";
  }
  return out;
}

}  // namespace

std::string ScenarioProblem::format() const {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line) + ':' + std::to_string(column);
  }
  out += ": ";
  if (!key_path.empty()) out += key_path + ": ";
  out += message;
  return out;
}

ScenarioError::ScenarioError(std::vector<ScenarioProblem> problems)
    : Error(join_problems(problems), ExitCode::bad_input), problems_(std::move(problems)) {}

namespace detail {

void Problems::add(const SourceLocation& where, std::string key_path, std::string message) {
  list_.push_back(ScenarioProblem{where.file, where.line, where.column, std::move(key_path),
                                  std::move(message)});
}

void Problems::throw_if_any() const {
  if (list_.empty()) return;
  // Rank files by reading order; --set (and anything unknown) after them.
  auto rank = [this](const std::string& file) {
    const auto it = std::find(files_.begin(), files_.end(), file);
    return static_cast<std::size_t>(it - files_.begin());
  };
  std::vector<ScenarioProblem> sorted = list_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&rank](const ScenarioProblem& a, const ScenarioProblem& b) {
                     const std::size_t ra = rank(a.file), rb = rank(b.file);
                     if (ra != rb) return ra < rb;
                     if (a.line != b.line) return a.line < b.line;
                     return a.column < b.column;
                   });
  throw ScenarioError(std::move(sorted));
}

void Problems::fail(const SourceLocation& where, std::string key_path, std::string message) {
  add(where, std::move(key_path), std::move(message));
  throw_if_any();
  throw ScenarioError(list_);  // not reached: throw_if_any throws as list_ is not empty
}

}  // namespace detail
}  // namespace rampup
