// Loading valid scenarios: defaults, every key to its field, default plans, provenance text,
// unreadable files, and the `validate` overview.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario_test_support.h"
#include "sim/scenario/sha256.h"

namespace rampup {
namespace {

using testing::fixture;

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void expect_plan(const std::vector<PlanPoint>& plan, const std::vector<PlanPoint>& expected) {
  ASSERT_EQ(plan.size(), expected.size());
  for (std::size_t i = 0; i < plan.size(); ++i) {
    EXPECT_EQ(plan[i].year, expected[i].year) << "point " << i;
    EXPECT_DOUBLE_EQ(plan[i].share_pct_gdp, expected[i].share_pct_gdp) << "point " << i;
  }
}

TEST(Load, MinimalScenarioTakesEveryDefault) {
  const Scenario s = load_scenario(fixture("good/minimal.yaml"));
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.run.trials, 10000u);
  EXPECT_EQ(s.run.seed, 1u);
  const ModelParams& m = s.model;
  const ModelParams defaults;
  EXPECT_EQ(m.start_year, 2025);
  EXPECT_EQ(m.end_year, 2035);
  EXPECT_DOUBLE_EQ(m.targets.core_pct, 3.5);
  EXPECT_DOUBLE_EQ(m.targets.related_cap_pct, 1.5);
  EXPECT_DOUBLE_EQ(m.targets.total_pct, 5.0);
  EXPECT_EQ(m.targets.target_year, 2035);
  EXPECT_EQ(m.targets.review_year, 2029);
  EXPECT_DOUBLE_EQ(m.shocks.recession_prob, defaults.shocks.recession_prob);
  EXPECT_EQ(m.shocks.growth_tail_dof, 4);
  ASSERT_EQ(m.members.size(), 1u);
  const MemberParams& deu = m.members[0];
  EXPECT_EQ(deu.iso3, "DEU");
  EXPECT_EQ(deu.name, "DEU");  // the name defaults to the code
  EXPECT_TRUE(deu.has_armed_forces);
  EXPECT_DOUBLE_EQ(deu.gdp_base_usd_bn, 4500.0);
  EXPECT_DOUBLE_EQ(deu.core_share_start_pct, 2.1);
  EXPECT_DOUBLE_EQ(deu.related_share_start_pct, 0.0);
  EXPECT_DOUBLE_EQ(deu.debt_pct_gdp, 0.0);
  EXPECT_TRUE(deu.election_years.empty());
  const MemberParams plain;
  EXPECT_DOUBLE_EQ(deu.growth.mean_pct, plain.growth.mean_pct);
  EXPECT_DOUBLE_EQ(deu.growth.last_growth_pct, deu.growth.mean_pct);
  EXPECT_DOUBLE_EQ(deu.will.initial, plain.will.initial);
  EXPECT_DOUBLE_EQ(deu.will.volatility, plain.will.volatility);
  EXPECT_DOUBLE_EQ(deu.spending.will_full, plain.spending.will_full);
  EXPECT_DOUBLE_EQ(deu.spending.will_stall, plain.spending.will_stall);
  // Default plans: linear from the start share (2025) to the targets at target_year (2035).
  expect_plan(deu.spending.core_plan, {{2025, 2.1}, {2035, 3.5}});
  expect_plan(deu.spending.related_plan, {{2025, 0.0}, {2035, 1.5}});
}

TEST(Load, EveryKeyLandsInItsField) {
  const Scenario s = load_scenario(fixture("good/complete.yaml"));
  EXPECT_EQ(s.description, "every key set");
  EXPECT_EQ(s.run.trials, 1234u);
  EXPECT_EQ(s.run.seed, 18446744073709551615u);
  const ModelParams& m = s.model;
  EXPECT_EQ(m.start_year, 2024);
  EXPECT_EQ(m.end_year, 2040);
  EXPECT_DOUBLE_EQ(m.targets.core_pct, 3.0);
  EXPECT_DOUBLE_EQ(m.targets.related_cap_pct, 1.0);
  EXPECT_DOUBLE_EQ(m.targets.total_pct, 4.0);
  EXPECT_EQ(m.targets.target_year, 2038);
  EXPECT_EQ(m.targets.review_year, 2030);
  EXPECT_DOUBLE_EQ(m.shocks.recession_prob, 0.1);
  EXPECT_DOUBLE_EQ(m.shocks.threat_prob, 0.2);
  EXPECT_DOUBLE_EQ(m.shocks.threat_logit_mean, -0.5);
  EXPECT_DOUBLE_EQ(m.shocks.threat_logit_sd, 0.4);
  EXPECT_EQ(m.shocks.growth_tail_dof, 0);
  ASSERT_EQ(m.members.size(), 1u);
  const MemberParams& p = m.members[0];
  EXPECT_EQ(p.iso3, "FRA");
  EXPECT_EQ(p.name, "France");
  EXPECT_TRUE(p.has_armed_forces);
  EXPECT_DOUBLE_EQ(p.gdp_base_usd_bn, 3000.5);
  EXPECT_DOUBLE_EQ(p.debt_pct_gdp, 110.0);
  EXPECT_DOUBLE_EQ(p.core_share_start_pct, 2.05);
  EXPECT_DOUBLE_EQ(p.related_share_start_pct, 0.3);
  EXPECT_EQ(p.election_years, (std::vector<int>{2027, 2032}));  // sorted
  const GrowthParams& g = p.growth;
  EXPECT_DOUBLE_EQ(g.mean_pct, 1.1);
  EXPECT_DOUBLE_EQ(g.sd_pct, 1.2);
  EXPECT_DOUBLE_EQ(g.persistence, 0.4);
  EXPECT_DOUBLE_EQ(g.common_loading, 0.6);
  EXPECT_DOUBLE_EQ(g.recession_depth_pct, 2.5);
  EXPECT_DOUBLE_EQ(g.last_growth_pct, 0.9);
  const WillParams& w = p.will;
  EXPECT_DOUBLE_EQ(w.initial, 0.51);
  EXPECT_DOUBLE_EQ(w.baseline, 0.52);
  EXPECT_DOUBLE_EQ(w.reversion, 0.53);
  EXPECT_DOUBLE_EQ(w.volatility, 0.54);
  EXPECT_DOUBLE_EQ(w.threat_exposure, 0.55);
  EXPECT_DOUBLE_EQ(w.election_change_prob, 0.56);
  EXPECT_DOUBLE_EQ(w.election_jump_sd, 0.57);
  EXPECT_DOUBLE_EQ(w.debt_stress, 0.58);
  EXPECT_DOUBLE_EQ(w.recession_stress, 0.59);
  const SpendingParams& sp = p.spending;
  expect_plan(sp.core_plan, {{2024, 2.05}, {2030, 3.0}});
  expect_plan(sp.related_plan, {{2024, 0.3}, {2038, 1.0}});
  EXPECT_DOUBLE_EQ(sp.max_rise_pp_per_year, 0.31);
  EXPECT_DOUBLE_EQ(sp.max_cut_pp_per_year, 0.21);
  EXPECT_DOUBLE_EQ(sp.will_full, 0.61);
  EXPECT_DOUBLE_EQ(sp.will_stall, 0.29);
  EXPECT_DOUBLE_EQ(sp.related_max_rise_pp_per_year, 0.51);
  EXPECT_DOUBLE_EQ(sp.reclassification_prob, 0.11);
  EXPECT_DOUBLE_EQ(sp.reclassification_pp, 0.32);
}

TEST(Load, DefaultsBlocksApplyToEveryMemberBeforeItsOwnKeys) {
  const Scenario s = load_scenario(fixture("good/defaults.yaml"));
  EXPECT_EQ(s.run.trials, 500u);
  EXPECT_EQ(s.run.seed, 42u);
  const auto& members = s.model.members;
  ASSERT_EQ(members.size(), 3u);
  // File order, not alphabetical.
  EXPECT_EQ(members[0].iso3, "POL");
  EXPECT_EQ(members[1].iso3, "ESP");
  EXPECT_EQ(members[2].iso3, "ISL");

  const MemberParams& pol = members[0];
  EXPECT_EQ(pol.name, "Poland");
  EXPECT_DOUBLE_EQ(pol.growth.mean_pct, 1.5);         // from defaults
  EXPECT_DOUBLE_EQ(pol.growth.last_growth_pct, 1.5);  // = the member's mean_pct
  EXPECT_DOUBLE_EQ(pol.will.initial, 0.8);            // own value beats the default
  EXPECT_DOUBLE_EQ(pol.will.volatility, 0.25);        // from defaults
  EXPECT_DOUBLE_EQ(pol.will.baseline, 0.6);           // built-in default
  EXPECT_DOUBLE_EQ(pol.spending.will_full, 0.6);      // from defaults
  EXPECT_EQ(pol.election_years, (std::vector<int>{2027, 2031}));
  expect_plan(pol.spending.core_plan, {{2025, 4.1}, {2035, 4.1}});  // flat: above 3.5 already
  expect_plan(pol.spending.related_plan, {{2025, 0.4}, {2035, 1.5}});

  const MemberParams& esp = members[1];
  EXPECT_DOUBLE_EQ(esp.debt_pct_gdp, 105.0);
  EXPECT_DOUBLE_EQ(esp.growth.mean_pct, 2.4);
  EXPECT_DOUBLE_EQ(esp.growth.last_growth_pct, 3.1);
  EXPECT_DOUBLE_EQ(esp.will.initial, 0.55);
  expect_plan(esp.spending.core_plan, {{2025, 1.3}, {2030, 2.1}, {2035, 2.5}});  // sorted
  expect_plan(esp.spending.related_plan, {{2025, 0.0}, {2035, 1.5}});

  const MemberParams& isl = members[2];
  EXPECT_FALSE(isl.has_armed_forces);
  EXPECT_DOUBLE_EQ(isl.gdp_base_usd_bn, 31.0);  // kept for GDP
  EXPECT_DOUBLE_EQ(isl.core_share_start_pct, 0.0);
  EXPECT_DOUBLE_EQ(isl.related_share_start_pct, 0.0);
  EXPECT_TRUE(isl.spending.core_plan.empty());
  EXPECT_TRUE(isl.spending.related_plan.empty());
  EXPECT_EQ(isl.election_years, (std::vector<int>{2028}));
}

TEST(Load, DefaultPlanFollowsTheTargetsAndHorizon) {
  const Scenario s =
      parse_scenario(testing::minimal_scenario("horizon: {start_year: 2026, end_year: 2040}\n"
                                               "targets: {core_pct: 3.0, related_cap_pct: 1.0,"
                                               " target_year: 2036, review_year: 2030}\n"),
                     "inline.yaml");
  const MemberParams& deu = s.model.members[0];
  expect_plan(deu.spending.core_plan, {{2026, 2.1}, {2036, 3.0}});
  expect_plan(deu.spending.related_plan, {{2026, 0.0}, {2036, 1.0}});
}

TEST(Load, DefaultsPlanAppliesToMembersWithoutTheirOwn) {
  const Scenario s = parse_scenario(
      testing::minimal_scenario("defaults: {spending: {core_plan: {2030: 2.5}}}\n"), "inline.yaml");
  expect_plan(s.model.members[0].spending.core_plan, {{2030, 2.5}});
  expect_plan(s.model.members[0].spending.related_plan, {{2025, 0.0}, {2035, 1.5}});
}

TEST(Load, DefaultsLastGrowthIsKeptOverTheMembersMean) {
  const Scenario s = parse_scenario(
      "name: t\ndefaults: {growth: {last_growth_pct: 0.5}}\n"
      "members:\n  DEU: {gdp_base_usd_bn: 1, core_share_start_pct: 1, growth: {mean_pct: 3}}\n",
      "inline.yaml");
  EXPECT_DOUBLE_EQ(s.model.members[0].growth.mean_pct, 3.0);
  EXPECT_DOUBLE_EQ(s.model.members[0].growth.last_growth_pct, 0.5);
}

TEST(Load, AcceptedSpellings) {
  const Scenario s = parse_scenario(
      "name: 2025\n"  // a plain scalar is text where text is expected
      "run: {trials: +1000, seed: 0}\n"
      "shocks: {threat_logit_mean: -1e-1, threat_logit_sd: .5, growth_tail_dof: 64}\n"
      "members:\n"
      "  DEU: {gdp_base_usd_bn: 4.5e3, core_share_start_pct: 2, armed_forces: True}\n"
      "  ISL: {gdp_base_usd_bn: 31, armed_forces: FALSE}\n"
      "  POL:\n"
      "    gdp_base_usd_bn: 900\n"
      "    core_share_start_pct: 4\n"
      "    will:\n"  // an empty block reads as empty
      "    elections:\n",
      "inline.yaml");
  EXPECT_EQ(s.name, "2025");
  EXPECT_EQ(s.run.trials, 1000u);
  EXPECT_EQ(s.run.seed, 0u);
  EXPECT_DOUBLE_EQ(s.model.shocks.threat_logit_mean, -0.1);
  EXPECT_DOUBLE_EQ(s.model.shocks.threat_logit_sd, 0.5);
  EXPECT_EQ(s.model.shocks.growth_tail_dof, 64);
  EXPECT_DOUBLE_EQ(s.model.members[0].gdp_base_usd_bn, 4500.0);
  EXPECT_TRUE(s.model.members[0].has_armed_forces);
  EXPECT_FALSE(s.model.members[1].has_armed_forces);
}

TEST(Load, TextRecordsTheFileAndItsHash) {
  const auto file = fixture("good/minimal.yaml");
  const Scenario s = load_scenario(file);
  EXPECT_EQ(s.source_path, file.string());
  EXPECT_EQ(s.text, "# --- file: " + file.string() + "\n" + read_file(file));
  EXPECT_EQ(s.text_sha256, sha256_hex("# --- file\n" + read_file(file)));
  EXPECT_EQ(s.text_sha256.size(), 64u);
  // The same file reached by another path hashes the same.
  const auto other = std::filesystem::path(file.parent_path() / ".." / "good" / file.filename());
  EXPECT_EQ(load_scenario(other).text_sha256, s.text_sha256);
}

TEST(Load, TextGetsAFinalNewline) {
  const Scenario s = parse_scenario(testing::minimal_scenario("description: x"), "inline.yaml");
  EXPECT_EQ(s.text, "# --- file: inline.yaml\n" + testing::minimal_scenario("description: x\n"));
}

TEST(Load, MissingFileIsARuntimeErrorNamingIt) {
  const auto file = fixture("good/no_such_file.yaml");
  try {
    load_scenario(file);
    FAIL() << "expected an error";
  } catch (const ScenarioError& e) {
    FAIL() << "a missing file is not a ScenarioError: " << e.what();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no such file"), std::string::npos) << e.what();
  }
}

TEST(Load, DirectoryIsARuntimeError) {
  try {
    load_scenario(fixture("good"));
    FAIL() << "expected an error";
  } catch (const ScenarioError& e) {
    FAIL() << "a directory is not a ScenarioError: " << e.what();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos) << e.what();
  }
}

