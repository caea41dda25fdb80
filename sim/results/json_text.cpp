#include "sim/results/json_text.h"

#include <cmath>
#include <cstdio>

namespace rampup {

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string json_number(double x, int digits) {
  if (std::isnan(x)) return "null";
  char buf[64];
  if (digits < 0) {
    std::snprintf(buf, sizeof buf, "%.17g", x);
  } else {
    std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  }
  return buf;
}

}  // namespace rampup
