// Alliance-wide draws of one year shared by both models: the common growth factor and the
// recession event (docs/MODEL.md §4); v1 also draws its threat shock here.
#pragma once

#include "models/distributions.h"
#include "models/draws.h"
#include "models/params.h"

namespace rampup {

struct AllianceYear {
  double common_shock = 0.0;
  bool recession = false;
  double threat_logit = 0.0;
};

template <class Draws>
AllianceYear draw_alliance_year(const ShockParams& p, Draws& draws, int year, bool with_threat) {
  AllianceYear a;
  auto common = draws.slot(ALLIANCE_MEMBER, year, Stream::common_growth);
  a.common_shock = unit_student_t(common, p.growth_tail_dof);
  auto recession = draws.slot(ALLIANCE_MEMBER, year, Stream::recession);
  a.recession = recession.uniform() < p.recession_prob;
  if (!with_threat) return a;  // model v2: the threat regime replaces these shocks
  auto threat = draws.slot(ALLIANCE_MEMBER, year, Stream::threat);
  if (threat.uniform() < p.threat_prob) {
    a.threat_logit = p.threat_logit_mean + p.threat_logit_sd * threat.normal();
  }
  return a;
}

}  // namespace rampup
