// The randomness a trial consumes, as an explicit argument (STYLE.md principle 5).
//
// A `Draws` type hands out one `Slot` per (member, calendar year, stream) of the current trial:
//     auto slot = draws.slot(member, year, Stream::growth);
//     double z = slot.normal();   // standard normal
//     double u = slot.uniform();  // uniform on (0, 1)
// Successive calls on one slot give successive variates of that slot. Every variate is a pure
// function of (seed, trial, member, year, stream, position in slot), so a mechanism that draws
// more or less in one slot never shifts another (common random numbers across scenarios).
// sim/random/philox_draws.h is the production implementation; tests use fixed fakes.
#pragma once

#include <cstdint>

namespace rampup {

enum class Stream : std::uint32_t {
  growth = 0,            // idiosyncratic real-growth shock of a member
  will = 1,              // yearly political-will shock of a member
  election = 2,          // government change in an election year, and its will jump
  reclassification = 3,  // year of the one-off reclassification (drawn at the start year)
  common_growth = 4,     // alliance-wide growth factor (member = ALLIANCE_MEMBER)
  recession = 5,         // alliance-wide recession event
  threat = 6,            // alliance-wide threat shock
  will_baseline = 7,     // per-trial offset of a member's long-run will (drawn at the start year)
  // Model v2 (docs/MODEL.md v2).
  regime = 8,          // alliance threat-regime transition (member = ALLIANCE_MEMBER)
  us_pressure = 9,     // US pressure in a presidential term (ALLIANCE_MEMBER, term's first year)
  param_draw = 10,     // the trial's calibration row (ALLIANCE_MEMBER, start year)
  member_effect = 11,  // member level effect u_i (fixed test draws; Philox: the event block)
  one_off = 12,        // one-off payments, per year (fixed test draws; Philox: the event block)
  compliance = 13,     // deadline/review compliance jump and its landing point
  adjustment = 14,     // yearly noise of the share's adjustment (or of an adopted budget)
};

// Member index used for alliance-wide streams.
inline constexpr int ALLIANCE_MEMBER = 0xFFFF;

}  // namespace rampup
