// Small hand-made models and fake draws for unit tests.
#pragma once

#include <vector>

#include "models/draws.h"
#include "models/params.h"

namespace rampup::testing {

// Two members with feasible plans; every random mechanism switched off.
inline ModelParams quiet_model() {
  ModelParams p;
  p.start_year = 2025;
  p.end_year = 2035;
  p.shocks = {0.0, 0.0, 0.0, 0.0, 0};
  auto quiet_member = [&](const char* iso3, double gdp, double start, std::vector<PlanPoint> plan) {
    MemberParams m;
    m.iso3 = iso3;
    m.name = iso3;
    m.gdp_base_usd_bn = gdp;
    m.debt_pct_gdp = 50.0;
    m.core_share_start_pct = start;
    m.related_share_start_pct = 0.5;
    m.growth = {2.0, 0.0, 0.5, 0.5, 0.0, 3.0};  // AR start away from the mean on purpose
    m.will.initial = m.will.baseline = 0.7;  // above will_full (0.5): plans fully funded
    m.will.baseline_sd = 0.0;
    m.will.reversion = 0.3;
    m.will.volatility = 0.0;
    m.will.threat_exposure = 0.5;
    m.will.election_change_prob = 0.0;
    m.will.election_jump_sd = 0.0;
    m.will.debt_stress = 0.0;
    m.will.recession_stress = 0.0;
    m.spending.core_plan = std::move(plan);
    m.spending.related_plan = {{2025, 0.5}, {2035, 1.5}};
    m.spending.max_rise_pp_per_year = 0.3;
    m.spending.reclassification_prob = 0.0;
    return m;
  };
  p.members.push_back(quiet_member("DEU", 4000.0, 2.4, {{2025, 2.4}, {2029, 3.5}, {2035, 3.5}}));
  p.members.push_back(quiet_member("USA", 29000.0, 3.2, {{2025, 3.2}, {2035, 3.2}}));
  p.members.push_back(quiet_member("ESP", 1700.0, 2.0, {{2025, 2.0}, {2030, 2.1}}));
  return p;
}

// The quiet model with every random mechanism switched on (default alliance shocks).
inline ModelParams noisy_model() {
  ModelParams model = quiet_model();
  model.shocks = ShockParams{};
  for (auto& m : model.members) {
    m.growth.sd_pct = 2.0;
    m.will.volatility = 0.4;
    m.will.election_change_prob = 0.3;
    m.election_years = {2027, 2031};
    m.spending.reclassification_prob = 0.1;
  }
  return model;
}

// Draws with fixed values: every normal is `z`, every uniform `u`.
struct FixedDraws {
  double z = 0.0;
  double u = 0.5;
  struct Slot {
    double z, u;
    double normal() { return z; }
    double uniform() { return u; }
  };
  Slot slot(int, int, Stream) const { return {z, u}; }
};

}  // namespace rampup::testing
