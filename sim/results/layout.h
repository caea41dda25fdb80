// Shared pieces of the results layout: the member/year coordinates every group carries
// (docs/FORMAT.md client step 5); the statistics' own dimensions come from their descriptors
// (sim/engine/statistics.h).
#pragma once

#include <string>
#include <vector>

#include "sim/engine/outcome_stats.h"
#include "sim/hdf5/group.h"
#include "sim/results/run_info.h"

namespace rampup {

// Adds dims `member` (ISO3 strings; display names in its attribute `member_names`, joined by
// '|') and `year` (int32), and the per-member variables `armed_forces` and `gdp_base_usd_bn`.
void add_member_year_dimensions(h5::Group& g, const RunInfo& info);

// Reads those back into info (member ids, names, armed forces, base GDP).
void read_member_coordinates(const h5::Group& g, RunInfo& info);

// Writes the /summary group.
void write_summary(h5::Group& g, const RunInfo& info, const OutcomeStats& stats);

}  // namespace rampup
