// `extends:` chains and the key-by-key merge.
#include "sim/scenario/extends.h"

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/source_file.h"
#include "sim/scenario/yaml_guard.h"

namespace rampup::detail {

namespace {

namespace fs = std::filesystem;

struct ChainLink {
  fs::path canonical;
  std::string shown;  // as named in messages
};

fs::path canonical_or_same(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal() : out;
}

void check_top_level(const TreeNode& root, const std::string& path, Problems& problems) {
  if (root.is_null()) {
    problems.fail({path, 0, 0}, "",
                  "is empty; expected a mapping with at least 'name' and 'members'");
  }
  if (!root.is_mapping()) {
    problems.fail(root.where, "",
                  "the top level is " + describe_value(root) +
                      "; expected a mapping of keys (name, members, ...)");
  }
}

std::string describe_chain(const std::vector<ChainLink>& chain, const std::string& next) {
  std::string out;
  for (const ChainLink& link : chain) out += link.shown + " -> ";
  return out + next;
}

TreeNode load_chain(std::string_view text, const std::string& path, LoadContext& context,
                    std::vector<ChainLink>& chain) {
  Problems& problems = context.problems;
  TreeNode root = parse_yaml(text, path, context.budget, problems);
  check_top_level(root, path, problems);
  const TreeEntry* extends = root.find("extends");
  if (extends == nullptr) {
    record_source(context, path, text);
    return root;
  }
  const TreeNode& value = extends->value;
  if (!value.is_scalar() || value.scalar.empty()) {
    problems.fail(value.where, "extends",
                  describe_value(value) + " is not allowed; expected the path of a base scenario");
  }
  const fs::path base_path = (fs::path(path).parent_path() / value.scalar).lexically_normal();
  const std::string base_name = base_path.string();
  const fs::path canonical = canonical_or_same(base_path);
  const bool cycle = std::any_of(chain.begin(), chain.end(), [&](const ChainLink& link) {
    return link.canonical == canonical;
  });
  if (cycle) {
    problems.fail(value.where, "extends",
                  "'" + value.scalar + "' forms a cycle (" + describe_chain(chain, base_name) +
                      "); a scenario cannot extend itself");
  }
  if (chain.size() >= static_cast<std::size_t>(SCENARIO_MAX_EXTENDS)) {
    problems.fail(value.where, "extends",
                  "more than " + std::to_string(SCENARIO_MAX_EXTENDS) +
                      " files in one extends chain are not allowed");
  }
  std::string error;
  const std::optional<FileText> base_text = read_source_file(base_path, error);
  if (!base_text) {
    problems.fail(value.where, "extends",
                  "cannot read '" + value.scalar + "' (" + base_name + "): " + error);
  }
  if (base_text->too_large) {
    problems.fail({base_name, 0, 0}, "", too_large_message(base_text->size));
  }
  chain.push_back({canonical, base_name});
  TreeNode merged = load_chain(base_text->text, base_name, context, chain);
  chain.pop_back();
  root.erase("extends");
  merge_into(merged, std::move(root));
  record_source(context, path, text);
  return merged;
}

}  // namespace

void record_source(LoadContext& context, const std::string& path, std::string_view text) {
  context.problems.note_file(path);
  context.text += "# --- file: " + path + "\n";
  context.text += text;
  if (!text.empty() && text.back() != '\n') context.text += '\n';
}

void merge_into(TreeNode& base, TreeNode&& overlay) {
  if (!base.is_mapping() || !overlay.is_mapping()) {
    base = std::move(overlay);
    return;
  }
  for (TreeEntry& entry : overlay.entries) {
    TreeEntry* existing = base.find(entry.key);
    if (existing == nullptr) {
      base.entries.push_back(std::move(entry));
    } else if (existing->value.is_mapping() && entry.value.is_mapping()) {
      merge_into(existing->value, std::move(entry.value));
    } else {
      existing->key_where = entry.key_where;
      existing->value = std::move(entry.value);
    }
  }
}

TreeNode load_with_extends(std::string_view text, const std::string& path, LoadContext& context) {
  std::vector<ChainLink> chain{{canonical_or_same(path), path}};
  return load_chain(text, path, context, chain);
}

}  // namespace rampup::detail
