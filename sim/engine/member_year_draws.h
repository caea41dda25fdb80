// The member-year variates of one trial (models/member_year_variates.h), drawn many member-years
// at a time in SIMD lanes (docs/MODEL.md §6).
//
// Generator: Philox4x32-10 (Salmon et al., SC11), key = seed, counter = (member | year << 16,
// stream | block << 16, trial low 32 bits, trial high 32 bits): every variate is a pure function
// of (seed, trial, member, year, stream, word position), independent of thread count, shard
// split and of what other streams consume. Word order of a member-year's block sequence:
//   growth, adjustment: word 0 a uniform U, word 1 a uniform V, words 2.. the dof/2 uniforms
//     of the chi-squared; Z = sqrt(-2 log U) cos(2 pi V) (Box & Muller 1958), and
//     t / sd(t) = Z sqrt((dof - 2) / chi2), chi2 = -2 log(product of the dof/2 uniforms)
//     (Devroye 1986, §IX.3; as models/distributions.h). One block for dof <= 4. Uniforms are
//     (k + 1/2) / 2^32 of a 32-bit word k, so |Z| <= sqrt(2 log 2^33) = 6.76 (a normal exceeds
//     that with probability 1.4e-11).
//   election: word 0 the election uniform, word 1 the compliance uniform.
// The arithmetic is IEEE +, -, *, /, sqrt only (sim/engine/lane_math.h): the same bits whatever
// vector width the CPU offers.
#pragma once

#include <cstdint>

#include "models/member_year_variates.h"

namespace rampup {

void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);

}  // namespace rampup
