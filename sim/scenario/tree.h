// Internal to sim/scenario. The scenario tree: a YAML document copied out of yaml-cpp into plain
// values that remember where they came from (file:line:column), so that merging `extends` files
// and --set overrides keeps every value's origin for error messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rampup::detail {

struct SourceLocation {
  std::string file;  // path, or "--set"
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
};

struct TreeEntry;

struct TreeNode {
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  std::string scalar;  // the text of a scalar
  bool plain = true;   // an unquoted scalar (may be a number or bool); false: a string
  SourceLocation where;
  std::vector<TreeNode> items;     // a sequence's items
  std::vector<TreeEntry> entries;  // a mapping's entries in document order, keys unique

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }
  const TreeEntry* find(std::string_view key) const;
  TreeEntry* find(std::string_view key);
  void erase(std::string_view key);
};

struct TreeEntry {
  std::string key;
  SourceLocation key_where;
  TreeNode value;
};

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c"; "a" + "" -> "a".
std::string join_path(std::string_view parent, std::string_view key);

// The value as a message shows it: `1.7`, `'text'` for quoted strings, `a list`, `a mapping`,
// `an empty value`; long scalars are shortened.
std::string describe_value(const TreeNode& node);

}  // namespace rampup::detail
