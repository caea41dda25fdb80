// Pre-parse safety checks: size, UTF-8 text, nesting depth, alias count.
#include "sim/scenario/yaml_guard.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "sim/scenario/scenario.h"

namespace rampup::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(c));
  return buf;
}

// Length of the UTF-8 sequence starting at text[i], or 0 if it is not valid UTF-8.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned min = 0;
  unsigned cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, min = 0x80, cp = c & 0x1Fu;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, min = 0x800, cp = c & 0x0Fu;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, min = 0x10000, cp = c & 0x07u;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

void check_encoding(std::string_view text, const std::string& file, Problems& problems) {
  int line = 1;
  int column = 1;
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // a UTF-8 byte-order mark
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const SourceLocation at{file, line, column};
    if (c == 0) {
      problems.fail(at, "", "contains a NUL byte: this is a binary file, not YAML text");
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      problems.fail(at, "",
                    "contains the control character " + hex_byte(c) + "; expected UTF-8 text");
    }
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      problems.fail(
          at, "",
          "byte " + hex_byte(c) + " is not valid UTF-8; expected UTF-8 text (binary file?)");
    }
    if (c == '\n') {
      ++line, column = 1;
    } else {
      ++column;
    }
    i += n;
  }
}

// Follows just enough of YAML's lexical structure (indentation, `- ` entries, flow brackets,
// quotes, comments, block and multi-line plain scalars) to bound the nesting depth and count
// aliases. Errs on the side of counting too deep; yaml-cpp's own depth guard (2000 levels) and
// the copy in yaml_tree.cpp back it up if some construct escapes it.
class StructureScanner {
 public:
  StructureScanner(const std::string& file, Problems& problems)
      : file_(file), problems_(problems) {}

