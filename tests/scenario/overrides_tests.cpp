// --set KEY=VALUE: values parsed as YAML, applied before validation, checked like the file,
// located as --set:N:COLUMN, recorded in the text.
#include <gtest/gtest.h>

#include "scenario_test_support.h"
#include "sim/scenario/sha256.h"

namespace rampup {
namespace {

using testing::fixture;
using testing::load_error;

TEST(Overrides, SetScalarsMappingsAndNewBlocks) {
  const auto file = fixture("good/defaults.yaml");
  const std::vector<std::string> sets = {
      "members.POL.will.initial=0.7",
      "run.trials=1000",
      "members.ESP.spending.core_plan={2025: 2.0, 2030: 2.1}",
      "members.ISL.growth.sd_pct=1.0",  // ISL has no growth block: created
      "description=changed by --set",
      "horizon.end_year=2036"};
  const Scenario s = load_scenario(file, sets);
  EXPECT_EQ(s.run.trials, 1000u);
  EXPECT_EQ(s.run.seed, 42u);
  EXPECT_EQ(s.description, "changed by --set");
  EXPECT_EQ(s.model.end_year, 2036);
  const auto& members = s.model.members;
  EXPECT_DOUBLE_EQ(members[0].will.initial, 0.7);
  EXPECT_DOUBLE_EQ(members[0].will.volatility, 0.25);   // the rest of the block stays
  ASSERT_EQ(members[1].spending.core_plan.size(), 2u);  // the plan is replaced, not merged
  EXPECT_EQ(members[1].spending.core_plan[1].year, 2030);
  EXPECT_DOUBLE_EQ(members[1].spending.core_plan[1].share_pct_gdp, 2.1);
  EXPECT_DOUBLE_EQ(members[2].growth.sd_pct, 1.0);
}

TEST(Overrides, AreRecordedInTheTextAndChangeTheHash) {
  const auto file = fixture("good/minimal.yaml");
  const Scenario plain = load_scenario(file);
  const Scenario set = load_scenario(file, {"run.trials=1000", "run.seed=5"});
  EXPECT_EQ(set.text, plain.text + "# --- set: run.trials=1000\n# --- set: run.seed=5\n");
  EXPECT_EQ(set.text_sha256, sha256_hex("# --- file\n" + set.text.substr(set.text.find('\n') + 1)));
  EXPECT_NE(set.text_sha256, plain.text_sha256);
}

TEST(Overrides, ApplyInOrderLaterWins) {
  const Scenario s =
      load_scenario(fixture("good/minimal.yaml"), {"run.trials=10", "run.trials=20"});
  EXPECT_EQ(s.run.trials, 20u);
}

TEST(Overrides, UnknownKeyGetsASuggestionAtItsColumn) {
  const std::string error =
      load_error(fixture("good/minimal.yaml"), {"run.trials=5", "members.DEU.will.volatilty=0.3"});
  EXPECT_NE(error.find("--set:2:18: members.DEU.will.volatilty: unknown key 'volatilty'; did you "
                       "mean 'volatility'?"),
            std::string::npos)
      << error;
}

TEST(Overrides, BadValueIsLocatedAtTheValue) {
  const std::string error = load_error(fixture("good/minimal.yaml"), {"run.trials=lots"});
  EXPECT_NE(error.find("--set:1:12: run.trials: 'lots' is not allowed; expected an integer from "
                       "1 to 1000000000000"),
            std::string::npos)
      << error;
}

TEST(Overrides, ProblemsInFileAndOverridesAreReportedTogether) {
  testing::TempDir dir;
  const auto file = dir.write("bad.yaml", testing::minimal_scenario("run: {seed: -1}\n"));
  const std::string error = load_error(file, {"shocks.threat_prob=2", "oops"});
  EXPECT_NE(error.find("bad.yaml:6:13: run.seed: -1 is not allowed"), std::string::npos) << error;
  EXPECT_NE(error.find("--set:1:20: shocks.threat_prob: 2 is not allowed"), std::string::npos)
      << error;
  EXPECT_NE(error.find("--set:2:1: malformed override 'oops'; expected KEY=VALUE"),
            std::string::npos)
      << error;
  EXPECT_LT(error.find("bad.yaml"), error.find("--set")) << "file problems first";
}

TEST(Overrides, SetThroughAScalarIsReportedNotCrashed) {
  const std::string error = load_error(fixture("good/minimal.yaml"), {"run.trials.x=5"});
  EXPECT_NE(error.find("--set:1:5: run.trials: a mapping is not allowed; expected an integer"),
            std::string::npos)
      << error;
}

TEST(Overrides, DegreesOfFreedomRule) {
  const auto file = fixture("good/minimal.yaml");
  for (const char* ok : {"0", "4", "6", "30", "64"}) {
    EXPECT_NO_THROW(load_scenario(file, {std::string("shocks.growth_tail_dof=") + ok})) << ok;
  }
  for (const char* bad : {"1", "2", "3", "5", "63", "65", "66", "-4", "4.0", "four"}) {
    const std::string error = load_error(file, {std::string("shocks.growth_tail_dof=") + bad});
    EXPECT_NE(error.find("expected 0 (normal shocks) or an even integer from 4 to 64"),
              std::string::npos)
        << bad << ": " << error;
  }
}

TEST(Overrides, RangeEdges) {
  const auto file = fixture("good/minimal.yaml");
  struct Case {
    const char* set;
    bool ok;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"members.DEU.will.initial=0", false},
           {"members.DEU.will.initial=1", false},
           {"members.DEU.will.initial=0.999", true},
           {"members.DEU.will.reversion=1", true},
           {"members.DEU.growth.persistence=1", false},
           {"members.DEU.growth.persistence=0", true},
           {"members.DEU.spending.will_full=1", true},
           {"members.DEU.spending.will_stall=0", true},
           {"members.DEU.gdp_base_usd_bn=0", false},
           {"members.DEU.core_share_start_pct=100", true},
           {"members.DEU.core_share_start_pct=100.5", false},
           {"run.trials=1000000000000", true},
           {"run.trials=1000000000001", false},
           {"run.seed=18446744073709551615", true},
           {"run.seed=18446744073709551616", false},
           {"horizon.start_year=2025", true},
       }) {
    if (c.ok) {
      EXPECT_NO_THROW(load_scenario(file, {c.set})) << c.set;
    } else {
      EXPECT_THROW(load_scenario(file, {c.set}), ScenarioError) << c.set;
    }
  }
  // The longest horizon: 64 years.
  EXPECT_NO_THROW(load_scenario(file, {"horizon.end_year=2088"}));
  EXPECT_THROW(load_scenario(file, {"horizon.end_year=2089"}), ScenarioError);
}

