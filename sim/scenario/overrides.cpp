// --set KEY=VALUE overrides.
#include "sim/scenario/overrides.h"

#include <algorithm>
#include <utility>

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_tree.h"

namespace rampup::detail {

namespace {

struct KeyPart {
  std::string name;
  int column = 0;  // 1-based, within the override text
};

const std::string EXAMPLE = "expected KEY=VALUE, e.g. members.DEU.will.initial=0.8";

// Moves a location inside VALUE (parsed on its own) to --set:LINE:COLUMN of the override.
SourceLocation relocate(const SourceLocation& where, int line, int value_column) {
  const int column = where.line <= 1 ? value_column + std::max(where.column, 1) - 1 : where.column;
  return {OVERRIDE_FILE, line, column};
}

void relocate_tree(TreeNode& node, int line, int value_column) {
  node.where = relocate(node.where, line, value_column);
  for (TreeNode& item : node.items) relocate_tree(item, line, value_column);
  for (TreeEntry& entry : node.entries) {
    entry.key_where = relocate(entry.key_where, line, value_column);
    relocate_tree(entry.value, line, value_column);
  }
}

// Splits "a.b.c" (starting at `column`) into parts; empty parts are reported.
bool split_key(const std::string& key, int line, std::vector<KeyPart>& parts, Problems& problems) {
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    const std::size_t end = dot == std::string::npos ? key.size() : dot;
    if (end == start) {
      problems.add({OVERRIDE_FILE, line, static_cast<int>(start) + 1}, key,
                   "empty key part in '" + key + "'; " + EXAMPLE);
      return false;
    }
    parts.push_back({key.substr(start, end - start), static_cast<int>(start) + 1});
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

// Parses VALUE as YAML; problems (syntax, limits) are moved to --set with the key prefixed.
bool parse_value(const std::string& value, const std::string& key, int line, int value_column,
                 LoadContext& context, TreeNode& out) {
  Problems local;
  try {
    out = parse_yaml(value, OVERRIDE_FILE, context.budget, local);
  } catch (const ScenarioError&) {
    // `local` holds the problem.
  }
  for (const ScenarioProblem& p : local.list()) {
    const SourceLocation at = relocate({p.file, p.line, p.column}, line, value_column);
    context.problems.add(at, join_path(key, p.key_path), p.message);
  }
  if (!local.empty()) return false;
  relocate_tree(out, line, value_column);
  return true;
}

void set_path(TreeNode& root, const std::vector<KeyPart>& parts, int line, TreeNode&& value) {
  TreeNode* node = &root;
  int node_column = 1;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const SourceLocation at{OVERRIDE_FILE, line, parts[k].column};
    if (!node->is_mapping()) {  // replace what was there by a mapping; validation judges it
      *node = TreeNode{};
      node->kind = TreeNode::Kind::mapping;
      node->where = {OVERRIDE_FILE, line, node_column};
    }
    TreeEntry* entry = node->find(parts[k].name);
    if (entry == nullptr) {
      node->entries.push_back(TreeEntry{parts[k].name, at, TreeNode{}});
      entry = &node->entries.back();
      entry->value.where = at;
    }
    if (k + 1 == parts.size()) {
      entry->key_where = at;
      entry->value = std::move(value);
      return;
    }
    node = &entry->value;
    node_column = parts[k].column;
  }
}

void apply_one(TreeNode& root, const std::string& text, int line, LoadContext& context) {
  Problems& problems = context.problems;
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos) {
    problems.add({OVERRIDE_FILE, line, 1}, "", "malformed override '" + text + "'; " + EXAMPLE);
    return;
  }
  const std::string key = text.substr(0, eq);
  std::vector<KeyPart> parts;
  if (!split_key(key, line, parts, problems)) return;
  if (parts.front().name == "extends") {
    problems.add({OVERRIDE_FILE, line, 1}, key,
                 "cannot be set with --set; write `extends:` in the scenario file");
    return;
  }
  TreeNode value;
  if (!parse_value(text.substr(eq + 1), key, line, static_cast<int>(eq) + 2, context, value)) {
    return;
  }
  set_path(root, parts, line, std::move(value));
}

}  // namespace

void apply_overrides(TreeNode& root, const std::vector<std::string>& overrides,
                     LoadContext& context) {
  int line = 0;
  for (const std::string& text : overrides) {
    ++line;
    context.text += "# --- set: " + text + "\n";
    apply_one(root, text, line, context);
  }
}

}  // namespace rampup::detail
