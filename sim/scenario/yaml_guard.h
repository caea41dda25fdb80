// Internal to sim/scenario. Safety checks on scenario text before yaml-cpp parses it: size,
// encoding, nesting depth and alias count (scenarios/README.md, "Errors"). yaml-cpp's parser is
// recursive, so nesting is bounded here by a light scan of the text; yaml_tree.cpp bounds the
// node count and depth again while copying the parsed document (aliases expanded).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/scenario/problems.h"

namespace rampup::detail {

// "is N bytes; at most 4194304 bytes (4 MiB) are allowed"
std::string too_large_message(std::uintmax_t size_bytes);

// Throws ScenarioError (everything in `problems` plus the violation) on the first violation.
void guard_yaml_text(std::string_view text, const std::string& file, Problems& problems);

}  // namespace rampup::detail
