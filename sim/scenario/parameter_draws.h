// Internal to sim/scenario. The calibration file of model v2 (`model.parameter_draws`): a CSV
// with a header of the columns of docs/MODEL.md v2.3 (any order, each once) and one row per
// bootstrap replicate. Every problem is reported with the file, line, column and column name.
#pragma once

#include <string>
#include <vector>

#include "models/params.h"
#include "sim/scenario/problems.h"

namespace rampup::detail {

inline constexpr std::size_t PARAMETER_DRAWS_MAX_ROWS = 1000000;

// Parses `text` (the contents of `file`); rows with problems are reported and left out.
std::vector<ParameterDraw> parse_parameter_draws(const std::string& text, const std::string& file,
                                                 Problems& problems);

}  // namespace rampup::detail
