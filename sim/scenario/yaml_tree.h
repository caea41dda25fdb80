// Internal to sim/scenario. Parses YAML text (after guard_yaml_text) into a TreeNode; the only
// file that includes yaml-cpp.
#pragma once

#include <string>
#include <string_view>

#include "sim/scenario/problems.h"
#include "sim/scenario/tree.h"

namespace rampup::detail {

// Nodes visited while copying parsed documents, aliases expanded; shared by all files and
// overrides of one load so the limit holds for the whole scenario.
struct NodeBudget {
  long used = 0;
};

// Parses one YAML document. An empty document (or one with only comments) gives a null node.
// Syntax errors, several documents, and exceeding the depth or node budget throw ScenarioError
// at once; duplicate keys, non-text keys and unsupported tags are added to `problems`.
TreeNode parse_yaml(std::string_view text, const std::string& file, NodeBudget& budget,
                    Problems& problems);

}  // namespace rampup::detail
