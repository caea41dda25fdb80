// The code compiled once per instruction set (sim/engine/CMakeLists.txt: member_year_lanes.cpp
// and value_lanes.cpp as generic, avx2 and avx512), and the choice of one for this CPU
// (lanes_dispatch.cpp). Every copy gives the same bits (lane_math.h).
#pragma once

#include <cstdint>

#include "models/member_year_variates.h"
#include "sim/engine/value_lanes.h"

namespace rampup {

enum class InstructionSet { generic, avx2, avx512 };
InstructionSet lanes_instruction_set();  // the widest this CPU has, decided once

namespace generic {
void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);
void bin_and_sum(const double* x, int n, const ValueBinning& binning, BinnedValues& out);
}  // namespace generic
namespace avx2 {
void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);
void bin_and_sum(const double* x, int n, const ValueBinning& binning, BinnedValues& out);
}  // namespace avx2
namespace avx512 {
void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);
void bin_and_sum(const double* x, int n, const ValueBinning& binning, BinnedValues& out);
}  // namespace avx512

}  // namespace rampup
