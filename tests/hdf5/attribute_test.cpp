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

const std::vector<Attr>& all_kinds() {
  static const std::vector<Attr> attrs = {
      {"title", "Ramp-up results"},
      {"place", "Türkiye µ"},
      {"empty", ""},
      {"pi", 3.141592653589793},
      {"half", 0.5F},
      {"count", std::int32_t{-7}},
      {"big", std::int64_t{1} << 40},
      {"doubles", std::vector<double>{1.5, -2.25, 1e300}},
      {"floats", std::vector<float>{0.0F, 1.0F}},
      {"ints", std::vector<std::int32_t>{1, 2, 3}},
      {"longs", std::vector<std::int64_t>{-(std::int64_t{1} << 50), 4}},
  };
  return attrs;
}

TEST(Attributes, EveryKindRoundTripsExactlyOnGroupsAndVariables) {
  TempDir dir;
  {
    File f = File::create(dir / "a.nc");
    Group g = f.root().create_group("g", all_kinds());
    g.add_dimension("x", std::vector<std::int32_t>{1, 2});
    g.write_variable("v", {"x"}, std::vector<double>{1, 2}, all_kinds());
  }
  File f = File::open_read(dir / "a.nc");
  Group g = f.root().open_group("g");
  Variable v = g.open_variable("v");
  for (const Object* obj : {static_cast<const Object*>(&g), static_cast<const Object*>(&v)}) {
    for (const Attr& a : all_kinds()) {
      EXPECT_EQ(obj->read_attr(a.name), a.value) << obj->path() << " " << a.name;
    }
  }
  EXPECT_EQ(g.read_text_attr("place"), "Türkiye µ");
  EXPECT_EQ(g.read_text_attr("empty"), "");
  EXPECT_DOUBLE_EQ(g.read_double_attr("pi"), 3.141592653589793);
  EXPECT_DOUBLE_EQ(g.read_double_attr("half"), 0.5);
  EXPECT_DOUBLE_EQ(g.read_double_attr("count"), -7.0);
  EXPECT_EQ(g.read_int_attr("count"), -7);
  EXPECT_EQ(g.read_int_attr("big"), std::int64_t{1} << 40);
}

TEST(Attributes, HasAttrSeesOnlyWhatWasWritten) {
  TempDir dir;
  File f = File::create(dir / "a.nc");
  Group g = f.root().create_group("g");
  g.add_dimension("x", std::vector<double>{0.5}, {{"units", "m"}});
  g.write_variable("v", {"x"}, std::vector<float>{1.0F}, {{"zz", "1"}, {"aa", "2"}});
  EXPECT_TRUE(g.open_variable("v").has_attr("aa"));
  EXPECT_FALSE(g.open_variable("v").has_attr("bb"));
  EXPECT_TRUE(g.open_variable("x").has_attr("units"));
  EXPECT_FALSE(g.open_variable("x").has_attr("CLASS"));  // HDF5 bookkeeping stays hidden
}

TEST(Attributes, SetAttrReplacesAnExistingValue) {
  TempDir dir;
  File f = File::create(dir / "a.nc");
  Group root = f.root();
  root.set_attr({"history", "first"});
  root.set_attr({"history", 2.0});
  EXPECT_EQ(root.read_attr("history"), AttrValue(2.0));
}

TEST(Attributes, WrongKindOrMissingThrows) {
  TempDir dir;
  File f = File::create(dir / "a.nc");
  Group root = f.root();
  root.set_attrs({{"text", "abc"}, {"num", 1.5}, {"vec", std::vector<double>{1, 2}}});
  EXPECT_THROW(root.read_text_attr("num"), Error);
  EXPECT_THROW(root.read_double_attr("text"), Error);
  EXPECT_THROW(root.read_int_attr("num"), Error);
  EXPECT_THROW(root.read_double_attr("vec"), Error);
  EXPECT_THROW(root.read_attr("missing"), Error);
  EXPECT_THROW(root.set_attr({"empty_vector", std::vector<double>{}}), Error);
  EXPECT_THROW(root.set_attr({"", 1.0}), Error);
}

}  // namespace
}  // namespace rampup::h5
