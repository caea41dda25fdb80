#include "sim/hdf5/peek.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>

#include "sim/hdf5/file.h"
#include "tests/support/temp_dir.h"

namespace rampup::h5 {
namespace {

using test::TempDir;

bool has(const RootPeek& peek, const std::string& name) {
  return std::ranges::count(peek.names, name) == 1;
}

TEST(Peek, ReadsTheRootsNamesAndOneTextAttribute) {
  TempDir dir;
  {
    File f = File::create(dir / "a.nc");
    f.root().set_attrs({{"source", "simulate 1.2.3"}, {"format_version", std::int32_t{4}}});
    f.root().create_group("inner", {{"hidden", "not the root's"}});
  }
  const std::optional<RootPeek> source = peek_root(dir / "a.nc", "source");
  ASSERT_TRUE(source);
  EXPECT_EQ(source->text, "simulate 1.2.3");
  EXPECT_TRUE(has(*source, "source") && has(*source, "format_version"));
  EXPECT_FALSE(has(*source, "hidden"));
  EXPECT_EQ(peek_root(dir / "a.nc", "format_version")->text, std::nullopt);  // not text
  EXPECT_EQ(peek_root(dir / "a.nc", "title")->text, std::nullopt);           // absent
  EXPECT_EQ(File::open_read(dir / "a.nc").root().read_text_attr("source"), source->text);
}

TEST(Peek, NothingFromWhatIsNotAnHdf5FileAndTheRootOfACutOne) {
  TempDir dir;
  std::ofstream(dir / "notes.h5") << "somebody's notes\n";
  std::filesystem::create_directory(dir / "folder.h5");
  EXPECT_EQ(peek_root(dir / "notes.h5", "source"), std::nullopt);
  EXPECT_EQ(peek_root(dir / "folder.h5", "source"), std::nullopt);
  EXPECT_EQ(peek_root(dir / "missing.h5", "source"), std::nullopt);
  for (const auto& name : {"long.nc", "short.nc"}) {
    File f = File::create(dir / name);
    f.root().set_attrs({{"source", "simulate 1.2.3"}});
  }
  // Cut inside the superblock: nothing. Cut after the root's header: the root is still read
  // (it says whose file it is, which is all a peek is for).
  std::filesystem::resize_file(dir / "short.nc", 40);
  std::filesystem::resize_file(dir / "long.nc", 600);
  EXPECT_EQ(peek_root(dir / "short.nc", "source"), std::nullopt);
  EXPECT_EQ(peek_root(dir / "long.nc", "source").value().text, "simulate 1.2.3");
}

}  // namespace
}  // namespace rampup::h5
