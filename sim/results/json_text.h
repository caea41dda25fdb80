// JSON text for the machine-readable outputs of `summary` and `compare` (RFC 8259).
#pragma once

#include <string>

namespace rampup {

// s as the inside of a JSON string: quotes and backslashes escaped, control characters \uXXXX.
std::string json_escape(const std::string& s);

// x with `digits` decimals, or null for NaN; digits < 0: the shortest text that reads back as
// the same double (%.17g).
std::string json_number(double x, int digits);

}  // namespace rampup
