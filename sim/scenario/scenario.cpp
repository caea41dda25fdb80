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

Scenario parse_scenario(std::string_view text, const std::string& source_path,
                        const std::vector<std::string>& set_overrides) {
  detail::LoadContext context;
  detail::TreeNode root = detail::load_with_extends(text, source_path, context);
  detail::apply_overrides(root, set_overrides, context);
  Scenario scenario = detail::convert_scenario(root, context.problems);
  context.problems.throw_if_any();
  scenario.source_path = source_path;
  scenario.text = std::move(context.text);
  scenario.text_sha256 = sha256_hex(scenario.text);
  return scenario;
}

Scenario load_scenario(const std::filesystem::path& file,
                       const std::vector<std::string>& set_overrides) {
  std::string error;
  const std::optional<detail::FileText> content = detail::read_source_file(file, error);
  if (!content) {
    throw std::runtime_error("cannot read scenario file '" + file.string() + "': " + error);
  }
  if (content->too_large) {
    throw ScenarioError(
        {ScenarioProblem{file.string(), 0, 0, "", detail::too_large_message(content->size)}});
  }
  return parse_scenario(content->text, file.string(), set_overrides);
}

}  // namespace rampup
