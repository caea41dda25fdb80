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
    m.will.initial = m.will.baseline = 0.7;     // above will_full (0.5): plans fully funded
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

// Model v2 on the quiet model: one parameter row with every noise term off, no one-offs, no
// compliance jumps, credibility exactly 1 (logistic(40) rounds to 1), large caps, elevated regime
// throughout (u = 0.5 keeps the elevated row of the default transition matrix in place).
inline ModelParams quiet_model_v2() {
  ModelParams p = quiet_model();
  p.behaviour.version = 2;
  ParameterDraw d;
  d.lambda_calm = d.lambda_elevated = d.lambda_acute = 0.25;
  d.alpha_elevated = 0.2;
  d.theta_elevated = 1.0;
  d.delta_elevated = -0.5;
  d.sigma_calm = d.sigma_elevated = d.sigma_acute = 0.0;
  d.tau_member = 0.0;
  d.kappa_0 = 40.0;
  d.kappa_lead = d.kappa_debt = d.kappa_us = d.kappa_deadline = d.kappa_government = 0.0;
  d.compliance_0 = -40.0;
  d.compliance_deadline = d.compliance_review = d.compliance_us = 0.0;
  d.one_off_prob = 0.0;
  d.budget_execution_sd = 0.0;
  p.behaviour.draws = {d};
  p.behaviour.start_regime = Regime::elevated;
  const double proximity[] = {0.74, 0.0, 0.1};
  const double baseline[] = {1.2, 3.3, 1.0};
  for (std::size_t i = 0; i < p.members.size(); ++i) {
    MemberParams& m = p.members[i];
    m.proximity = proximity[i];
    m.baseline_pct = baseline[i];
    m.spending.max_rise_pp_per_year = 5.0;
    m.spending.max_cut_pp_per_year = 5.0;
  }
  p.members[1].regime_response = false;  // the USA
  return p;
}

// Model v2 with every random mechanism on: the noisy model's growth, shocks and elections, three
// parameter rows (prior centres, then faster and slower), US pressure drawn per term.
inline ModelParams noisy_model_v2() {
  ModelParams p = noisy_model();
  const ModelParams quiet = quiet_model_v2();
  p.behaviour.version = 2;
  ParameterDraw d;  // the priors' central values (models/params.h)
  d.one_off_prob = 0.1;
  d.compliance_0 = -1.0;
  ParameterDraw fast = d, slow = d;
  fast.lambda_elevated = fast.lambda_acute = 0.3;
  slow.lambda_elevated = slow.lambda_acute = 0.03;
  p.behaviour.draws = {d, fast, slow};
  p.behaviour.us_pressure_years = {2025, 2026, 2027, 2028};
  p.behaviour.us_pressure_known_until = 2028;
  for (std::size_t i = 0; i < p.members.size(); ++i) {
    p.members[i].proximity = quiet.members[i].proximity;
    p.members[i].baseline_pct = quiet.members[i].baseline_pct;
    p.members[i].regime_response = quiet.members[i].regime_response;
  }
  p.members[2].spending.adopted_budget = {{2026, 2.1}};
  return p;
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
