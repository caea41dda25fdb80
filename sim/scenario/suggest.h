// Internal to sim/scenario. "Did you mean ...?" for unknown keys.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rampup::detail {

// Optimal-string-alignment (restricted Damerau-Levenshtein) distance: insertions, deletions,
// substitutions and transpositions of adjacent characters each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The valid key closest to `key`, if it is close: same letters ignoring case, a prefix up to an
// underscore (`mean` -> `mean_pct`), or within max(1, min(3, length / 3)) edits. Ties go to the
// first in `valid`.
std::optional<std::string> closest_key(std::string_view key,
                                       std::span<const std::string_view> valid);

}  // namespace rampup::detail
