// One test per bad/NAME.yaml: loading must throw ScenarioError whose text contains every line
// of bad/NAME.expected. In NAME.expected, lines starting with "#" are comments except
// "#count N", which requires exactly N problems. An optional bad/NAME.set holds one --set
// override per line.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string>
#include <vector>

#include "scenario_test_support.h"

namespace rampup {
namespace {

namespace fs = std::filesystem;
using testing::fixture;

const std::vector<std::string> BAD_FILES = {
#include "bad_files.inc"
};

std::vector<std::string> read_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

class BadScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(BadScenario, ReportsTheExpectedProblems) {
  const fs::path yaml = fixture("bad") / GetParam();
  const fs::path expected = fs::path(yaml).replace_extension(".expected");
  const fs::path set = fs::path(yaml).replace_extension(".set");
  ASSERT_TRUE(fs::exists(expected)) << "every bad file needs its .expected: " << expected;
  const std::vector<std::string> overrides =
      fs::exists(set) ? read_lines(set) : std::vector<std::string>{};
  const testing::LoadResult r = testing::load_with_timeout(yaml, overrides);
  ASSERT_EQ(r.kind, testing::LoadResult::Kind::scenario_error)
      << yaml << " should fail with ScenarioError; got: " << r.message;
  int checked = 0;
  for (const std::string& line : read_lines(expected)) {
    if (line.starts_with("#count ")) {
      EXPECT_EQ(r.problem_count, std::stoul(line.substr(7))) << r.message;
    } else if (!line.empty() && line[0] != '#') {
      EXPECT_NE(r.message.find(line), std::string::npos)
          << "expected to find:\n  " << line << "\nin:\n"
          << r.message;
      ++checked;
    }
  }
  EXPECT_GT(checked, 0) << expected << " lists no expected text";
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, BadScenario, ::testing::ValuesIn(BAD_FILES), test_name);

// The compiled-in list matches the folder (a stale build would skip new files), and every
// .expected and .set belongs to a .yaml.
TEST(BadScenarioFolder, ListIsCurrentAndComplete) {
  std::vector<std::string> yaml;
  for (const auto& entry : fs::directory_iterator(fixture("bad"))) {
    const fs::path p = entry.path();
    if (p.extension() == ".yaml") yaml.push_back(p.filename().string());
    if (p.extension() == ".expected" || p.extension() == ".set") {
      EXPECT_TRUE(fs::exists(fs::path(p).replace_extension(".yaml"))) << p << " has no .yaml";
    }
  }
  std::sort(yaml.begin(), yaml.end());
  EXPECT_EQ(yaml, BAD_FILES) << "re-run cmake to pick up new bad files";
}

}  // namespace
}  // namespace rampup
