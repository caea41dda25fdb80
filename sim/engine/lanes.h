// The code compiled once per instruction set (sim/engine/CMakeLists.txt: member_year_lanes.cpp,
// member_lanes.cpp and value_lanes.cpp as generic, avx2 and avx512), and the choice of one for this
// CPU (lanes_dispatch.cpp). Every copy gives the same bits (models/elementary.h, lane_math.h;
// tests/engine/check_isa_confinement.sh checks that AVX code stays in the AVX copies).
#pragma once

#include <cstdint>

#include "models/member_year_variates.h"
#include "models/prepared_model.h"
#include "sim/engine/value_lanes.h"

namespace rampup {

enum class InstructionSet { generic, avx2, avx512 };
InstructionSet lanes_instruction_set();  // the widest this CPU has, decided once

// Model v2's members of one trial and its outcomes in lanes, with the copy for this CPU (a
// MemberLoop, models/prepared_model.h).
void simulate_member_lanes_v2(const PreparedModel& prepared, const TrialAlliance& trial,
                              const MemberYearVariates& variates, TrialOutcome& out);

namespace generic {
void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);
void bin_and_sum(const double* x, int n, const ValueBinning& binning, BinnedValues& out);
void count_ones(const double* x, const std::uint64_t* counted, int n, std::uint64_t* counts);
void simulate_member_lanes_v2(const PreparedModel& prepared, const TrialAlliance& trial,
                              const MemberYearVariates& variates, TrialOutcome& out);
}  // namespace generic
namespace avx2 {
void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);
void bin_and_sum(const double* x, int n, const ValueBinning& binning, BinnedValues& out);
void count_ones(const double* x, const std::uint64_t* counted, int n, std::uint64_t* counts);
void simulate_member_lanes_v2(const PreparedModel& prepared, const TrialAlliance& trial,
                              const MemberYearVariates& variates, TrialOutcome& out);
}  // namespace avx2
namespace avx512 {
void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);
void bin_and_sum(const double* x, int n, const ValueBinning& binning, BinnedValues& out);
void count_ones(const double* x, const std::uint64_t* counted, int n, std::uint64_t* counts);
void simulate_member_lanes_v2(const PreparedModel& prepared, const TrialAlliance& trial,
                              const MemberYearVariates& variates, TrialOutcome& out);
}  // namespace avx512

}  // namespace rampup
