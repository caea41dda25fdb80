#include "sim/output/atomic_output.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace rampup::output {
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
  // The name says what it is: ".<name>.simulate-tmp.<pid>[-<n>].<host>".
  EXPECT_TRUE(out.temp_path().filename().string().starts_with(".out.nc.simulate-tmp." +
                                                              std::to_string(::getpid())))
      << out.temp_path();
  write_text(out.temp_path(), "t");
  EXPECT_FALSE(std::filesystem::exists(target));
  out.commit();
  EXPECT_TRUE(out.committed());
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.nc"});
  std::ifstream in(target);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "t");
}

TEST(AtomicOutput, UncommittedTempIsRemovedAndTargetStaysAbsent) {
  TempDir dir;
  {
    AtomicOutput out(dir / "out.nc", false);
    write_text(out.temp_path(), "partial");
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

std::string host() {
  char buf[256] = {};
  ::gethostname(buf, sizeof buf - 1);
  return buf;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A pid that is certainly not running: a child that has exited and been reaped.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

TEST(AtomicOutput, StaleTemporariesOfDeadProcessesAreRemovedLiveOnesKept) {
  TempDir dir;
  const std::string h = host();
  const std::string dead = std::to_string(dead_pid());
  const std::string live = std::to_string(::getppid());  // our parent is running
  const std::vector<std::string> stale = {".a.h5.simulate-tmp." + dead + "." + h,
                                          ".b.h5.simulate-tmp." + dead + "-2." + h};
  const std::vector<std::string> kept = {
      ".a.h5.simulate-tmp." + live + "." + h,        // a live process
      ".a.h5.simulate-tmp." + dead + ".other-host",  // another host's (shared file system)
      ".a.h5.simulate-tmp.x1." + h,                  // not a pid
      "a.h5.simulate-tmp." + dead + "." + h,         // not hidden: not ours
      "keep.h5"};
  for (const auto& n : stale) write_text(dir / n, "partial");
  for (const auto& n : kept) write_text(dir / n, "x");
  AtomicOutput out(dir / "c.h5", false);
  std::vector<std::string> removed;
  for (const auto& p : out.stale_removed()) removed.push_back(p.filename().string());
  std::sort(removed.begin(), removed.end());
  EXPECT_EQ(removed, stale);
  auto entries = dir.entries();
  std::sort(entries.begin(), entries.end());
  auto expected = kept;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(entries, expected);
}

TEST(AtomicOutput, NonRegularTargetsAreRefusedWithOrWithoutOverwrite) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0644), 0);
  std::filesystem::create_directory(dir / "folder");
  const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock_path = (dir / "sock").string();
  ASSERT_LT(sock_path.size(), sizeof addr.sun_path);
  std::memcpy(addr.sun_path, sock_path.c_str(), sock_path.size() + 1);
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"fifo", "FIFO"}, {"folder", "directory"}, {"sock", "socket"}};
  for (const auto& [name, kind] : cases) {
    for (const bool overwrite : {false, true}) {
      try {
        AtomicOutput out(dir / name, overwrite);
        ADD_FAILURE() << name;
      } catch (const OutputExistsError& e) {
        ADD_FAILURE() << name << ": " << e.what();
      } catch (const TargetError& e) {
        EXPECT_TRUE(contains(e.what(), kind)) << e.what();
        EXPECT_TRUE(contains(e.what(), name)) << e.what();
      }
    }
  }
  ::close(sock);
  EXPECT_EQ(dir.entries().size(), 3U);  // nothing else created
}

TEST(AtomicOutput, OverwriteOnlyWhatThePredicateAccepts) {
  TempDir dir;
  write_text(dir / "foreign.h5", "not ours");
  write_text(dir / "ours.h5", "ours");
  const auto ours = [](const std::filesystem::path& p) { return p.filename() == "ours.h5"; };
  EXPECT_THROW(AtomicOutput(dir / "foreign.h5", true, ours), TargetError);
  EXPECT_THROW(AtomicOutput(dir / "foreign.h5", false, ours), TargetError);
  AtomicOutput out(dir / "ours.h5", true, ours);
  write_text(out.temp_path(), "new");
  out.commit();
  EXPECT_EQ(test::file_bytes(dir / "ours.h5"), (std::vector<char>{'n', 'e', 'w'}));
  EXPECT_EQ(test::file_bytes(dir / "foreign.h5").size(), 8U);
}

