#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/hdf5/file.h"
#include "tests/support/temp_dir.h"

namespace rampup::h5 {
namespace {

using test::TempDir;

std::vector<float> rows_from(std::size_t first, std::size_t count, std::size_t width) {
  std::vector<float> v;
  for (std::size_t r = first; r < first + count; ++r) {
    for (std::size_t c = 0; c < width; ++c)
      v.push_back(static_cast<float>(r) + 0.1F * static_cast<float>(c));
  }
  return v;
}

TEST(Appendable, UnevenBlocksEqualTheConcatenation) {
  TempDir dir;
  const std::vector<std::size_t> blocks = {3, 1, 7, 0, 2};
  {
    File f = File::create(dir / "a.nc");
    Group g = f.root();
    g.add_unlimited_dimension("trial");
    g.add_dimension("member", std::vector<std::string>{"a", "b", "c"});
    auto draws = g.create_appendable<float>("draws", {"trial", "member"},
                                            {{"_FillValue", std::nan("")}, {"units", "1"}},
                                            {.deflate_level = 4, .chunk = {2, 3}});
    auto seeds = g.create_appendable<std::int64_t>("seed", {"trial"});
    std::size_t row = 0;
    for (std::size_t n : blocks) {
      draws.append(rows_from(row, n, 3));
      std::vector<std::int64_t> s(n);
      for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<std::int64_t>(1000 + row + i);
      seeds.append(s.data(), n);
      row += n;
      EXPECT_EQ(draws.rows(), row);
    }
    EXPECT_EQ(draws.row_size(), 3U);
    EXPECT_THROW(draws.append(std::vector<float>(4, 1.0F)), Error);  // not whole rows
  }
  File f = File::open_read(dir / "a.nc");
  Group g = f.root();
  EXPECT_EQ(g.read<float>("draws"), rows_from(0, 13, 3));
  EXPECT_EQ(g.shape("draws"), (std::vector<std::size_t>{13, 3}));
  EXPECT_EQ(g.shape("seed"), (std::vector<std::size_t>{13}));
  EXPECT_EQ(g.read<std::int64_t>("seed").back(), 1012);
}

TEST(Appendable, NeedsAnUnlimitedFirstDimensionOnly) {
  TempDir dir;
  File f = File::create(dir / "a.nc");
  Group g = f.root();
  g.add_unlimited_dimension("trial");
  g.add_unlimited_dimension("other");
  g.add_dimension("x", std::vector<double>{1, 2});
  EXPECT_THROW(g.create_appendable<double>("v", {"x"}), Error);
  EXPECT_THROW(g.create_appendable<double>("v", {}), Error);
  EXPECT_THROW(g.create_appendable<double>("v", {"x", "trial"}), Error);
  EXPECT_THROW(g.create_appendable<double>("v", {"trial", "other"}), Error);
  auto v = g.create_appendable<double>("v", {"trial", "x"});
  EXPECT_EQ(v.rows(), 0U);
  EXPECT_EQ(g.shape("v"), (std::vector<std::size_t>{0, 2}));
}

TEST(Appendable, LongStreamWithDefaultChunksStaysExact) {
  TempDir dir;
  File f = File::create(dir / "a.nc");
  Group g = f.root();
  g.add_unlimited_dimension("trial");
  g.add_dimension("member", std::vector<std::int32_t>{0, 1, 2, 3, 4});
  auto v = g.create_appendable<double>("x", {"trial", "member"}, {}, {.deflate_level = 1});
  std::vector<double> expected;
  for (std::size_t block = 0; block < 50; ++block) {
    std::vector<double> b(5 * (block % 7 + 1));
    for (double& x : b) x = static_cast<double>(expected.size() + (&x - b.data()));
    v.append(b);
    expected.insert(expected.end(), b.begin(), b.end());
  }
  EXPECT_EQ(g.read<double>("x"), expected);
}

}  // namespace
}  // namespace rampup::h5
