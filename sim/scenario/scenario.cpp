// load_scenario / parse_scenario: read -> extends -> overrides -> validate and convert.
#include "sim/scenario/scenario.h"

#include <utility>

#include "sim/scenario/convert.h"
#include "sim/scenario/extends.h"
#include "sim/scenario/overrides.h"
#include "sim/scenario/sha256.h"
#include "sim/scenario/source_file.h"
#include "sim/scenario/yaml_guard.h"

namespace rampup {

namespace {

// `text` without the paths of its "# --- file: PATH" lines: the same scenario hashes the same
// whether it was given as a relative or an absolute path.
std::string content_only(const std::string& text) {
  static const std::string header = "# --- file: ";
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    out += line.substr(0, header.size()) == header ? std::string_view("# --- file") : line;
    out += '\n';
    start = end + 1;
  }
  return out;
}

// The steps after parsing: overrides, validation and conversion, provenance.
Scenario finish(detail::TreeNode root, detail::LoadContext context, const std::string& source_path,
                const std::vector<std::string>& set_overrides) {
  detail::apply_overrides(root, set_overrides, context);
  std::string calibration_text;
  Scenario scenario = detail::convert_scenario(root, context.problems, calibration_text);
  context.problems.throw_if_any();
  context.text += calibration_text;
  scenario.source_path = source_path;
  scenario.text = std::move(context.text);
  scenario.text_sha256 = sha256_hex(content_only(scenario.text));
  return scenario;
}

std::string read_scenario_file(const std::filesystem::path& file) {
  std::string error;
  std::optional<detail::FileText> content = detail::read_source_file(file, error);
  if (!content) {
    throw Error("cannot read scenario file '" + file.string() + "': " + error, ExitCode::failure,
                {file.string(), {}, {}});
  }
  if (content->too_large) {
    throw ScenarioError(
        {ScenarioProblem{file.string(), 0, 0, "", detail::too_large_message(content->size)}});
  }
  return std::move(content->text);
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& source_path,
                        const std::vector<std::string>& set_overrides) {
  detail::LoadContext context;
  detail::TreeNode root = detail::load_with_extends(text, source_path, context);
  return finish(std::move(root), std::move(context), source_path, set_overrides);
}

Scenario load_scenario(const std::filesystem::path& file,
                       const std::vector<std::string>& set_overrides) {
  return parse_scenario(read_scenario_file(file), file.string(), set_overrides);
}

struct ParsedScenarioFile::Parsed {
  std::string source_path;
  detail::LoadContext context;
  detail::TreeNode root;
};

ParsedScenarioFile::ParsedScenarioFile(const std::filesystem::path& file) {
  auto parsed = std::make_shared<Parsed>();
  parsed->source_path = file.string();
  parsed->root =
      detail::load_with_extends(read_scenario_file(file), parsed->source_path, parsed->context);
  parsed_ = std::move(parsed);
}

Scenario ParsedScenarioFile::with(const std::vector<std::string>& set_overrides) const {
  return finish(parsed_->root, parsed_->context, parsed_->source_path, set_overrides);
}

}  // namespace rampup
