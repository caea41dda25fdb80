#include "sim/hdf5/file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace rampup::h5 {
namespace {

using test::TempDir;

TEST(File, CreateThenOpenReadSeesTheGroups) {
  TempDir dir;
  {
    File f = File::create(dir / "a.nc");
    Group root = f.root();
    root.create_group("zeta");
    root.create_group("alpha", {{"description", "second group"}});
    Group mid = root.create_group("mid");
    mid.create_group("inner");
  }
  File f = File::open_read(dir / "a.nc");
  Group root = f.root();
  EXPECT_TRUE(root.has("alpha"));
  EXPECT_FALSE(root.has("beta"));
  EXPECT_FALSE(root.has("a/b"));
  EXPECT_EQ(root.open_group("alpha").read_text_attr("description"), "second group");
  Group inner = root.open_group("mid").open_group("inner");
  EXPECT_EQ(inner.path(), "/mid/inner");
  try {
    root.open_group("nope");
    FAIL();
  } catch (const Error& e) {  // groups listed in creation order
    EXPECT_NE(std::string(e.what()).find("groups: zeta, alpha, mid"), std::string::npos)
        << e.what();
  }
}

TEST(File, CreatingOverAnExistingFileFailsAndLeavesItAlone) {
  TempDir dir;
  { File::create(dir / "a.nc").root().create_group("keep"); }
  const auto before = test::file_bytes(dir / "a.nc");
  try {
    File::create(dir / "a.nc");
    FAIL() << "expected rampup::h5::Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("already exists"), std::string::npos) << e.what();
    EXPECT_EQ(e.file(), (dir / "a.nc").string());
  }
  EXPECT_EQ(test::file_bytes(dir / "a.nc"), before);
}

TEST(File, ErrorsNameTheFileAndFoldInLibraryText) {
  TempDir dir;
  try {
    File::open_read(dir / "missing.nc");
    FAIL() << "expected rampup::h5::Error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("opening netCDF file for reading"), std::string::npos) << what;
    EXPECT_NE(what.find("missing.nc"), std::string::npos) << what;
  }
  std::ofstream(dir / "not_hdf5.nc") << "plain text, not HDF5";
  try {
    File::open_read(dir / "not_hdf5.nc");
    FAIL() << "expected rampup::h5::Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("H5Fopen"), std::string::npos) << e.what();  // HDF5's text
  }
  try {
    File::create(dir / "no_such_dir" / "a.nc");
    FAIL() << "expected rampup::h5::Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("H5Fcreate"), std::string::npos) << e.what();
  }
}

TEST(File, FailuresDoNotPrintHdf5ErrorStacksToStderr) {
  TempDir dir;
  ::testing::internal::CaptureStderr();
  EXPECT_THROW(File::open_read(dir / "missing.nc"), Error);
  EXPECT_THROW(File::create(dir / "no_such_dir" / "a.nc"), Error);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST(File, GroupMisuseThrowsTypedErrors) {
  TempDir dir;
  File f = File::create(dir / "a.nc");
  Group root = f.root();
  root.create_group("g");
  EXPECT_THROW(root.create_group("g"), Error);
  EXPECT_THROW(root.create_group(""), Error);
  EXPECT_THROW(root.create_group("a/b"), Error);
  try {
    root.open_group("nope");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("groups: g"), std::string::npos) << e.what();
    EXPECT_EQ(e.object(), "/nope");
  }
}

TEST(File, OpenReadOnlyRefusesWrites) {
  TempDir dir;
  { File::create(dir / "a.nc"); }
  File f = File::open_read(dir / "a.nc");
  EXPECT_THROW(f.root().create_group("g"), Error);
}

TEST(File, CloseRefusesWhileObjectsAreAliveThenSucceeds) {
  TempDir dir;
  File f = File::create(dir / "a.nc");
  {
    Group root = f.root();
    EXPECT_THROW(f.close(), Error);
    EXPECT_TRUE(f.is_open());
  }
  f.close();
  EXPECT_FALSE(f.is_open());
  EXPECT_THROW(f.root(), Error);
  EXPECT_NO_THROW(File::open_read(dir / "a.nc"));
}

TEST(File, NonAsciiTextIsOneNcStringAsciiIsNcChar) {
  TempDir dir;
  {
    File f = File::create(dir / "a.nc");
    f.root().set_attrs({{"ascii", "plain"}, {"utf8", "Türkiye"}});
  }
  File f = File::open_read(dir / "a.nc");
  EXPECT_EQ(f.root().read_text_attr("ascii"), "plain");
  EXPECT_EQ(f.root().read_text_attr("utf8"), "Türkiye");
}

}  // namespace
}  // namespace rampup::h5