TEST(Load, EveryGoodFixtureLoads) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(fixture("good"))) {
    if (entry.path().extension() != ".yaml") continue;
    EXPECT_NO_THROW(load_scenario(entry.path())) << entry.path();
  }
}

TEST(Describe, ShowsTheKeyFacts) {
  const Scenario s = load_scenario(fixture("good/defaults.yaml"));
  const std::string text = describe_scenario(s);
  for (const std::string& fact : std::initializer_list<std::string>{
           "defaults_test", "defaults blocks, explicit plans, an unarmed member", "defaults.yaml",
           "2025-2035 (11 years)", "core 3.5% + related up to 1.5% = total 5% of GDP by 2035",
           "review 2029", "500 trials, seed 42", "recession 8%/yr", "threat 15%/yr",
           "Student-t, 4 dof", "3 (2 with armed forces)", "plan 2035 %",
           s.text_sha256.substr(0, 12)}) {
    EXPECT_NE(text.find(fact), std::string::npos) << "missing '" << fact << "' in:\n" << text;
  }
  // Member rows: ISO3, name, GDP, core start, plan at the end year, elections; Iceland flagged.
  EXPECT_NE(text.find("POL   Poland                    900.0    4.10        4.10         2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ESP   Spain                    1700.0    1.30        2.50         0"),
            std::string::npos)
      << text;
  const std::size_t isl = text.find("ISL   Iceland");
  ASSERT_NE(isl, std::string::npos) << text;
  EXPECT_NE(text.find("no armed forces", isl), std::string::npos) << text;
  EXPECT_EQ(text.find("no armed forces"), text.rfind("no armed forces")) << "only Iceland";
  EXPECT_LE(std::count(text.begin(), text.end(), '\n'), 50);
}

}  // namespace
}  // namespace rampup

