// Model v2's members of one trial, MEMBER_LANES at a time, and the trial's outcomes: the
// models' own equations (models/trial_v2.h simulate_all_members_v2) instantiated for a vector of
// doubles. This file is compiled once per instruction set (sim/engine/CMakeLists.txt), without
// fused multiply-adds, so that every lane gives the bits of the scalar code.
#include "models/trial_v2.h"
#include "sim/engine/lane_math.h"
#include "sim/engine/lanes.h"

namespace rampup::RAMPUP_LANES_ISA {

void simulate_member_lanes_v2(const PreparedModel& prepared, const TrialAlliance& trial,
                              const MemberYearVariates& variates, TrialOutcome& out) {
  static_assert(lane::WIDTH == MEMBER_LANES);
  rampup::simulate_all_members_v2<lane::Doubles>(prepared, trial, variates, out);
}

}  // namespace rampup::RAMPUP_LANES_ISA