  void scan(std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_no_;
      scan_line(line);
      start = end + 1;
    }
  }

 private:
  static constexpr std::size_t NPOS = std::string_view::npos;

  void scan_line(std::string_view line) {
    const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
    const std::string_view content = line.substr(indent);
    const bool blank = content.find_first_not_of(" \t\r") == NPOS;
    if (block_parent_ >= 0) {  // inside a block scalar (| or >): skip its content lines
      if (blank || static_cast<int>(indent) > block_parent_) return;
      block_parent_ = -1;
    }
    if (quote_ != 0) {
      const std::size_t pos = scan_quoted(line, 0);
      if (pos != NPOS) continue_after_token(line, pos);
      return;
    }
    if (flow_ > 0) {
      const std::size_t pos = scan_flow(line, 0);
      if (pos != NPOS) scan_block(line, pos, false);
      return;
    }
    if (blank || content[0] == '#') return;
    if (plain_parent_ >= 0 && static_cast<int>(indent) > plain_parent_) return;  // continuation
    plain_parent_ = -1;
    if (indent == 0 && (line.starts_with("---") || line.starts_with("...")) &&
        (line.size() == 3 || is_space(line[3]))) {
      indents_.clear();
      scan_block(line, 3, true);
      return;
    }
    const int column = static_cast<int>(indent);
    while (!indents_.empty() && indents_.back() > column) indents_.pop_back();
    if (indents_.empty() || indents_.back() < column) push_level(column);
    scan_block(line, indent, true);
  }

  void continue_after_token(std::string_view line, std::size_t pos) {
    if (flow_ > 0) {
      pos = scan_flow(line, pos);
      if (pos == NPOS) return;
    }
    scan_block(line, pos, false);
  }

  // Block context from `pos`; `token_start`: a node may begin here.
  void scan_block(std::string_view line, std::size_t pos, bool token_start) {
    const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
    int owner = static_cast<int>(indent);  // indentation of the node owning what follows
    int token_column = owner;
    bool in_plain = false;
    while (pos < line.size()) {
      const char c = line[pos];
      const bool followed_by_space = pos + 1 == line.size() || is_space(line[pos + 1]);
      if (is_space(c)) {
        ++pos;
        continue;
      }
      if (c == '#' && (pos == 0 || is_space(line[pos - 1]))) {
        in_plain = false;  // a comment ends a plain scalar
        break;
      }
      if (token_start) {
        if ((c == '-' || c == '?') && followed_by_space) {
          owner = static_cast<int>(pos);
          const std::size_t next = line.find_first_not_of(" \t", pos + 1);
          if (next != NPOS && line[next] != '#') push_level(static_cast<int>(next));
          ++pos;
          continue;
        }
        if (c == ':' && followed_by_space) {
          ++pos;
          continue;
        }
        if (c == '[' || c == '{') {
          open_flow(pos);
          pos = scan_flow(line, pos + 1);
          if (pos == NPOS) return;
          token_start = false;
          continue;
        }
        if (c == '"' || c == '\'') {
          token_column = static_cast<int>(pos);
          quote_ = c;
          pos = scan_quoted(line, pos + 1);
          if (pos == NPOS) return;
          token_start = false;
          continue;
        }
        if (c == '|' || c == '>') {
          block_parent_ = owner;
          return;
        }
        if (c == '&' || c == '!') {  // anchor or tag: a node still follows
          while (pos < line.size() && !is_space(line[pos])) ++pos;
          continue;
        }
        if (c == '*') count_alias(pos);
        token_column = static_cast<int>(pos);
        token_start = false;
        in_plain = true;
      }
      if (c == ':' && followed_by_space) {  // the key ends, its value may follow
        owner = token_column;
        token_start = true;
        in_plain = false;
      }
      ++pos;
    }
    if (in_plain) plain_parent_ = owner;
  }

  // Flow context from `pos`; returns where the outermost flow collection closed, or NPOS if it
  // continues on the next line.
  std::size_t scan_flow(std::string_view line, std::size_t pos) {
    bool token_start = true;
    while (pos < line.size()) {
      const char c = line[pos];
      if (c == '#' && (pos == 0 || is_space(line[pos - 1]))) return NPOS;
      if (c == '[' || c == '{') {
        open_flow(pos);
        token_start = true;
      } else if (c == ']' || c == '}') {
        if (--flow_ <= 0) {
          flow_ = 0;
          return pos + 1;
        }
        token_start = false;
      } else if (c == ',' || c == ':' || c == '?') {
        token_start = true;
      } else if (token_start && (c == '"' || c == '\'')) {
        quote_ = c;
        pos = scan_quoted(line, pos + 1);
        if (pos == NPOS) return NPOS;
        token_start = false;
        continue;
      } else if (token_start && c == '*') {
        count_alias(pos);
        token_start = false;
      } else if (!is_space(c)) {
        token_start = false;
      }
      ++pos;
    }
    return NPOS;
  }

  // Inside a quoted scalar from `pos`; returns the position after the closing quote, or NPOS.
  std::size_t scan_quoted(std::string_view line, std::size_t pos) {
    while (pos < line.size()) {
      const char c = line[pos];
      if (quote_ == '\'') {
        if (c == '\'') {
          if (pos + 1 < line.size() && line[pos + 1] == '\'') {
            pos += 2;
            continue;
          }
          quote_ = 0;
          return pos + 1;
        }
      } else if (c == '\\') {
        pos += 2;
        continue;
      } else if (c == '"') {
        quote_ = 0;
        return pos + 1;
      }
      ++pos;
    }
    return NPOS;
  }

  int depth() const { return static_cast<int>(indents_.size()) + flow_; }

  void check_depth(std::size_t pos) {
    if (depth() > SCENARIO_MAX_DEPTH) {
      problems_.fail({file_, line_no_, static_cast<int>(pos) + 1}, "",
                     "nesting deeper than " + std::to_string(SCENARIO_MAX_DEPTH) +
                         " levels is not allowed; a scenario needs at most 6");
    }
  }
  void push_level(int column) {
    indents_.push_back(column);
    check_depth(static_cast<std::size_t>(column));
  }
  void open_flow(std::size_t pos) {
    ++flow_;
    check_depth(pos);
  }
  void count_alias(std::size_t pos) {
    if (++aliases_ > SCENARIO_MAX_ALIASES) {
      problems_.fail({file_, line_no_, static_cast<int>(pos) + 1}, "",
                     "more than " + std::to_string(SCENARIO_MAX_ALIASES) +
                         " aliases (*name) are not allowed (alias bomb?)");
    }
  }

  const std::string& file_;
  Problems& problems_;
  int line_no_ = 0;
  std::vector<int> indents_;  // columns of the open block collections
  int flow_ = 0;              // open flow collections ([ or {)
  char quote_ = 0;            // inside a quoted scalar opened by this quote
  int block_parent_ = -1;     // >= 0: inside a block scalar whose parent has this indentation
  int plain_parent_ = -1;     // >= 0: the previous line ended in a plain scalar owned here
  long aliases_ = 0;
};

}  // namespace

std::string too_large_message(std::uintmax_t size_bytes) {
  return "is " + std::to_string(size_bytes) + " bytes; at most " +
         std::to_string(SCENARIO_MAX_FILE_BYTES) + " bytes (4 MiB) are allowed";
}

void guard_yaml_text(std::string_view text, const std::string& file, Problems& problems) {
  if (text.size() > SCENARIO_MAX_FILE_BYTES) {
    problems.fail({file, 0, 0}, "", too_large_message(text.size()));
  }
  check_encoding(text, file, problems);
  StructureScanner(file, problems).scan(text);
}

}  // namespace rampup::detail
