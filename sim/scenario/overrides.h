// Internal to sim/scenario. --set KEY=VALUE overrides applied to the merged tree.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/extends.h"
#include "sim/scenario/tree.h"

namespace rampup::detail {

// The location file name of override problems; line N is the N-th override, the column counts
// within its KEY=VALUE text.
inline constexpr const char* OVERRIDE_FILE = "--set";

// Sets each dotted KEY of `root` to VALUE parsed as YAML (replacing what was there, creating
// mappings on the way) and appends "# --- set: KEY=VALUE" lines to context.text. Malformed
// overrides and unparsable values are added to context.problems; the rest still apply.
void apply_overrides(TreeNode& root, const std::vector<std::string>& overrides,
                     LoadContext& context);

}  // namespace rampup::detail
