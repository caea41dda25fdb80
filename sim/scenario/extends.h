// Internal to sim/scenario. Reading a scenario file with its `extends` chain into one tree.
#pragma once

#include <string>
#include <string_view>

#include "sim/scenario/problems.h"
#include "sim/scenario/tree.h"
#include "sim/scenario/yaml_tree.h"

namespace rampup::detail {

struct LoadContext {
  Problems problems;
  NodeBudget budget;
  std::string text;  // Scenario::text so far: each file read, base first, after a header line
};

// Parses `text` (the contents of the file `path`), loads the base files it `extends`
// (relative to the including file, chains allowed, cycles reported) and returns the merged
// tree without `extends`. Fatal problems throw ScenarioError.
TreeNode load_with_extends(std::string_view text, const std::string& path, LoadContext& context);

// Merges `overlay` into `base`: mappings key by key, recursively (new keys appended in the
// overlay's order); anything else replaces.
void merge_into(TreeNode& base, TreeNode&& overlay);

// Appends "# --- file: PATH\n" and the text (with a final newline) to `context.text`.
void record_source(LoadContext& context, const std::string& path, std::string_view text);

}  // namespace rampup::detail
