// Unit tests of the parts: SHA-256, key suggestions, ranges, problem formatting.
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/scenario.h"
#include "sim/scenario/schema.h"
#include "sim/scenario/sha256.h"
#include "sim/scenario/suggest.h"

namespace rampup {
namespace {

// FIPS 180-2, appendix B (and the NIST example values for the empty string and the 896-bit
// message); digests must never change: results files store the scenario's hash.
TEST(Sha256, FipsVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                       "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),  // 896 bits
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundariesAndIncrementalUpdates) {
  // 55, 56 and 64 bytes straddle the one-block / two-block padding cases.
  EXPECT_EQ(sha256_hex(std::string(55, 'a')),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(sha256_hex(std::string(56, 'a')),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(sha256_hex(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  const std::string text =
      "The quick brown fox jumps over the lazy dog, repeatedly. " + std::string(200, 'z');
  for (std::size_t split : {0u, 1u, 63u, 64u, 65u, 128u}) {
    Sha256 h;
    h.update(std::string_view(text).substr(0, split));
    h.update(std::string_view(text).substr(split));
    std::string hex;
    for (std::uint8_t b : h.finish()) {
      static const char* digits = "0123456789abcdef";
      hex += digits[b >> 4];
      hex += digits[b & 15];
    }
    EXPECT_EQ(hex, sha256_hex(text)) << "split at " << split;
  }
}

TEST(Suggest, EditDistance) {
  using detail::edit_distance;
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("volatilty", "volatility"), 1u);  // deletion
  EXPECT_EQ(edit_distance("trails", "trials"), 1u);         // transposition
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Suggest, ClosestKeyOnlyWhenClose) {
  constexpr std::string_view keys[] = {"initial",  "baseline",        "volatility",
                                       "mean_pct", "gdp_base_usd_bn", "seed"};
  using detail::closest_key;
  EXPECT_EQ(closest_key("volatilty", keys), "volatility");
  EXPECT_EQ(closest_key("inital", keys), "initial");
  EXPECT_EQ(closest_key("Initial", keys), "initial");  // case
  EXPECT_EQ(closest_key("mean", keys), "mean_pct");    // unit suffix left out
  EXPECT_EQ(closest_key("gdp_base", keys), "gdp_base_usd_bn");
  EXPECT_EQ(closest_key("sed", keys), "seed");
  EXPECT_EQ(closest_key("politics", keys), std::nullopt);
  EXPECT_EQ(closest_key("x", keys), std::nullopt);
  EXPECT_EQ(closest_key(std::string(10000, 'a'), keys), std::nullopt);
}

TEST(Schema, RangesDescribeThemselves) {
  using namespace detail;
  EXPECT_EQ(UNIT_OPEN.describe(), "a number in (0, 1)");
  EXPECT_EQ(UNIT_CLOSED_OPEN.describe(), "a number in [0, 1)");
  EXPECT_EQ(NON_NEGATIVE.describe(), "a number >= 0");
  EXPECT_EQ(POSITIVE.describe(), "a number > 0");
  EXPECT_EQ(ANY_NUMBER.describe(), "a number");
  EXPECT_EQ(PERCENT.describe(), "a number in [0, 100]");
  EXPECT_FALSE(UNIT_OPEN.contains(0.0));
  EXPECT_TRUE(UNIT_OPEN.contains(0.5));
  EXPECT_FALSE(UNIT_CLOSED_OPEN.contains(1.0));
  EXPECT_TRUE(UNIT_CLOSED_OPEN.contains(0.0));
  EXPECT_FALSE(POSITIVE.contains(0.0));
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(3.0), "3");
}

TEST(ScenarioProblem, Format) {
  EXPECT_EQ(
      (ScenarioProblem{"a.yaml", 3, 7, "members.DEU.will.initial", "1.7 is not allowed"}).format(),
      "a.yaml:3:7: members.DEU.will.initial: 1.7 is not allowed");
  EXPECT_EQ((ScenarioProblem{"a.yaml", 2, 1, "", "YAML syntax error: x"}).format(),
            "a.yaml:2:1: YAML syntax error: x");
  EXPECT_EQ((ScenarioProblem{"a.yaml", 0, 0, "", "is empty"}).format(), "a.yaml: is empty");
}

TEST(ScenarioError, ListsProblemsOnePerLine) {
  const ScenarioError e({{"a.yaml", 1, 1, "x", "bad"}, {"--set", 1, 3, "y", "worse"}});
  EXPECT_STREQ(e.what(), "a.yaml:1:1: x: bad\n--set:1:3: y: worse");
  EXPECT_EQ(e.problems().size(), 2u);
}

}  // namespace
}  // namespace rampup
