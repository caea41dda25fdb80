#include "sim/results/run_info.h"

#include <cmath>

#include "models/plan.h"
#include "sim/version.h"

namespace rampup {

RunInfo make_run_info(const ModelParams& model, std::uint64_t seed, std::uint64_t total,
                      std::uint64_t begin, std::uint64_t end) {
  RunInfo info;
  info.software_version = SOFTWARE_VERSION;
  info.git_commit = GIT_COMMIT;
  info.library_versions = LIBRARY_VERSIONS;
  info.seed = seed;
  info.trials_total = total;
  info.trial_begin = begin;
  info.trial_end = end;
  for (const MemberParams& m : model.members) {
    info.member_ids.push_back(m.iso3);
    info.member_names.push_back(m.name);
    info.armed_forces.push_back(m.has_armed_forces);
    info.gdp_base_usd_bn.push_back(m.gdp_base_usd_bn);
  }
  info.start_year = model.start_year;
  info.end_year = model.end_year;
  info.targets = model.targets;
  for (const MemberParams& m : model.members) {
    for (int y = info.start_year; y <= info.end_year; ++y) {
      info.core_plan_pct.push_back(m.has_armed_forces ? planned_share_pct(m.spending.core_plan, y)
                                                      : std::nan(""));
    }
    info.core_plan_announced.push_back(m.has_armed_forces && m.spending.core_plan_announced);
  }
  return info;
}

ModelParams coordinates_model(const RunInfo& info) {
  ModelParams model;
  model.start_year = info.start_year;
  model.end_year = info.end_year;
  model.targets = info.targets;
  for (int m = 0; m < info.members(); ++m) {
    MemberParams p;
    p.iso3 = info.member_ids[m];
    p.name = info.member_names[m];
    p.has_armed_forces = info.armed_forces[m] != 0;
    p.gdp_base_usd_bn = info.gdp_base_usd_bn[m];
    model.members.push_back(p);
  }
  return model;
}

}  // namespace rampup
