// The member-year variates of one trial (models/member_year_variates.h), drawn many member-years
// at a time in SIMD lanes (docs/MODEL.md §6).
//
// Generator: Philox4x32-10 (Salmon et al., SC11), key = seed, counter = (member | year << 16,
// stream | block << 16, trial low 32 bits, trial high 32 bits): every variate is a pure function
// of (seed, trial, member, year, stream, word position), independent of thread count, shard
// split and of what other streams consume. Word order of a member-year's block sequence:
//   growth, adjustment (unit-variance Student-t with dof = 2k degrees of freedom; 0: normal):
//     dof 4-10: X = the median of uniforms 0..2k-2, a Beta(k, k) variate, and
//       t = sqrt(dof - 2) (X - 1/2) / sqrt(X (1 - X));
//     dof 12-64: G1 = -log(product of uniforms 0..k-1), G2 = the same of uniforms k..2k-1,
//       t = sqrt(dof - 2) (G1 - G2) / (2 sqrt(G1 G2)) (X = G1 / (G1 + G2) ~ Beta(k, k));
//     dof 0: Z = sqrt(-2 log U) cos(2 pi V) of uniforms 0 and 1 (Box & Muller 1958).
//     No rejection; one block for dof <= 6. Uniforms are (j + 1/2) / 2^32 of a 32-bit word j,
//     so |Z| <= sqrt(2 log 2^33) = 6.76 (a normal exceeds that with probability 1.4e-11) and
//     |t| <= sqrt(dof - 2) 2^15.5 (exceeded with probability below 1e-18 at dof 4).
//   election: word 0 the election uniform, word 1 the compliance uniform, word 2 the one-off
//     uniform U and word 3 the one-off size's uniform V (size / mean = -log V); in the start year
//     (no one-offs) words 2 and 3 give the member effect's normal instead, sqrt(-2 log V) cos(2 pi
//     U) (Box & Muller).
// The arithmetic is IEEE +, -, *, /, sqrt only (models/elementary.h): the same bits whatever
// vector width the CPU offers.
#pragma once

#include <cstdint>

#include "models/member_year_variates.h"

namespace rampup {

void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out);

}  // namespace rampup
