#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/hdf5/file.h"
#include "tests/support/temp_dir.h"

namespace rampup::h5 {
namespace {

using test::TempDir;

// A group with dims a(2, strings), b(3, int32), c(4, double) and a dimension-only d(5).
Group make_dims(File& f) {
  Group g = f.root().create_group("g");
  g.add_dimension("a", std::vector<std::string>{"Türkiye", "France"}, {{"long_name", "member"}});
  g.add_dimension("b", std::vector<std::int32_t>{2025, 2026, 2027},
                  {{"long_name", "calendar year"}});
  g.add_dimension("c", std::vector<double>{0.05, 0.5, 0.9, 0.95}, {{"units", "1"}});
  g.add_dimension_without_coordinate("d", 5);
  return g;
}

template <class T>
std::vector<T> iota_values(std::size_t n) {
  std::vector<T> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<T>(i % 200) + static_cast<T>(1);
  return v;
}

template <class T>
class VariableRoundTrip : public ::testing::Test {};
using ElementTypes = ::testing::Types<double, float, std::int32_t, std::int64_t, std::uint8_t>;
TYPED_TEST_SUITE(VariableRoundTrip, ElementTypes);

TYPED_TEST(VariableRoundTrip, ValuesShapeDimsAndFillSurvive) {
  using T = TypeParam;
  TempDir dir;
  const auto data = iota_values<T>(2 * 3 * 4);
  const auto row = iota_values<T>(5);
  AttrValue fill_attr = std::int32_t{255};
  if constexpr (std::is_floating_point_v<T>) fill_attr = std::nan("");
  {
    File f = File::create(dir / "v.nc");
    Group g = make_dims(f);
    g.write_variable<T>("plain", {"a", "b", "c"}, data.data());
    g.write_variable<T>("packed", {"a", "b", "c"}, data,
                        {{"_FillValue", fill_attr}, {"units", "1"}},
                        {.deflate_level = 5, .chunk = {1, 3, 4}});
    g.write_variable<T>("default_chunk", {"c", "b"}, iota_values<T>(12), {}, {.deflate_level = 1});
    g.write_variable<T>("over_d", {"d"}, row);
    g.write_variable<T>("scalar", {}, std::vector<T>{T{42}});
  }
  File f = File::open_read(dir / "v.nc");
  Group g = f.root().open_group("g");
  EXPECT_EQ(g.read<T>("plain"), data);
  EXPECT_EQ(g.read<T>("packed"), data);
  EXPECT_EQ(g.read<T>("default_chunk"), iota_values<T>(12));
  EXPECT_EQ(g.read<T>("over_d"), row);
  EXPECT_EQ(g.read<T>("scalar"), std::vector<T>{T{42}});
  EXPECT_EQ(g.shape("packed"), (std::vector<std::size_t>{2, 3, 4}));
  EXPECT_EQ(g.shape("default_chunk"), (std::vector<std::size_t>{4, 3}));
  EXPECT_EQ(g.shape("over_d"), (std::vector<std::size_t>{5}));
  EXPECT_TRUE(g.shape("scalar").empty());
  // _FillValue has exactly the variable's type (step 12).
  const AttrValue stored = g.open_variable("packed").read_attr("_FillValue");
  if constexpr (std::is_same_v<T, float>) {
    ASSERT_TRUE(std::holds_alternative<float>(stored));
    EXPECT_TRUE(std::isnan(std::get<float>(stored)));
  } else if constexpr (std::is_same_v<T, double>) {
    ASSERT_TRUE(std::holds_alternative<double>(stored));
    EXPECT_TRUE(std::isnan(std::get<double>(stored)));
  } else {
    EXPECT_EQ(g.open_variable("packed").read_int_attr("_FillValue"), 255);
  }
  EXPECT_EQ(g.open_variable("packed").read_text_attr("units"), "1");
}

TEST(Variables, CoordinatesReadBack) {
  TempDir dir;
  {
    File f = File::create(dir / "v.nc");
    Group g = make_dims(f);
    g.write_variable("z_last_name_first", {"a"}, std::vector<double>{1, 2});
    g.write_variable("a_second", {"b"}, std::vector<std::int32_t>{1, 2, 3});
  }
  File f = File::open_read(dir / "v.nc");
  Group g = f.root().open_group("g");
  EXPECT_EQ(g.read_strings("a"), (std::vector<std::string>{"Türkiye", "France"}));
  EXPECT_EQ(g.read<std::int32_t>("b"), (std::vector<std::int32_t>{2025, 2026, 2027}));
  EXPECT_EQ(g.read<double>("c"), (std::vector<double>{0.05, 0.5, 0.9, 0.95}));
  EXPECT_EQ(g.read<double>("b"), (std::vector<double>{2025, 2026, 2027}));  // netCDF converts
  EXPECT_EQ(g.shape("a"), std::vector<std::size_t>{2});
  EXPECT_TRUE(g.has("z_last_name_first"));
  EXPECT_FALSE(g.has("d"));  // a dimension without coordinate is not a variable
  EXPECT_EQ(g.open_variable("b").read_text_attr("long_name"), "calendar year");
  EXPECT_EQ(g.open_variable("a").name(), "a");
  EXPECT_EQ(g.open_variable("a").path(), "/g/a");
}

TEST(Variables, MisuseIsRejectedWithClearMessages) {
  TempDir dir;
  File f = File::create(dir / "v.nc");
  Group g = make_dims(f);
  g.add_unlimited_dimension("trial");
  const std::vector<double> six(6, 1.0);
  try {
    g.write_variable("v", {"a", "nope"}, six);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'nope' is not a dimension"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("dimensions: a, b, c, d, trial"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(g.write_variable("v", {"a", "c"}, six), Error);                   // 6 values for 2x4
  EXPECT_THROW(g.write_variable("v", {"trial"}, six), Error);                    // unlimited
  EXPECT_THROW(g.write_variable("a", {"a"}, std::vector<double>{1, 2}), Error);  // name taken
  EXPECT_THROW(g.write_variable("v", {"a"}, std::vector<double>{1, 2}, {}, {.deflate_level = 10}),
               Error);
  EXPECT_THROW(g.write_variable("v", {"a"}, std::vector<double>{1, 2}, {}, {.chunk = {3}}), Error);
  EXPECT_THROW(g.write_variable("v", {"a"}, std::vector<double>{1, 2}, {}, {.chunk = {1, 1}}),
               Error);
  EXPECT_THROW(g.write_variable("v", {}, std::vector<double>{1}, {}, {.deflate_level = 1}), Error);
  EXPECT_THROW(g.write_variable("v", {"a"}, std::vector<std::int32_t>{1, 2}, {{"_FillValue", 0.5}}),
               Error);  // not exactly an int
  EXPECT_THROW(g.write_variable("v", {"a"}, std::vector<std::uint8_t>{1, 2}, {{"_FillValue", 300}}),
               Error);  // out of range
  EXPECT_THROW(
      g.write_variable("v", {"a"}, std::vector<std::int32_t>{1, 2}, {{"_FillValue", std::nan("")}}),
      Error);
  EXPECT_THROW(g.write_variable("v", {"a"}, std::vector<double>{1, 2}, {{"_FillValue", "x"}}),
               Error);
  EXPECT_THROW(g.open_variable("missing"), Error);
  EXPECT_THROW(g.read_strings("b"), Error);
  EXPECT_FALSE(g.has("v"));  // nothing half-created by the failures above
}

TEST(Variables, EmptyDimensionIsRefused) {
  // A netCDF dimension of length 0 is unlimited: a fixed one must have values.
  TempDir dir;
  File f = File::create(dir / "v.nc");
  Group g = f.root();
  EXPECT_THROW(g.add_dimension("none", std::vector<std::string>{}), Error);
  EXPECT_THROW(g.add_dimension("none", std::vector<double>{}), Error);
  EXPECT_THROW(g.add_dimension_without_coordinate("none", 0), Error);
  EXPECT_FALSE(g.has("none"));
}

}  // namespace
}  // namespace rampup::h5

namespace rampup::h5 {
namespace {

TEST(Variables, ReadRowsReturnsARangeOfTheFirstAxis) {
  test::TempDir dir;
  {
    File f = File::create(dir.path() / "rows.h5");
    Group g = f.root().create_group("g");
    g.add_dimension_without_coordinate("r", 5);
    g.add_dimension_without_coordinate("k", 3);
    std::vector<float> data(15);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<float>(i);
    g.write_variable("x", {"r", "k"}, data);
  }
  File f = File::open_read(dir.path() / "rows.h5");
  const Variable x = f.root().open_group("g").open_variable("x");
  EXPECT_EQ(x.read_rows<float>(1, 2), (std::vector<float>{3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(x.read_rows<float>(4, 1), (std::vector<float>{12, 13, 14}));
  EXPECT_TRUE(x.read_rows<float>(5, 0).empty());
  EXPECT_THROW(x.read_rows<float>(4, 2), Error);
}

}  // namespace
}  // namespace rampup::h5
