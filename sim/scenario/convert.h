// Internal to sim/scenario. The merged, overridden tree -> Scenario: validation and conversion in
// one pass over the schema, every problem collected.
#pragma once

#include <vector>

#include "models/params.h"
#include "sim/scenario/field_reader.h"
#include "sim/scenario/problems.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/tree.h"

namespace rampup::detail {

// Fills name, description, run and model (not source_path, text, text_sha256); the text of any
// further file read (the calibration CSV) is appended to `extra_text` after a header line.
Scenario convert_scenario(const TreeNode& root, Problems& problems, std::string& extra_text);

// Reads the `model` block (version, model v2's alliance settings and calibration file).
void convert_model(FieldReader& top, BehaviourParams& behaviour, std::string& extra_text);

// What members need from the top level.
struct MemberContext {
  int start_year = 2025;
  int plan_min_year = 2025;  // start_year, or YEAR_MIN when start_year itself was invalid
  int model_version = 1;     // v2 members need baseline_pct
  Targets targets;
};

// Reads `defaults` and `members` of the top-level mapping into `out`, in file order.
void convert_members(FieldReader& top, const MemberContext& context,
                     std::vector<MemberParams>& out);

}  // namespace rampup::detail