// ParsedScenarioFile (simulate explore): the file parsed once, then each set of overrides applied
// to a copy of the tree, must give exactly what loading the file with those overrides gives.
void expect_same_scenario(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.text_sha256, b.text_sha256);
  EXPECT_EQ(a.source_path, b.source_path);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.run.trials, b.run.trials);
  EXPECT_EQ(a.run.seed, b.run.seed);
  EXPECT_EQ(describe_scenario(a), describe_scenario(b));
  ASSERT_EQ(a.model.members.size(), b.model.members.size());
  for (std::size_t i = 0; i < a.model.members.size(); ++i) {
    EXPECT_EQ(a.model.members[i].will.initial, b.model.members[i].will.initial);
    EXPECT_EQ(a.model.members[i].spending.max_rise_pp_per_year,
              b.model.members[i].spending.max_rise_pp_per_year);
    EXPECT_EQ(a.model.members[i].growth.sd_pct, b.model.members[i].growth.sd_pct);
  }
}

TEST(ParsedScenarioFile, GivesWhatLoadingWithTheOverridesGives) {
  using Sets = std::vector<std::string>;
  // Several override sets in turn from one parse: none may leak into the next. derived.yaml
  // extends base.yaml.
  const std::vector<std::pair<const char*, std::vector<Sets>>> cases = {
      {"good/defaults.yaml",
       {Sets{"members.POL.will.initial=0.7", "run.trials=1000"}, Sets{},
        Sets{"members.ISL.growth.sd_pct=1.0", "description=changed"},
        Sets{"members.POL.will.initial=0.4"}}},
      {"good/derived.yaml",
       {Sets{"members.DEU.will.volatility=0.1", "members.ITA.core_share_start_pct=2.5"}, Sets{},
        Sets{"run.seed=9", "members.FRA.elections=[2030]"}}}};
  for (const auto& [name, override_sets] : cases) {
    const auto file = fixture(name);
    const ParsedScenarioFile parsed(file);
    for (const Sets& sets : override_sets) {
      SCOPED_TRACE(std::string(name) + " with " + std::to_string(sets.size()) + " overrides");
      expect_same_scenario(parsed.with(sets), load_scenario(file, sets));
    }
  }
}

TEST(ParsedScenarioFile, ReportsTheSameProblemsAsLoading) {
  const auto file = fixture("good/defaults.yaml");
  const ParsedScenarioFile parsed(file);
  const std::vector<std::string> sets = {"members.POL.will.initial=2", "horizon.end_yaer=2036"};
  std::string from_parsed;
  try {
    parsed.with(sets);
  } catch (const ScenarioError& e) {
    from_parsed = e.what();
  }
  EXPECT_NE(from_parsed, "");
  EXPECT_EQ(from_parsed, load_error(file, sets));
  expect_same_scenario(parsed.with({}), load_scenario(file));  // and still usable after
}

TEST(ParsedScenarioFile, AMissingFileIsTheSameError) {
  const auto file = fixture("good/no_such_file.yaml");
  std::string from_parsed, from_load;
  try {
    ParsedScenarioFile parsed(file);
  } catch (const Error& e) {
    from_parsed = e.what();
  }
  try {
    load_scenario(file);
  } catch (const Error& e) {
    from_load = e.what();
  }
  EXPECT_NE(from_parsed, "");
  EXPECT_EQ(from_parsed, from_load);
}

}  // namespace
}  // namespace rampup