namespace rampup {
namespace {

const char* V2_HEADER =
    "lambda_calm,lambda_elevated,lambda_acute,alpha_elevated,alpha_acute,theta_elevated,"
    "theta_acute,delta_elevated,delta_acute,sigma_calm,sigma_elevated,sigma_acute,noise_dof,"
    "tau_member,kappa_0,kappa_lead,kappa_debt,kappa_us,kappa_deadline,kappa_government,"
    "compliance_0,compliance_deadline,compliance_review,compliance_us,compliance_reach_pp,"
    "one_off_prob,one_off_mean_pp,one_off_reversal,budget_execution_sd\n";
const char* V2_ROW =
    "0.17,0.1,0.2,0,0.1,1,1.7,-0.3,-0.3,0.2,0.22,0.26,4,0.05,0,0.15,1,0.5,1,1,-3.5,2.5,1,1,0.8,"
    "0.02,0.5,0.9,0.15\n";
const char* V2_SCENARIO = R"(name: v2
model:
  version: 2
  parameter_draws: calibration/rows.csv
  start_regime: acute
  regime_transition: {calm: [1, 0, 0], elevated: [0, 1, 0], acute: [0, 0.25, 0.75]}
  us_pressure_years: [2025, 2026]
  us_pressure_known_until: 2026
  us_pressure_term_prob: 0.3
members:
  POL:
    gdp_base_usd_bn: 900
    core_share_start_pct: 4.1
    proximity: 1
    baseline_pct: 1.8
    spending: {plan_adopted_year: 2024, adopted_budget: {2026: 4.7}}
  USA:
    gdp_base_usd_bn: 29000
    core_share_start_pct: 3.2
    baseline_pct: 3.2
    regime_response: false
)";

TEST(LoadV2, ModelBlockMembersAndCalibrationRowsLandInTheirFields) {
  testing::TempDir dir;
  std::filesystem::create_directory(dir.path() / "calibration");
  dir.write("calibration/rows.csv", std::string(V2_HEADER) + V2_ROW + V2_ROW);
  const Scenario s = load_scenario(dir.write("v2.yaml", V2_SCENARIO));
  const BehaviourParams& b = s.model.behaviour;
  EXPECT_EQ(b.version, 2);
  ASSERT_EQ(b.draws.size(), 2u);
  EXPECT_DOUBLE_EQ(b.draws[1].alpha_acute, 0.1);
  EXPECT_DOUBLE_EQ(b.draws[1].budget_execution_sd, 0.15);
  EXPECT_EQ(b.start_regime, Regime::acute);
  EXPECT_DOUBLE_EQ(b.transition[2][1], 0.25);
  EXPECT_EQ(b.us_pressure_years, (std::vector<int>{2025, 2026}));
  EXPECT_EQ(b.us_pressure_known_until, 2026);
  EXPECT_DOUBLE_EQ(b.us_pressure_term_prob, 0.3);
  const MemberParams& pol = s.model.members[0];
  EXPECT_DOUBLE_EQ(pol.proximity, 1.0);
  EXPECT_DOUBLE_EQ(pol.baseline_pct, 1.8);
  EXPECT_EQ(pol.spending.plan_adopted_year, 2024);
  ASSERT_EQ(pol.spending.adopted_budget.size(), 1u);
  EXPECT_DOUBLE_EQ(pol.spending.adopted_budget[0].share_pct_gdp, 4.7);
  EXPECT_FALSE(s.model.members[1].regime_response);
  // The calibration file is part of the recorded text, so its contents change the hash.
  EXPECT_NE(s.text.find(V2_ROW), std::string::npos);
  dir.write("calibration/rows.csv", std::string(V2_HEADER) + V2_ROW);
  EXPECT_NE(load_scenario(dir.path() / "v2.yaml").text_sha256, s.text_sha256);
}

TEST(LoadV2, VersionOneOverrideRunsTheWillModelOnTheSameFile) {
  testing::TempDir dir;
  std::filesystem::create_directory(dir.path() / "calibration");
  dir.write("calibration/rows.csv", std::string(V2_HEADER) + V2_ROW);
  const Scenario s = load_scenario(dir.write("v2.yaml", V2_SCENARIO), {"model.version=1"});
  EXPECT_EQ(s.model.behaviour.version, 1);
}

}  // namespace
}  // namespace rampup
