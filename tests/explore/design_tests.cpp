// Designs of `simulate explore`: --vary parsing, Latin hypercube stratification and
// reproducibility, the Saltelli block structure, the mapping onto key ranges.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sim/explore/design.h"
#include "sim/explore/explore.h"

namespace rampup::explore {
namespace {

TEST(ParseVary, UniformLogAndCategorical) {
  const VariedKey u = parse_vary("members.DEU.will.initial=0.2:0.9");
  EXPECT_EQ(u.key, "members.DEU.will.initial");
  EXPECT_EQ(u.scale, Scale::uniform);
  EXPECT_DOUBLE_EQ(u.low, 0.2);
  EXPECT_DOUBLE_EQ(u.high, 0.9);
  const VariedKey l = parse_vary("a.b=0.01:1:log");
  EXPECT_EQ(l.scale, Scale::log_uniform);
  const VariedKey c = parse_vary("a.b=calm,elevated,acute");
  EXPECT_EQ(c.scale, Scale::categorical);
  ASSERT_EQ(c.categories.size(), 3u);
  EXPECT_EQ(c.categories[2], "acute");
  const VariedKey lists = parse_vary("m.acute=[0, 0.2, 0.8]|[0, 0.1, 0.9]");
  ASSERT_EQ(lists.categories.size(), 2u);
  EXPECT_EQ(lists.categories[1], "[0, 0.1, 0.9]");
}

TEST(ParseVary, BadRangesNameTheKey) {
  for (const char* bad : {"a.b=0.9:0.2", "a.b=1:1", "a.b=x:1", "a.b=0:1:ln", "a.b=0:1:log",
                          "a.b=", "a.b=,x", "a.b=1:2:3:4"}) {
    try {
      parse_vary(bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const DesignError& e) {
      EXPECT_NE(std::string(e.what()).find("a.b"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(parse_vary("nokey"), DesignError);
  EXPECT_THROW(parse_vary("=0:1"), DesignError);
}

TEST(LatinHypercube, OnePointPerStratumInEveryColumn) {
  const std::size_t n = 50, k = 4;
  const UnitDesign d = latin_hypercube(n, k, 42);
  ASSERT_EQ(d.u.size(), n * k);
  for (std::size_t c = 0; c < k; ++c) {
    std::vector<int> hits(n, 0);
    for (std::size_t e = 0; e < n; ++e) {
      const double u = d.at(e, c);
      ASSERT_GT(u, 0.0);
      ASSERT_LT(u, 1.0);
      ++hits[static_cast<std::size_t>(u * static_cast<double>(n))];
    }
    EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  }
}

TEST(LatinHypercube, PureFunctionOfSeedAndMatrix) {
  EXPECT_EQ(latin_hypercube(16, 3, 7).u, latin_hypercube(16, 3, 7).u);
  EXPECT_NE(latin_hypercube(16, 3, 7).u, latin_hypercube(16, 3, 8).u);
  EXPECT_NE(latin_hypercube(16, 3, 7, 0).u, latin_hypercube(16, 3, 7, 1).u);
  // Columns are not copies of each other.
  const UnitDesign d = latin_hypercube(16, 2, 7);
  bool differ = false;
  for (std::size_t e = 0; e < 16; ++e) differ |= d.at(e, 0) != d.at(e, 1);
  EXPECT_TRUE(differ);
}

TEST(Saltelli, BlocksAreABAndABi) {
  const std::size_t n = 10, k = 3;
  const UnitDesign d = saltelli(n, k, 5);
  const UnitDesign a = latin_hypercube(n, k, 5, 0), b = latin_hypercube(n, k, 5, 1);
  ASSERT_EQ(d.experiments, n * (k + 2));
  for (std::size_t e = 0; e < d.experiments; ++e) {
    const auto block = static_cast<std::size_t>(d.block[e]);
    const auto j = static_cast<std::size_t>(d.base_row[e]);
    EXPECT_EQ(block, e / n);
    EXPECT_EQ(j, e % n);
    for (std::size_t c = 0; c < k; ++c) {
      const bool from_b = block == 1 || (block >= 2 && block - 2 == c);
      EXPECT_EQ(d.at(e, c), from_b ? b.at(j, c) : a.at(j, c));
    }
  }
}

TEST(ValueAt, RangesAndCategories) {
  std::int32_t cat = 0;
  const VariedKey u = parse_vary("k=2:4");
  EXPECT_DOUBLE_EQ(value_at(u, 0.25, cat), 2.5);
  EXPECT_EQ(cat, -1);
  const VariedKey l = parse_vary("k=0.01:1:log");
  EXPECT_NEAR(value_at(l, 0.5, cat), 0.1, 1e-12);
  const VariedKey c = parse_vary("k=x,y,z");
  EXPECT_DOUBLE_EQ(value_at(c, 0.7, cat), 2.0);
  EXPECT_EQ(cat, 2);
  EXPECT_EQ(set_text(c, 0.1), "k=x");
  EXPECT_EQ(set_text(u, 0.5), "k=3");
}

TEST(ShardRange, ContiguousAndCovering) {
  std::size_t next = 0;
  for (std::uint64_t k = 1; k <= 3; ++k) {
    const auto [begin, end] = shard_range(20, k, 3);
    EXPECT_EQ(begin, next);
    EXPECT_GE(end - begin, 6u);
    EXPECT_LE(end - begin, 7u);
    next = end;
  }
  EXPECT_EQ(next, 20u);
}

}  // namespace
}  // namespace rampup::explore

namespace rampup::explore {
namespace {

// The first 2^m points of a digitally shifted Sobol' sequence are a (0, m, 2)-net in its first
// two coordinates: every dyadic box of area 2^-m (here 8 x 8 boxes of 64 points) holds exactly
// one point, and so does every interval of width 2^-m of each coordinate.
TEST(Sobol, FirstPowerOfTwoPointsAreANetInEveryShift) {
  for (std::uint64_t seed : {1u, 7u, 123456789u}) {
    const UnitDesign d = sobol_sequence(64, 3, seed);
    ASSERT_EQ(d.u.size(), 64u * 3);
    std::vector<int> boxes(64, 0);
    std::vector<std::vector<int>> strata(3, std::vector<int>(64, 0));
    for (std::size_t e = 0; e < 64; ++e) {
      for (std::size_t k = 0; k < 3; ++k) {
        const double u = d.at(e, k);
        ASSERT_GT(u, 0.0);
        ASSERT_LT(u, 1.0);
        ++strata[k][static_cast<int>(u * 64)];
      }
      ++boxes[static_cast<int>(d.at(e, 0) * 8) * 8 + static_cast<int>(d.at(e, 1) * 8)];
    }
    for (int b : boxes) EXPECT_EQ(b, 1) << "seed " << seed;
    for (const auto& column : strata) {
      for (int s : column) EXPECT_EQ(s, 1) << "seed " << seed;
    }
  }
}

TEST(Sobol, PureFunctionOfSeedAndSizePrefix) {
  const UnitDesign a = sobol_sequence(40, 2, 5), b = sobol_sequence(40, 2, 5);
  EXPECT_EQ(a.u, b.u);
  EXPECT_NE(a.u, sobol_sequence(40, 2, 6).u);
  // A longer design extends a shorter one (the sequence does not depend on K).
  const UnitDesign longer = sobol_sequence(50, 2, 5);
  EXPECT_TRUE(std::equal(a.u.begin(), a.u.end(), longer.u.begin()));
  EXPECT_EQ(parse_design("sobol"), DesignKind::sobol);
  EXPECT_STREQ(design_name(DesignKind::sobol), "sobol");
  EXPECT_EQ(make_design(DesignKind::sobol, 40, 2, 5).u, a.u);
}

}  // namespace
}  // namespace rampup::explore
