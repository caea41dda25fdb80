// Internal to sim/scenario. Checks on scenario text before yaml-cpp parses it: size and encoding
// (scenarios/README.md, "Errors"). Nesting is bounded by yaml-cpp's own depth guard (it throws
// YAML::DeepRecursion) and, with the node count (aliases expanded), by yaml_tree.cpp's copy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/scenario/problems.h"

namespace rampup::detail {

// "is N bytes; at most 1048576 bytes (1 MiB) are allowed"
std::string too_large_message(std::uintmax_t size_bytes);

// Throws ScenarioError (everything in `problems` plus the violation) on the first violation.
void guard_yaml_text(std::string_view text, const std::string& file, Problems& problems);

}  // namespace rampup::detail
