// yaml-cpp -> TreeNode.
#include "sim/scenario/yaml_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <sstream>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_guard.h"

namespace rampup::detail {

namespace {

SourceLocation location(const std::string& file, const YAML::Mark& mark) {
  // yaml-cpp marks are 0-based (-1 when unknown).
  return {file, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0};
}

const char* kind_name(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return "an empty value";
}

// yaml-cpp 0.7's LoadAll never returns on a ',' outside [ ] or { } after a top-level node (e.g. a
// file that is just ","): the parser yields empty documents at that token without consuming it,
// until memory runs out (found by tests/fuzz/scenario_fuzzer). The event parser does the same
// but lets us stop: a document starting where the previous one started is that stall.
struct DocumentStarts : YAML::EventHandler {
  YAML::Mark start;
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Where the parser stalls, if it does (throws YAML::Exception for syntax errors).
std::optional<YAML::Mark> parser_stall(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts handler;
  std::optional<int> previous;
  while (parser.HandleNextDocument(handler)) {
    if (previous && *previous == handler.start.pos) return handler.start;
    previous = handler.start.pos;
  }
  return std::nullopt;
}

class Copier {
 public:
  Copier(const std::string& file, NodeBudget& budget, Problems& problems)
      : file_(file), budget_(budget), problems_(problems) {}

  void copy(const YAML::Node& in, TreeNode& out, const std::string& path, int depth) {
    out.where = location(file_, in.Mark());
    if (++budget_.used > SCENARIO_MAX_NODES) {
      problems_.fail(out.where, path,
                     "more than " + std::to_string(SCENARIO_MAX_NODES) +
                         " YAML nodes after expanding aliases are not allowed (alias bomb?)");
    }
    if (depth > SCENARIO_MAX_DEPTH) {
      problems_.fail(out.where, path,
                     "nesting deeper than " + std::to_string(SCENARIO_MAX_DEPTH) +
                         " levels is not allowed; a scenario needs at most 6");
    }
    switch (in.Type()) {
      case YAML::NodeType::Scalar:
        copy_scalar(in, out, path);
        break;
      case YAML::NodeType::Sequence:
        out.kind = TreeNode::Kind::sequence;
        for (const YAML::Node& item : in) {  // iterators yield nodes by value
          const std::size_t i = out.items.size();
          out.items.emplace_back();
          copy(item, out.items.back(), path + "[" + std::to_string(i) + "]", depth + 1);
        }
        break;
      case YAML::NodeType::Map:
        copy_map(in, out, path, depth);
        break;
      default:
        out.kind = TreeNode::Kind::null;
        break;
    }
  }

 private:
  void copy_scalar(const YAML::Node& in, TreeNode& out, const std::string& path) {
    out.kind = TreeNode::Kind::scalar;
    out.scalar = in.Scalar();
    const std::string& tag = in.Tag();
    // "?": a plain scalar; "!": quoted or block scalar, i.e. text.
    out.plain = tag != "!" && tag != "tag:yaml.org,2002:str";
    if (out.plain && tag != "?") {  // reported once; the value is then checked as if plain
      const std::string yaml_prefix = "tag:yaml.org,2002:";
      const std::string shown =
          tag.starts_with(yaml_prefix) ? "!!" + tag.substr(yaml_prefix.size()) : tag;
      problems_.add(out.where, path,
                    "the tag '" + shown + "' is not supported; write the value without a tag");
    }
  }

  void copy_map(const YAML::Node& in, TreeNode& out, const std::string& path, int depth) {
    out.kind = TreeNode::Kind::mapping;
    for (const auto& pair : in) {  // a key/value pair by value: no reference into a proxy
      const YAML::Node& key = pair.first;
      const SourceLocation key_where = location(file_, key.Mark());
      if (!key.IsScalar()) {
        problems_.add(key_where, path,
                      std::string(kind_name(key)) + " is not allowed as a key; expected text");
        continue;
      }
      const std::string& name = key.Scalar();
      const std::string key_path = join_path(path, name);
      if (const TreeEntry* first = out.find(name)) {
        problems_.add(key_where, key_path,
                      "duplicate key '" + name + "' (first given at line " +
                          std::to_string(first->key_where.line) + "); give each key once");
        continue;
      }
      out.entries.push_back(TreeEntry{name, key_where, TreeNode{}});
      TreeEntry& entry = out.entries.back();
      copy(pair.second, entry.value, key_path, depth + 1);
      // yaml-cpp places an empty value (`key:`) at the start of the next line: use the key's.
      if (entry.value.is_null()) entry.value.where = key_where;
    }
  }

  const std::string& file_;
  NodeBudget& budget_;
  Problems& problems_;
};

}  // namespace

TreeNode parse_yaml(std::string_view text, const std::string& file, NodeBudget& budget,
                    Problems& problems) {
  guard_yaml_text(text, file, problems);
  std::vector<YAML::Node> documents;
  try {
    const std::string copy(text);
    if (const auto stall = parser_stall(copy)) {
      const bool comma = stall->pos >= 0 && static_cast<std::size_t>(stall->pos) < copy.size() &&
                         copy[static_cast<std::size_t>(stall->pos)] == ',';
      problems.fail(location(file, *stall), "",
                    comma ? "YAML syntax error: unexpected ',' (commas separate items only "
                            "inside [ ] or { })"
                          : "YAML syntax error: the parser cannot continue here");
    }
    documents = YAML::LoadAll(copy);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp 0.7's parser recurses per level and stops at 500 ("bad file"); for flow
    // brackets its mark is where the scanner was, often the end of the line.
    problems.fail(location(file, e.mark), "",
                  "nesting deeper than " + std::to_string(SCENARIO_MAX_DEPTH) +
                      " levels is not allowed (the YAML parser stopped at " +
                      std::to_string(e.depth()) + " levels, here)");
  } catch (const YAML::Exception& e) {
    problems.fail(location(file, e.mark), "", "YAML syntax error: " + e.msg);
  }
  TreeNode root;
  root.where = {file, 1, 1};
  if (documents.empty()) return root;
  for (std::size_t i = 1; i < documents.size(); ++i) {
    if (documents[i].IsNull()) continue;  // e.g. a trailing `---`
    problems.fail(location(file, documents[i].Mark()), "",
                  "a second YAML document (after ---) is not allowed; a scenario is one document");
  }
  Copier(file, budget, problems).copy(documents.front(), root, "", 0);
  return root;
}

}  // namespace rampup::detail