TEST(AtomicOutput, SymlinkIsWrittenThroughOnlyOntoAnAcceptedFile) {
  TempDir dir;
  std::filesystem::create_directory(dir / "real");
  write_text(dir / "real" / "ours.h5", "old");
  write_text(dir / "real" / "foreign.h5", "x");
  std::filesystem::create_symlink("real/ours.h5", dir / "link.h5");
  std::filesystem::create_symlink("real/foreign.h5", dir / "flink.h5");
  std::filesystem::create_symlink("real/none.h5", dir / "dangling.h5");
  const auto ours = [](const std::filesystem::path& p) { return p.filename() == "ours.h5"; };
  EXPECT_THROW(AtomicOutput(dir / "flink.h5", true, ours), TargetError);
  EXPECT_THROW(AtomicOutput(dir / "dangling.h5", true, ours), TargetError);
  EXPECT_THROW(AtomicOutput(dir / "link.h5", false, ours), OutputExistsError);
  AtomicOutput out(dir / "link.h5", true, ours);
  EXPECT_EQ(out.destination(), std::filesystem::canonical(dir / "real" / "ours.h5"));
  EXPECT_EQ(out.temp_path().parent_path(), std::filesystem::canonical(dir / "real"));
  write_text(out.temp_path(), "new");
  out.commit();
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.h5"));  // the link stays a link
  EXPECT_EQ(test::file_bytes(dir / "link.h5"), (std::vector<char>{'n', 'e', 'w'}));
}

TEST(AtomicOutput, ReplacingRefusesATargetChangedByAnotherRunMeanwhile) {
  TempDir dir;
  write_text(dir / "out.h5", "old");
  AtomicOutput first(dir / "out.h5", true);
  AtomicOutput second(dir / "out.h5", true);
  write_text(first.temp_path(), "first");
  write_text(second.temp_path(), "second");
  first.commit();
  EXPECT_THROW(second.commit(), OutputExistsError);
  EXPECT_EQ(test::file_bytes(dir / "out.h5"), (std::vector<char>{'f', 'i', 'r', 's', 't'}));
  // A target that did not exist: whoever renames second finds it there, even with overwrite.
  AtomicOutput a(dir / "new.h5", true);
  AtomicOutput b(dir / "new.h5", true);
  write_text(a.temp_path(), "a");
  write_text(b.temp_path(), "b");
  b.commit();
  EXPECT_THROW(a.commit(), OutputExistsError);
  EXPECT_EQ(test::file_bytes(dir / "new.h5"), (std::vector<char>{'b'}));
}

TEST(AtomicOutput, ReadOnlyFolderIsAnOutputErrorNamingTheCause) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "root bypasses permission bits (tests/cli/test_faults.py mounts read-only)";
  }
  TempDir dir;
  std::filesystem::create_directory(dir / "ro");
  std::filesystem::permissions(
      dir / "ro", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  try {
    AtomicOutput out(dir / "ro" / "out.h5", false);
    ADD_FAILURE();
  } catch (const TargetError& e) {
    ADD_FAILURE() << e.what();
  } catch (const OutputError& e) {
    EXPECT_TRUE(contains(e.what(), "Permission denied")) << e.what();
  }
  std::filesystem::permissions(dir / "ro", std::filesystem::perms::owner_all);
}

TEST(AtomicOutput, VanishedFolderIsReportedAtCommit) {
  TempDir dir;
  std::filesystem::create_directory(dir / "sub");
  AtomicOutput out(dir / "sub" / "out.h5", false);
  write_text(out.temp_path(), "data");
  std::filesystem::remove_all(dir / "sub");
  try {
    out.commit();
    ADD_FAILURE();
  } catch (const OutputError& e) {
    EXPECT_TRUE(contains(e.what(), "vanished")) << e.what();
  }
}

TEST(AtomicOutput, WriteFailureNamesTheTargetAndTheErrnoCause) {
  TempDir dir;
  AtomicOutput out(dir / "out.h5", false);
  const std::string line = out.write_failure(
      "H5Dwrite(): can't write data [Write failed]; H5FD__sec2_write(): file write failed: "
      "errno = 28, error message = 'No space left on device' [Write failed]");
  EXPECT_TRUE(contains(line, "out.h5")) << line;
  EXPECT_TRUE(contains(line, std::strerror(ENOSPC))) << line;
  EXPECT_FALSE(contains(line, "H5D")) << line;
  EXPECT_EQ(io_failure_cause("f(): outer [A]; g(): inner message [B]"), "inner message [B]");
}

}  // namespace
}  // namespace rampup::output
