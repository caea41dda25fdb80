// The yearly random variates of every member of one trial (model v2), drawn together before the
// member loops so that a generator can fill them many member-years at a time (in SIMD lanes).
// Index m * years + y, as TrialOutcome.
#pragma once

#include <cstddef>
#include <vector>

namespace rampup {

// What the variates are drawn for.
struct MemberYearShape {
  int start_year = 0;
  int growth_dof = 0;  // 0 (normal) or even >= 4
  int noise_dof = 0;   // 0 (normal) or even >= 4
};

struct MemberYearVariates {
  int members = 0;
  int years = 0;
  std::vector<double> growth_shock;      // unit-variance Student-t(growth_tail_dof), e_t of §1
  std::vector<double> adjustment_noise;  // unit-variance Student-t(noise_dof); unused at y = 0
  std::vector<double> election_u;        // uniform (0, 1): government change in an election year
  std::vector<double> compliance_u;      // uniform (0, 1): compliance jump and landing point

  void resize(int member_count, int year_count) {
    members = member_count;
    years = year_count;
    const auto n = static_cast<std::size_t>(member_count) * year_count;
    for (auto* v : {&growth_shock, &adjustment_noise, &election_u, &compliance_u}) v->assign(n, 0);
  }
};

}  // namespace rampup
