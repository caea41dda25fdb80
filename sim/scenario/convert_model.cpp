// The `model` block: which model runs, and model v2's alliance settings and calibration file
// (docs/MODEL.md v2.1, v2.3).
#include <cmath>
#include <filesystem>

#include "sim/scenario/convert.h"
#include "sim/scenario/parameter_draws.h"
#include "sim/scenario/source_file.h"

namespace rampup::detail {

namespace {

const std::string MODEL_EXPECTED = "a mapping of model settings (version, parameter_draws, ...)";
const std::string TRANSITION_EXPECTED =
    "a mapping of calm, elevated and acute to three probabilities each, e.g. "
    "calm: [0.93, 0.05, 0.02]";
constexpr std::string_view REGIME_NAMES[] = {"calm", "elevated", "acute"};

std::string year_range() {
  return "a year from " + std::to_string(YEAR_MIN) + " to " + std::to_string(YEAR_MAX);
}

void read_regime(FieldReader& r, BehaviourParams& b) {
  std::string name;
  if (!r.text("start_regime", name)) return;
  for (int i = 0; i < REGIME_COUNT; ++i) {
    if (name == REGIME_NAMES[i]) {
      b.start_regime = static_cast<Regime>(i);
      return;
    }
  }
  report_value(*r.get("start_regime"), r.path_of("start_regime"), "calm, elevated or acute",
               r.problems());
}

void read_transition(FieldReader& parent, BehaviourParams& b) {
  const TreeNode* node = parent.section("regime_transition", TRANSITION_EXPECTED);
  if (node == nullptr) return;
  FieldReader r(*node, parent.path_of("regime_transition"), REGIME_NAMES, TRANSITION_EXPECTED,
                parent.problems());
  for (int from = 0; from < REGIME_COUNT; ++from) {
    const TreeNode* row = r.get(REGIME_NAMES[from]);
    if (row == nullptr) continue;
    const std::string path = r.path_of(REGIME_NAMES[from]);
    if (!row->is_sequence() || row->items.size() != REGIME_COUNT) {
      report_value(*row, path, "a list of three probabilities (to calm, elevated, acute)",
                   parent.problems());
      continue;
    }
    double values[REGIME_COUNT];
    bool ok = true;
    for (int to = 0; to < REGIME_COUNT; ++to) {
      const auto v = read_number(row->items[to], path + "[" + std::to_string(to) + "]", UNIT_CLOSED,
                                 parent.problems());
      ok = ok && v.has_value();
      values[to] = v.value_or(0.0);
    }
    if (!ok) continue;
    const double sum = values[0] + values[1] + values[2];
    if (std::abs(sum - 1.0) > 1e-9) {
      parent.problems().add(row->where, path,
                            "the probabilities sum to " + format_number(sum) +
                                "; expected three probabilities that sum to 1");
      continue;
    }
    for (int to = 0; to < REGIME_COUNT; ++to) b.transition[from][to] = values[to];
  }
}

void read_us_pressure(FieldReader& r, BehaviourParams& b) {
  if (const TreeNode* years = r.get("us_pressure_years")) {
    if (!years->is_sequence() && !years->is_null()) {
      report_value(*years, r.path_of("us_pressure_years"), "a list of years, e.g. [2025, 2026]",
                   r.problems());
    } else {
      for (std::size_t i = 0; i < years->items.size(); ++i) {
        const auto y = read_integer(years->items[i],
                                    r.path_of("us_pressure_years") + "[" + std::to_string(i) + "]",
                                    YEAR_MIN, YEAR_MAX, year_range(), r.problems());
        if (y) b.us_pressure_years.push_back(static_cast<int>(*y));
      }
    }
  }
  long long known = b.us_pressure_known_until;
  if (r.integer("us_pressure_known_until", known, YEAR_MIN, YEAR_MAX, year_range())) {
    b.us_pressure_known_until = static_cast<int>(known);
  }
  r.number("us_pressure_term_prob", b.us_pressure_term_prob, UNIT_CLOSED);
}

// Reads the calibration file named at `node`, relative to the file that named it.
void read_parameter_draws(const TreeNode& node, const std::string& path, BehaviourParams& b,
                          Problems& problems, std::string& extra_text) {
  if (!node.is_scalar() || node.scalar.empty()) {
    report_value(node, path, "the path of a calibration CSV file", problems);
    return;
  }
  std::filesystem::path file(node.scalar);
  if (file.is_relative() && node.where.file != "--set") {
    file = std::filesystem::path(node.where.file).parent_path() / file;
  }
  std::string error;
  const auto content = read_source_file(file, error);
  if (!content || content->too_large) {
    problems.add(node.where, path,
                 "cannot read calibration file '" + file.string() +
                     "': " + (content ? "larger than the scenario size limit" : error));
    return;
  }
  b.draws = parse_parameter_draws(content->text, file.string(), problems);
  extra_text += "# --- file: " + file.string() + "\n" + content->text;
  if (!content->text.empty() && content->text.back() != '\n') extra_text += '\n';
}

}  // namespace

void convert_model(FieldReader& top, BehaviourParams& b, std::string& extra_text) {
  const TreeNode* node = top.section("model", MODEL_EXPECTED);
  if (node == nullptr) return;
  FieldReader r(*node, "model", model_keys(), MODEL_EXPECTED, top.problems());
  r.locate_missing_at(top.where("model"));
  long long version = b.version;
  if (r.integer("version", version, 1, 2, "1 (will model) or 2 (behavioural model v2)")) {
    b.version = static_cast<int>(version);
  }
  read_regime(r, b);
  read_transition(r, b);
  read_us_pressure(r, b);
  if (const TreeNode* draws = r.get("parameter_draws")) {
    read_parameter_draws(*draws, r.path_of("parameter_draws"), b, top.problems(), extra_text);
  } else if (b.version == 2) {
    r.require("parameter_draws", "the calibration CSV of model v2 (docs/MODEL.md v2.3)");
  }
}

}  // namespace rampup::detail
