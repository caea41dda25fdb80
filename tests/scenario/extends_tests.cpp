// `extends`: key-by-key merge of mappings, replacement of everything else, chains relative to
// each file, the recorded text (base first), cycles and missing bases.
#include <gtest/gtest.h>

#include "scenario_test_support.h"
#include "sim/scenario/sha256.h"

namespace rampup {
namespace {

using testing::fixture;

const MemberParams& member(const Scenario& s, const std::string& iso3) {
  for (const MemberParams& m : s.model.members) {
    if (m.iso3 == iso3) return m;
  }
  throw std::runtime_error("no member " + iso3);
}

TEST(Extends, MergesMappingsKeyByKeyAndReplacesTheRest) {
  const Scenario s = load_scenario(fixture("good/derived.yaml"));
  EXPECT_EQ(s.name, "derived");
  EXPECT_EQ(s.description, "the base scenario");      // inherited
  EXPECT_EQ(s.run.trials, 200u);                      // overridden
  EXPECT_EQ(s.run.seed, 7u);                          // kept from the base's run mapping
  EXPECT_DOUBLE_EQ(s.model.shocks.threat_prob, 0.2);  // inherited
  ASSERT_EQ(s.model.members.size(), 3u);
  EXPECT_EQ(s.model.members[0].iso3, "DEU");  // base members first, in the base's order
  EXPECT_EQ(s.model.members[1].iso3, "FRA");
  EXPECT_EQ(s.model.members[2].iso3, "ITA");
  const MemberParams& deu = member(s, "DEU");
  EXPECT_EQ(deu.name, "Germany");
  EXPECT_DOUBLE_EQ(deu.will.volatility, 0.4);  // overridden
  EXPECT_DOUBLE_EQ(deu.will.baseline, 0.55);   // kept
  EXPECT_DOUBLE_EQ(deu.will.initial, 0.5);     // the base's defaults block
  EXPECT_EQ(member(s, "FRA").election_years, (std::vector<int>{2032}));  // list replaced
  EXPECT_DOUBLE_EQ(member(s, "ITA").will.initial, 0.5);  // base defaults reach new members
}

TEST(Extends, TextHoldsEveryFileBaseFirstAndIsHashed) {
  const auto derived = fixture("good/derived.yaml");
  const Scenario s = load_scenario(derived);
  const std::string base_header = "# --- file: " + fixture("good/base.yaml").string() + "\n";
  const std::string derived_header = "# --- file: " + derived.string() + "\n";
  const std::size_t base_at = s.text.find(base_header);
  const std::size_t derived_at = s.text.find(derived_header);
  EXPECT_EQ(base_at, 0u) << s.text;
  ASSERT_NE(derived_at, std::string::npos) << s.text;
  EXPECT_LT(base_at, derived_at);
  EXPECT_NE(s.text.find("extends: base.yaml"), std::string::npos);
  // The hash covers the contents, not the paths as typed.
  std::string content = s.text;
  for (const std::string& header : {base_header, derived_header}) {
    content.replace(content.find(header), header.size(), "# --- file\n");
  }
  EXPECT_EQ(s.text_sha256, sha256_hex(content));
}

TEST(Extends, ChainsResolveRelativeToEachFile) {
  const Scenario s = load_scenario(fixture("good/chain/chained.yaml"));
  EXPECT_EQ(s.name, "chained");
  EXPECT_EQ(s.run.trials, 200u);  // from derived.yaml
  EXPECT_EQ(s.run.seed, 7u);      // from base.yaml
  EXPECT_EQ(s.model.end_year, 2034);
  EXPECT_EQ(s.model.members.size(), 3u);
  // Default plans use the merged targets.
  EXPECT_EQ(member(s, "DEU").spending.core_plan.back().year, 2034);
  // Three files, base first.
  const std::size_t base = s.text.find("base.yaml\n");
  const std::size_t derived = s.text.find("derived.yaml\n");
  const std::size_t chained = s.text.find("chained.yaml\n");
  EXPECT_LT(base, derived);
  EXPECT_LT(derived, chained);
  ASSERT_NE(chained, std::string::npos);
}

TEST(Extends, ProblemsPointIntoTheFileThatSetTheValue) {
  testing::TempDir dir;
  dir.write("base.yaml", testing::minimal_scenario("shocks:\n  threat_prob: 2\n"));
  const auto top = dir.write("top.yaml", "extends: base.yaml\nrun:\n  trials: 0\n");
  const std::string error = testing::load_error(top);
  EXPECT_NE(error.find("base.yaml:7:16: shocks.threat_prob: 2 is not allowed"), std::string::npos)
      << error;
  EXPECT_NE(error.find("top.yaml:3:11: run.trials: 0 is not allowed"), std::string::npos) << error;
  EXPECT_LT(error.find("base.yaml:7"), error.find("top.yaml:3")) << "base file first";
}

TEST(Extends, SelfReferenceIsACycle) {
  testing::TempDir dir;
  const auto file = dir.write("self.yaml", "extends: ./self.yaml\nname: self\n");
  const std::string error = testing::load_error(file);
  EXPECT_NE(error.find("self.yaml:1:10: extends: './self.yaml' forms a cycle"), std::string::npos)
      << error;
}

TEST(Extends, BaseMustBeAPath) {
  testing::TempDir dir;
  const auto file = dir.write("top.yaml", "extends: [a, b]\nname: x\n");
  const std::string error = testing::load_error(file);
  EXPECT_NE(error.find("top.yaml:1:10: extends: a list is not allowed; expected the path"),
            std::string::npos)
      << error;
}

TEST(Extends, BaseProblemsStopTheLoadWithTheBasesLocation) {
  testing::TempDir dir;
  dir.write("base.yaml", "name: [unclosed\n");
  const auto top = dir.write("top.yaml", "extends: base.yaml\n");
  const std::string error = testing::load_error(top);
  EXPECT_NE(error.find("base.yaml:"), std::string::npos) << error;
  EXPECT_NE(error.find("YAML syntax error"), std::string::npos) << error;
}

}  // namespace
}  // namespace rampup
