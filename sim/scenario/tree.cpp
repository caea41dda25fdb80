// TreeNode helpers.
#include "sim/scenario/tree.h"

#include <algorithm>

namespace rampup::detail {

const TreeEntry* TreeNode::find(std::string_view key) const {
  for (const TreeEntry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

TreeEntry* TreeNode::find(std::string_view key) {
  for (TreeEntry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

void TreeNode::erase(std::string_view key) {
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [key](const TreeEntry& e) { return e.key == key; }),
                entries.end());
}

std::string join_path(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (key.empty()) return out;
  if (!out.empty()) out += '.';
  out += key;
  return out;
}

std::string describe_value(const TreeNode& node) {
  constexpr std::size_t MAX_SHOWN = 40;
  switch (node.kind) {
    case TreeNode::Kind::null:
      return "an empty value";
    case TreeNode::Kind::sequence:
      return "a list";
    case TreeNode::Kind::mapping:
      return "a mapping";
    case TreeNode::Kind::scalar:
      break;
  }
  std::string text = node.scalar;
  const std::size_t newline = text.find('\n');
  if (text.size() > MAX_SHOWN || newline != std::string::npos) {
    text = text.substr(0, std::min(MAX_SHOWN, newline)) + "...";
  }
  // Numbers (also .nan, .inf) and booleans are shown bare, text in quotes.
  const bool bare = node.plain && !text.empty() &&
                    (std::string_view("0123456789+-.").find(text[0]) != std::string_view::npos ||
                     text == "true" || text == "false");
  return bare ? text : "'" + text + "'";
}

}  // namespace rampup::detail
