// Top level: name, description, run, horizon, targets, shocks; then the members.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

#include "sim/scenario/convert.h"

namespace rampup::detail {

namespace {

std::string year_range(long long lo, long long hi) {
  return "a year from " + std::to_string(lo) + " to " + std::to_string(hi);
}

// A year that conflicts with another: reported at its own value when given, else (it is the
// default) at `fallback`, the value it conflicts with.
void year_conflict(const FieldReader& r, std::string_view key, long long value,
                   const std::string& expected, const SourceLocation& fallback,
                   Problems& problems) {
  const bool given = r.has(key);
  problems.add(given ? r.where(key) : fallback, r.path_of(key),
               std::to_string(value) + (given ? "" : " (the default)") +
                   " is not allowed; expected " + expected);
}

void read_run(FieldReader& top, RunSettings& run) {
  const TreeNode* node = top.section("run", "a mapping with trials and seed");
  if (node == nullptr) return;
  FieldReader r(*node, "run", run_keys(), "a mapping with trials and seed", top.problems());
  r.unsigned64("trials", run.trials, 1, static_cast<std::uint64_t>(TRIALS_MAX));
  r.unsigned64("seed", run.seed, 0, std::numeric_limits<std::uint64_t>::max());
}

struct Horizon {
  bool ok = true;        // start_year and end_year usable for further checks
  bool start_ok = true;  // start_year usable
  SourceLocation at;     // where the horizon was set: end_year, start_year or the mapping
};

Horizon read_horizon(FieldReader& top, ModelParams& model) {
  const TreeNode* node = top.section("horizon", "a mapping with start_year and end_year");
  Horizon h;
  h.at = top.where("horizon");
  if (node == nullptr) {
    h.ok = h.start_ok = !top.has("horizon");
    return h;
  }
  FieldReader r(*node, "horizon", horizon_keys(), "a mapping with start_year and end_year",
                top.problems());
  h.at = r.has("end_year") ? r.where("end_year") : r.where("start_year");
  long long start = model.start_year, end = model.end_year;
  h.start_ok = !r.has("start_year") ||
               r.integer("start_year", start, YEAR_MIN, YEAR_MAX, year_range(YEAR_MIN, YEAR_MAX));
  const bool end_ok = !r.has("end_year") || r.integer("end_year", end, YEAR_MIN, YEAR_MAX,
                                                      year_range(YEAR_MIN, YEAR_MAX));
  model.start_year = static_cast<int>(start);
  model.end_year = static_cast<int>(end);
  h.ok = h.start_ok && end_ok;
  const long long last = start + MAX_HORIZON_YEARS - 1;
  if (h.ok && (end < start || end > last)) {
    year_conflict(r, "end_year", end,
                  year_range(start, last) + " (from horizon.start_year, at most " +
                      std::to_string(MAX_HORIZON_YEARS) + " years)",
                  r.where("start_year"), top.problems());
    h.ok = false;
  }
  return h;
}

void read_targets(FieldReader& top, ModelParams& model, const Horizon& horizon) {
  const std::string expected = "a mapping of targets (core_pct, total_pct, target_year, ...)";
  const TreeNode* node = top.section("targets", expected);
  const TreeNode empty;
  FieldReader r(node ? *node : empty, "targets", targets_keys(), expected, top.problems());
  Targets& t = model.targets;
  r.numbers(TARGET_FIELDS, t);
  long long target = t.target_year, review = t.review_year;
  const bool target_ok =
      !r.has("target_year") ||
      r.integer("target_year", target, YEAR_MIN, YEAR_MAX, year_range(YEAR_MIN, YEAR_MAX));
  const bool review_ok =
      !r.has("review_year") ||
      r.integer("review_year", review, YEAR_MIN, YEAR_MAX, year_range(YEAR_MIN, YEAR_MAX));
  t.target_year = static_cast<int>(target);
  t.review_year = static_cast<int>(review);
  if (!horizon.ok || !target_ok) return;
  const SourceLocation& horizon_at = horizon.at;
  if (target <= model.start_year || target > model.end_year) {
    year_conflict(r, "target_year", target,
                  year_range(model.start_year + 1, model.end_year) +
                      " (after horizon.start_year, at most horizon.end_year)",
                  horizon_at, top.problems());
    return;
  }
  if (review_ok && (review < model.start_year || review > target)) {
    year_conflict(
        r, "review_year", review,
        year_range(model.start_year, target) + " (from horizon.start_year to targets.target_year)",
        r.has("target_year") ? r.where("target_year") : horizon_at, top.problems());
  }
}

void read_shocks(FieldReader& top, ShockParams& shocks) {
  const std::string expected = "a mapping of shock parameters (recession_prob, threat_prob, ...)";
  const TreeNode* node = top.section("shocks", expected);
  if (node == nullptr) return;
  FieldReader r(*node, "shocks", shocks_keys(), expected, top.problems());
  r.numbers(SHOCK_FIELDS, shocks);
  long long dof = shocks.growth_tail_dof;
  const std::string dof_expected = "0 (normal shocks) or an even integer from 4 to 64";
  if (r.integer("growth_tail_dof", dof, 0, 64, dof_expected)) {
    if (dof != 0 && (dof < 4 || dof % 2 != 0)) {
      report_value(*r.get("growth_tail_dof"), r.path_of("growth_tail_dof"), dof_expected,
                   top.problems());
    } else {
      shocks.growth_tail_dof = static_cast<int>(dof);
    }
  }
}

}  // namespace

Scenario convert_scenario(const TreeNode& root, Problems& problems, std::string& extra_text) {
  Scenario s;
  FieldReader top(root, "", top_keys(), "a mapping", problems);
  if (top.require("name", "the scenario's name (text)")) {
    // The name becomes the default output file name (results/NAME.h5): keep it a plain name.
    const auto safe = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    };
    if (top.text("name", s.name) && (s.name.empty() || s.name.front() == '.' ||
                                     !std::all_of(s.name.begin(), s.name.end(), safe))) {
      report_value(*top.get("name"), "name",
                   "a name of letters, digits, '_', '-' and '.', not starting with '.' "
                   "(it names the default output file)",
                   problems);
    }
  }
  top.text("description", s.description);
  read_run(top, s.run);
  const Horizon horizon = read_horizon(top, s.model);
  read_targets(top, s.model, horizon);
  read_shocks(top, s.model.shocks);
  convert_model(top, s.model.behaviour, extra_text);
  MemberContext context;
  context.model_version = s.model.behaviour.version;
  context.start_year = s.model.start_year;
  context.plan_min_year = horizon.start_ok ? s.model.start_year : YEAR_MIN;
  context.targets = s.model.targets;
  convert_members(top, context, s.model.members);
  return s;
}

}  // namespace rampup::detail
