// The random variates of every member of one trial (model v2), drawn before the member loops
// so that a generator can fill them many member-years at a time (in SIMD lanes). Year-major:
// index y * padded + m, with padded = padded_member_count(members), so that a year's members are
// consecutive. The padding members' variates are unused (the lanes draw them; the fixed test
// draws leave them 0).
#pragma once

#include <cstddef>
#include <vector>

namespace rampup {

// Members are simulated MEMBER_LANES at a time (one per SIMD lane, sim/engine/member_lanes.cpp);
// member-wise arrays are padded to a multiple of it.
inline constexpr int MEMBER_LANES = 8;
inline int padded_member_count(int members) {
  return (members + MEMBER_LANES - 1) / MEMBER_LANES * MEMBER_LANES;
}

// What the variates are drawn for.
struct MemberYearShape {
  int start_year = 0;
  int growth_dof = 0;  // 0 (normal) or even >= 4
  int noise_dof = 0;   // 0 (normal) or even >= 4
};

struct MemberYearVariates {
  int members = 0;
  int padded = 0;  // members rounded up to a multiple of MEMBER_LANES
  int years = 0;
  std::vector<double> growth_shock;      // unit-variance Student-t(growth_tail_dof), e_t of §1
  std::vector<double> adjustment_noise;  // unit-variance Student-t(noise_dof); unused at y = 0
  std::vector<double> election_u;        // uniform (0, 1): government change in an election year
  std::vector<double> compliance_u;      // uniform (0, 1): compliance jump and landing point
  std::vector<double> one_off_u;         // uniform (0, 1): a one-off payment or not
  std::vector<double> one_off_size_u;    // uniform (0, 1) V: the one-off's size / mean is -log V
  std::vector<double> member_normal;     // per member (index m): standard normal of u_i

  std::size_t index(int member, int year_index) const {
    return static_cast<std::size_t>(year_index) * padded + member;
  }

  void resize(int member_count, int year_count) {
    members = member_count;
    padded = padded_member_count(member_count);
    years = year_count;
    const auto n = static_cast<std::size_t>(padded) * year_count;
    for (auto* v : {&growth_shock, &adjustment_noise, &election_u, &compliance_u, &one_off_u,
                    &one_off_size_u}) {
      v->assign(n, 0);
    }
    member_normal.assign(static_cast<std::size_t>(padded), 0);
  }
};

}  // namespace rampup
