// The copies of the member-year lanes, one per instruction set (member_year_lanes.cpp).
#pragma once

#include <cstdint>

#include "models/member_year_variates.h"

namespace rampup {
namespace generic {
void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);
}
namespace avx2 {
void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);
}
namespace avx512 {
void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);
}
}  // namespace rampup
