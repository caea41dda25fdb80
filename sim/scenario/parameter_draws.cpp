#include "sim/scenario/parameter_draws.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

#include "sim/scenario/schema.h"
#include "sim/scenario/suggest.h"

namespace rampup::detail {

namespace {

inline constexpr Range SPEED{0.0, 1.0, true, false};  // (0, 1]

// The columns of docs/MODEL.md v2.3 with their allowed ranges; noise_dof is checked apart.
constexpr NumberField<ParameterDraw> COLUMNS[] = {
    {"lambda_calm", &ParameterDraw::lambda_calm, SPEED},
    {"lambda_elevated", &ParameterDraw::lambda_elevated, SPEED},
    {"lambda_acute", &ParameterDraw::lambda_acute, SPEED},
    {"alpha_elevated", &ParameterDraw::alpha_elevated, ANY_NUMBER},
    {"alpha_acute", &ParameterDraw::alpha_acute, ANY_NUMBER},
    {"theta_elevated", &ParameterDraw::theta_elevated, ANY_NUMBER},
    {"theta_acute", &ParameterDraw::theta_acute, ANY_NUMBER},
    {"delta_elevated", &ParameterDraw::delta_elevated, ANY_NUMBER},
    {"delta_acute", &ParameterDraw::delta_acute, ANY_NUMBER},
    {"sigma_calm", &ParameterDraw::sigma_calm, NON_NEGATIVE},
    {"sigma_elevated", &ParameterDraw::sigma_elevated, NON_NEGATIVE},
    {"sigma_acute", &ParameterDraw::sigma_acute, NON_NEGATIVE},
    {"noise_dof", &ParameterDraw::noise_dof, NON_NEGATIVE},
    {"tau_member", &ParameterDraw::tau_member, NON_NEGATIVE},
    {"kappa_0", &ParameterDraw::kappa_0, ANY_NUMBER},
    {"kappa_lead", &ParameterDraw::kappa_lead, ANY_NUMBER},
    {"kappa_debt", &ParameterDraw::kappa_debt, ANY_NUMBER},
    {"kappa_us", &ParameterDraw::kappa_us, ANY_NUMBER},
    {"kappa_deadline", &ParameterDraw::kappa_deadline, ANY_NUMBER},
    {"kappa_government", &ParameterDraw::kappa_government, ANY_NUMBER},
    {"compliance_0", &ParameterDraw::compliance_0, ANY_NUMBER},
    {"compliance_deadline", &ParameterDraw::compliance_deadline, ANY_NUMBER},
    {"compliance_review", &ParameterDraw::compliance_review, ANY_NUMBER},
    {"compliance_us", &ParameterDraw::compliance_us, ANY_NUMBER},
    {"compliance_reach_pp", &ParameterDraw::compliance_reach_pp, NON_NEGATIVE},
    {"one_off_prob", &ParameterDraw::one_off_prob, UNIT_CLOSED},
    {"one_off_mean_pp", &ParameterDraw::one_off_mean_pp, NON_NEGATIVE},
    {"one_off_reversal", &ParameterDraw::one_off_reversal, UNIT_CLOSED},
    {"budget_execution_sd", &ParameterDraw::budget_execution_sd, NON_NEGATIVE},
};
constexpr std::size_t COLUMN_COUNT = std::size(COLUMNS);

std::vector<std::string_view> column_names() {
  std::vector<std::string_view> names;
  for (const auto& c : COLUMNS) names.push_back(c.key);
  return names;
}

// Splits one line at commas; each cell with its 1-based column (character position).
struct Cell {
  std::string_view text;
  int column;
};
std::vector<Cell> split(std::string_view line) {
  std::vector<Cell> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    std::string_view cell = line.substr(start, end - start);
    while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) {
      cell.remove_prefix(1);
    }
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t' || cell.back() == '\r')) {
      cell.remove_suffix(1);
    }
    cells.push_back({cell, static_cast<int>(start) + 1});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return cells;
}

std::optional<double> parse_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// column index -> field index, from the header; std::nullopt when the header is unusable.
std::optional<std::vector<int>> read_header(std::string_view line, const std::string& file,
                                            Problems& problems) {
  const std::vector<std::string_view> names = column_names();
  std::vector<int> field_of;
  std::vector<bool> seen(COLUMN_COUNT, false);
  bool ok = true;
  for (const Cell& cell : split(line)) {
    const auto it = std::find(names.begin(), names.end(), cell.text);
    const SourceLocation where{file, 1, cell.column};
    if (it == names.end()) {
      std::string message = "unknown column '" + std::string(cell.text) + "'";
      if (auto near = closest_key(cell.text, names)) message += "; did you mean '" + *near + "'?";
      problems.add(where, std::string(cell.text), message);
      ok = false;
      field_of.push_back(-1);
      continue;
    }
    const auto index = static_cast<std::size_t>(it - names.begin());
    if (seen[index]) {
      problems.add(where, std::string(cell.text), "column given twice; give each column once");
      ok = false;
    }
    seen[index] = true;
    field_of.push_back(static_cast<int>(index));
  }
  for (std::size_t i = 0; i < COLUMN_COUNT; ++i) {
    if (!seen[i]) {
      problems.add({file, 1, 1}, std::string(names[i]),
                   "missing column; the file needs every column of docs/MODEL.md v2.3");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return field_of;
}

}  // namespace

std::vector<ParameterDraw> parse_parameter_draws(const std::string& text, const std::string& file,
                                                 Problems& problems) {
  std::vector<ParameterDraw> rows;
  std::vector<int> field_of;
  int line_number = 0;
  std::size_t start = 0;
  bool header_done = false;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty() || line == "\r") continue;
    if (!header_done) {
      auto header = read_header(line, file, problems);
      if (!header) return {};
      field_of = std::move(*header);
      header_done = true;
      continue;
    }
    if (rows.size() == PARAMETER_DRAWS_MAX_ROWS) {
      problems.add({file, line_number, 1}, "",
                   "more than " + std::to_string(PARAMETER_DRAWS_MAX_ROWS) + " rows");
      return {};
    }
    const std::vector<Cell> cells = split(line);
    if (cells.size() != field_of.size()) {
      problems.add({file, line_number, 1}, "",
                   std::to_string(cells.size()) + " cells; expected " +
                       std::to_string(field_of.size()) + " (one per header column)");
      continue;
    }
    ParameterDraw row;
    bool ok = true;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const NumberField<ParameterDraw>& field = COLUMNS[field_of[c]];
      const SourceLocation where{file, line_number, cells[c].column};
      const auto value = parse_number(cells[c].text);
      const bool dof = field.key == "noise_dof";
      const bool dof_ok =
          !value || !dof ||
          (*value == 0.0 || (*value >= 4.0 && *value <= 64.0 && std::fmod(*value, 2.0) == 0.0));
      if (!value || !field.range.contains(*value) || !dof_ok) {
        const std::string expected =
            dof ? "0 (normal noise) or an even integer from 4 to 64" : field.range.describe();
        problems.add(where, std::string(field.key),
                     "'" + std::string(cells[c].text) + "' is not allowed; expected " + expected);
        ok = false;
        continue;
      }
      row.*field.field = *value;
    }
    if (ok) rows.push_back(row);
  }
  if (!header_done) {
    problems.add({file, 1, 1}, "", "empty file; expected a header and at least one row");
  } else if (rows.empty() && line_number <= 1) {
    problems.add({file, line_number, 1}, "", "no rows; expected at least one parameter row");
  }
  return rows;
}

}  // namespace rampup::detail
