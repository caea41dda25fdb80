// Plain parameter structs of the ramp-up model. Units are in the names; equations and sources
// are in docs/MODEL.md. No I/O here: sim/scenario fills these from YAML.
#pragma once

#include <string>
#include <vector>

namespace rampup {

inline constexpr int MAX_YEARS = 64;  // horizon limit (checked by the scenario loader)

// A point of an announced or default plan: share of GDP (%) to reach in a calendar year.
struct PlanPoint {
  int year = 0;
  double share_pct_gdp = 0.0;
};

// Real GDP growth of one member: AR(1) around a mean, one-factor correlated fat-tailed shocks
// (docs/MODEL.md §1; calibrated by analysis/calibrate.py from data/real_growth.csv).
struct GrowthParams {
  double mean_pct = 2.0;        // long-run mean real growth, % per year
  double sd_pct = 2.0;          // stationary sd of growth outside recessions, % per year
  double persistence = 0.3;     // AR(1) coefficient, dimensionless, in [0, 1)
  double common_loading = 0.5;  // share of innovation variance from the alliance factor, [0, 1]
  double recession_depth_pct = 3.0;  // growth lost in an alliance-wide recession year, pp
  double last_growth_pct = 2.0;      // observed growth in the year before the start, % (AR start)
};

// Political will for defence of one member, in (0, 1), a mean-reverting logit process
// (docs/MODEL.md §2).
struct WillParams {
  double initial = 0.6;          // will in the start year
  double baseline = 0.6;         // long-run level will reverts to
  double baseline_sd = 0.0;      // uncertainty of that level: sd of a per-trial logit offset
  double reversion = 0.3;        // fraction of the logit gap closed per year, [0, 1]
  double volatility = 0.3;       // sd of yearly logit shocks
  double threat_exposure = 0.5;  // multiplier on alliance threat shocks, [0, 1] (frontline = 1)
  double election_change_prob = 0.35;  // chance an election changes the government, [0, 1]
  double election_jump_sd = 0.8;       // sd of the logit jump when the government changes
  double debt_stress = 0.0;            // logit pull per year per 100 pp of debt above 60% of GDP
  double recession_stress = 0.3;       // logit drop in a recession year
};

// How announced plans become realised spending (docs/MODEL.md §3).
struct SpendingParams {
  std::vector<PlanPoint> core_plan;     // core (NATO-definition) share path, % of GDP
  bool core_plan_announced = false;     // core_plan was given (member or defaults), not default
  std::vector<PlanPoint> related_plan;  // defence-related share path, % of GDP (≤ 1.5 counts)
  double max_rise_pp_per_year = 0.3;    // absorption cap on core increases, pp of GDP per year
  double max_cut_pp_per_year = 0.2;     // largest core cut in a year, pp of GDP
  double will_full = 0.5;               // will at or above which the plan is fully funded
  double will_stall = 0.3;              // will below which spending is cut
  double related_max_rise_pp_per_year = 0.5;  // cap on increases of the related category
  double reclassification_prob = 0.1;         // yearly hazard of the one-off reclassification jump
  double reclassification_pp = 0.3;           // size of that jump, pp of GDP
  // Model v2 (docs/MODEL.md v2.2): year the core plan was adopted (0 = the start year), and
  // budget laws already adopted for given years (the year's core share, % of GDP).
  int plan_adopted_year = 0;
  std::vector<PlanPoint> adopted_budget;
};

struct MemberParams {
  std::string iso3;
  std::string name;
  bool has_armed_forces = true;  // Iceland: false; excluded from spending statistics
  std::vector<int> election_years;
  double gdp_base_usd_bn = 0.0;          // GDP in the year before the start, constant USD bn
  double debt_pct_gdp = 0.0;             // general government gross debt, % of GDP (held fixed)
  double core_share_start_pct = 0.0;     // core defence share in the start year, % of GDP
  double related_share_start_pct = 0.0;  // defence-related share in the start year, % of GDP
  GrowthParams growth;
  WillParams will;
  SpendingParams spending;
  // Model v2 (docs/MODEL.md v2.2).
  double proximity = 0.0;       // proximity index to Russian forces x_i, [0, 1]
  double baseline_pct = 0.0;    // calm-regime desired share b_i, % of GDP
  bool regime_response = true;  // false: no threat-regime uplift (the USA)
};

// Alliance-wide shocks (docs/MODEL.md §4).
struct ShockParams {
  double recession_prob = 0.08;    // yearly probability of an alliance-wide recession
  double threat_prob = 0.15;       // yearly probability of a threat shock (e.g. escalation)
  double threat_logit_mean = 0.8;  // mean logit rise of will on a fully exposed member
  double threat_logit_sd = 0.3;    // sd of that rise
  int growth_tail_dof = 4;         // Student-t degrees of freedom of growth shocks (even, ≥ 4),
                                   // 0 = normal shocks
};

struct Targets {
  double core_pct = 3.5;         // Hague core target, % of GDP
  double related_cap_pct = 1.5;  // related spending counted towards the total, at most
  double total_pct = 5.0;        // Hague total target, % of GDP
  int target_year = 2035;
  int review_year = 2029;
};

// Threat regime of the alliance (docs/MODEL.md v2.1).
enum class Regime : unsigned char { calm = 0, elevated = 1, acute = 2 };
inline constexpr int REGIME_COUNT = 3;

// One row of the calibration file: every pooled parameter of model v2 (docs/MODEL.md v2.3).
// Defaults are the pre-registered priors' central values (docs/MODEL.md v2.5).
struct ParameterDraw {
  double lambda_calm = 0.17, lambda_elevated = 0.1, lambda_acute = 0.2;  // adjustment, per year
  double alpha_elevated = 0.0, alpha_acute = 0.0;    // uplift at proximity 0, pp
  double theta_elevated = 1.0, theta_acute = 1.7;    // extra uplift at proximity 1, pp
  double delta_elevated = -0.3, delta_acute = -0.3;  // uplift per unit fiscal stress, pp
  double sigma_calm = 0.2, sigma_elevated = 0.22, sigma_acute = 0.26;  // noise sd, pp
  double noise_dof = 4;                                                // Student-t dof, 0 = normal
  double tau_member = 0.05;  // sd of member level effect, pp
  double kappa_0 = 0.0, kappa_lead = 0.15, kappa_debt = 1.0, kappa_us = 0.5, kappa_deadline = 1.0,
         kappa_government = 1.0;  // credibility, logit units
  double compliance_0 = -3.5, compliance_deadline = 2.5, compliance_review = 1.0,
         compliance_us = 1.0;        // jump hazard, logit units
  double compliance_reach_pp = 0.8;  // reach band below target, pp
  double one_off_prob = 0.02, one_off_mean_pp = 0.5, one_off_reversal = 0.9;
  double budget_execution_sd = 0.15;  // adopted-budget noise, pp

