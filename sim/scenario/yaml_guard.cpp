// Pre-parse checks: size and UTF-8 text. Nesting and aliases are bounded by yaml-cpp's depth
// guard and by the copy in yaml_tree.cpp (tests/scenario/hostile_input_tests.cpp).
#include "sim/scenario/yaml_guard.h"

#include <cstdio>

#include "sim/scenario/scenario.h"

namespace rampup::detail {

namespace {

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

}  // namespace

std::string too_large_message(std::uintmax_t size_bytes) {
  return "is " + std::to_string(size_bytes) + " bytes; at most " +
         std::to_string(SCENARIO_MAX_FILE_BYTES) + " bytes (1 MiB) are allowed";
}

void guard_yaml_text(std::string_view text, const std::string& file, Problems& problems) {
  if (text.size() > SCENARIO_MAX_FILE_BYTES) {
    problems.fail({file, 0, 0}, "", too_large_message(text.size()));
  }
  check_encoding(text, file, problems);
}

}  // namespace rampup::detail
