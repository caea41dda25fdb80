#include "sim/hdf5/atomic_output.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "sim/hdf5/file.h"
#include "tests/hdf5/temp_dir.h"

namespace rampup::h5 {
namespace {

using test::TempDir;

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

TEST(AtomicOutput, TempFileBesideTargetIsRenamedOnCommit) {
  TempDir dir;
  const auto target = dir / "out.nc";
  AtomicOutput out(target, false);
  EXPECT_EQ(std::filesystem::canonical(out.temp_path().parent_path()),
            std::filesystem::canonical(dir.path()));
  EXPECT_TRUE(out.temp_path().filename().string().starts_with(".out.nc.tmp-"));
  {
    File f = File::create(out.temp_path());
    f.root().set_attr({"title", "t"});
    f.close();
  }
  EXPECT_FALSE(std::filesystem::exists(target));
  out.commit();
  EXPECT_TRUE(out.committed());
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.nc"});
  EXPECT_EQ(File::open_read(target).root().read_text_attr("title"), "t");
}

TEST(AtomicOutput, UncommittedTempIsRemovedAndTargetStaysAbsent) {
  TempDir dir;
  {
    AtomicOutput out(dir / "out.nc", false);
    File::create(out.temp_path());
    EXPECT_TRUE(std::filesystem::exists(out.temp_path()));
  }  // e.g. an exception unwinding before commit()
  EXPECT_TRUE(dir.entries().empty());
}

TEST(AtomicOutput, ExistingTargetIsRefusedWithoutOverwriteAndUntouched) {
  TempDir dir;
  write_text(dir / "out.nc", "old");
  try {
    AtomicOutput out(dir / "out.nc", false);
    FAIL();
  } catch (const OutputExistsError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("out.nc"), std::string::npos) << what;
    EXPECT_NE(what.find("already exists"), std::string::npos) << what;
    EXPECT_NE(what.find("--force"), std::string::npos) << what;
  }
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.nc"});
  EXPECT_EQ(test::file_bytes(dir / "out.nc"), (std::vector<char>{'o', 'l', 'd'}));
}

TEST(AtomicOutput, UncommittedOverwriteLeavesTheOldTargetUntouched) {
  TempDir dir;
  write_text(dir / "out.nc", "old");
  {
    AtomicOutput out(dir / "out.nc", true);
    write_text(out.temp_path(), "new");
  }
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.nc"});
  EXPECT_EQ(test::file_bytes(dir / "out.nc"), (std::vector<char>{'o', 'l', 'd'}));
}

TEST(AtomicOutput, OverwriteReplacesOnCommit) {
  TempDir dir;
  write_text(dir / "out.nc", "old");
  AtomicOutput out(dir / "out.nc", true);
  write_text(out.temp_path(), "new");
  out.commit();
  EXPECT_EQ(test::file_bytes(dir / "out.nc"), (std::vector<char>{'n', 'e', 'w'}));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.nc"});
}

TEST(AtomicOutput, MissingDirectoryAndOtherMisuseAreClearErrors) {
  TempDir dir;
  try {
    AtomicOutput out(dir / "no_such_dir" / "out.nc", true);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_dir"), std::string::npos) << e.what();
  }
  EXPECT_THROW(AtomicOutput(dir.path(), true), OutputError);  // a directory
  AtomicOutput out(dir / "out.nc", false);
  EXPECT_THROW(out.commit(), OutputError);  // nothing was written
  write_text(dir / "out.nc", "raced");
  write_text(out.temp_path(), "mine");
  EXPECT_THROW(out.commit(), OutputExistsError);  // target appeared meanwhile
  EXPECT_EQ(test::file_bytes(dir / "out.nc"), (std::vector<char>{'r', 'a', 'c', 'e', 'd'}));
}

TEST(AtomicOutput, SignalSafeCleanupRemovesOnlyPendingTempFiles) {
  TempDir dir;
  AtomicOutput committed(dir / "done.nc", false);
  write_text(committed.temp_path(), "done");
  committed.commit();
  AtomicOutput pending(dir / "out.nc", false);
  write_text(pending.temp_path(), "partial");
  AtomicOutput second(dir / "out2.nc", false);
  write_text(second.temp_path(), "partial");
  EXPECT_EQ(dir.entries().size(), 3U);
  remove_pending_temp_files_signal_safe();
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"done.nc"});
}

TEST(AtomicOutput, RegistrySlotsAreReusedAndBounded) {
  TempDir dir;
  for (int i = 0; i < 100; ++i) AtomicOutput out(dir / "out.nc", false);  // slots freed each time
  std::vector<AtomicOutput> outs;
  outs.reserve(AtomicOutput::MAX_PENDING);
  for (std::size_t i = 0; i < AtomicOutput::MAX_PENDING; ++i) {
    outs.emplace_back(dir / std::to_string(i), false);
  }
  EXPECT_THROW(AtomicOutput(dir / "one_more", false), OutputError);
  outs.pop_back();
  EXPECT_NO_THROW(AtomicOutput(dir / "one_more", false));
}

}  // namespace
}  // namespace rampup::h5