  double lambda(Regime r) const {
    return r == Regime::calm ? lambda_calm : r == Regime::elevated ? lambda_elevated : lambda_acute;
  }
  double sigma(Regime r) const {
    return r == Regime::calm ? sigma_calm : r == Regime::elevated ? sigma_elevated : sigma_acute;
  }
};

// Alliance-level settings of model v2 (docs/MODEL.md v2.1).
struct BehaviourParams {
  int version = 1;                   // 1: will model (§2-3); 2: behavioural model v2
  std::vector<ParameterDraw> draws;  // rows of the calibration file (v2: at least one)
  Regime start_regime = Regime::elevated;
  double transition[REGIME_COUNT][REGIME_COUNT] = {
      {0.93, 0.05, 0.02}, {0.05, 0.87, 0.08}, {0.00, 0.10, 0.90}};  // rows: from, cols: to
  std::vector<int> us_pressure_years;                               // years of known US pressure
  int us_pressure_known_until = 0;     // later years: drawn per presidential term
  double us_pressure_term_prob = 0.5;  // P(pressure) in a later term
};

struct ModelParams {
  int start_year = 2025;  // first simulated year (its shares are the observed start)
  int end_year = 2035;    // last simulated year, inclusive
  Targets targets;
  ShockParams shocks;
  BehaviourParams behaviour;
  std::vector<MemberParams> members;

  int year_count() const { return end_year - start_year + 1; }
  int member_count() const { return static_cast<int>(members.size()); }
};

}  // namespace rampup
