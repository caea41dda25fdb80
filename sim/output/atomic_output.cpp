#include "sim/output/atomic_output.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>  // renameat2, RENAME_NOREPLACE (glibc >= 2.28)
#include <cstring>
#include <regex>
#include <string>
#include <system_error>
#include <utility>

namespace rampup::output {
namespace {

namespace fs = std::filesystem;

// The signal-safe registry of pending temporary files: fixed-size slots, each a state
// flag (lock-free atomic) and an absolute path in a static char buffer.
constexpr std::size_t PATH_CAPACITY = 4096;
enum SlotState : int { FREE = 0, FILLING = 1, PENDING = 2 };

struct Slot {
  std::atomic<int> state{FREE};
  std::array<char, PATH_CAPACITY> path{};
};
static_assert(std::atomic<int>::is_always_lock_free, "needed in a signal handler");

std::array<Slot, AtomicOutput::MAX_PENDING> g_slots;
std::atomic<unsigned> g_counter{0};

constexpr const char* TEMP_MARK = ".simulate-tmp.";

int claim_slot(const std::string& path) {
  if (path.size() >= PATH_CAPACITY) return -1;
  for (std::size_t i = 0; i < g_slots.size(); ++i) {
    int expected = FREE;
    if (g_slots[i].state.compare_exchange_strong(expected, FILLING)) {
      std::memcpy(g_slots[i].path.data(), path.c_str(), path.size() + 1);
      g_slots[i].state.store(PENDING, std::memory_order_release);
      return static_cast<int>(i);
    }
  }
  return -1;
}

void release_slot(int slot) {
  if (slot >= 0)
    g_slots[static_cast<std::size_t>(slot)].state.store(FREE, std::memory_order_release);
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }
std::string errno_text(int e) { return std::strerror(e); }

std::string host_name() {
  std::array<char, 256> buf{};
  if (::gethostname(buf.data(), buf.size() - 1) != 0 || buf[0] == '\0') return "localhost";
  std::string host = buf.data();
  for (char& c : host) {
    if (c == '/') c = '_';
  }
  return host;
}

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

// A temporary of this program, of a process of this host that no longer exists?
// Name: ".<name>.simulate-tmp.<pid>[-<n>].<host>".
bool is_stale_temp(const std::string& name, const std::string& host) {
  const auto mark = name.rfind(TEMP_MARK);
  if (name.empty() || name[0] != '.' || mark == std::string::npos || mark == 0) return false;
  const std::string rest = name.substr(mark + std::strlen(TEMP_MARK));
  const auto dot = rest.find('.');
  if (dot == std::string::npos || rest.substr(dot + 1) != host) return false;
  const std::string id = rest.substr(0, dot);
  const auto dash = id.find('-');
  const std::string pid_text = id.substr(0, dash);
  if (pid_text.empty() || pid_text.size() > 9 ||
      pid_text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  if (dash != std::string::npos &&
      (dash + 1 == id.size() || id.find_first_not_of("0123456789", dash + 1) != std::string::npos))
    return false;
  const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
  if (pid <= 0 || pid == ::getpid()) return false;
  return ::kill(pid, 0) != 0 && errno == ESRCH;  // EPERM: alive, someone else's
}

std::vector<fs::path> remove_stale_temps(const fs::path& dir) {
  std::vector<fs::path> removed;
  const std::string host = host_name();
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (!is_stale_temp(p.filename().string(), host)) continue;
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (::unlink(p.c_str()) == 0) removed.push_back(p);
  }
  return removed;
}

// Holds an exclusive flock(2) on a directory while alive (best effort: some file systems
// refuse it; the rename stays atomic then, only the check before it is not serialised).
class DirLock {
 public:
  explicit DirLock(const fs::path& dir)
      : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0) {
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
    }
  }
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;
  void sync() const {
    if (fd_ >= 0) ::fsync(fd_);  // the rename itself durable (best effort)
  }

 private:
  int fd_;
};

}  // namespace

void remove_pending_temp_files_signal_safe() noexcept {
  for (Slot& slot : g_slots) {
    if (slot.state.load(std::memory_order_acquire) == PENDING) ::unlink(slot.path.data());
  }
}

std::string io_failure_cause(const std::string& details) {
  static const std::regex errno_re("errno = ([0-9]+)");
  std::smatch m;
  if (std::regex_search(details, m, errno_re)) {
    const int e = std::stoi(m[1].str());
    if (e > 0) return errno_text(e);
  }
  // "f(): message [Minor]; g(): message [Minor]": the innermost call's message.
  std::string last = details;
  if (const auto semi = last.rfind("; "); semi != std::string::npos) last = last.substr(semi + 2);
  if (const auto colon = last.find("(): "); colon != std::string::npos)
    last = last.substr(colon + 4);
  return last.empty() ? details : last;
}

AtomicOutput::AtomicOutput(const fs::path& target, bool overwrite, ReplaceablePredicate replaceable)
    : target_(target), overwrite_(overwrite) {
  if (target_.empty()) throw TargetError("no output file name given");
  if (!target_.has_filename())
    throw TargetError("output path " + quoted(target_) + " names a directory, not a file");
  const auto refuse = [&](const std::string& what) {
    throw TargetError("refusing to write " + quoted(target_) + ": it is " + what +
                      "; simulate writes only regular results files (with or without --force)");
  };

  destination_ = target_;
  struct stat st {};
  if (::lstat(target_.c_str(), &st) == 0) {
    std::string link_note;
    if (S_ISLNK(st.st_mode)) {
      std::error_code ec;
      const fs::path points_to = fs::read_symlink(target_, ec);
      if (::stat(target_.c_str(), &st) != 0) {
        throw TargetError("refusing to write " + quoted(target_) + ": it is a symbolic link to " +
                          quoted(points_to) + ", which " +
                          (errno == ENOENT ? "does not exist" : errno_text(errno)) +
                          "; simulate writes through a link only onto an existing results file");
      }
      destination_ = fs::canonical(target_, ec);
      if (ec) {
        throw OutputError("cannot resolve symbolic link " + quoted(target_) + ": " + ec.message());
      }
      link_note = "a symbolic link to " + quoted(destination_) + ", which is ";
    }
    if (!S_ISREG(st.st_mode)) refuse(link_note + kind_of(st.st_mode));
    if (replaceable && !replaceable(destination_)) {
      throw TargetError("refusing to replace " + quoted(target_) + ": it is " + link_note +
                        "not a results file of simulate, and --force replaces only those "
                        "(remove it yourself if you mean to)");
    }
    if (!overwrite_) {
      throw OutputExistsError("output file " + quoted(target_) +
                              " already exists; pass --force to overwrite it");
    }
    existed_ = true;
    dev_ = st.st_dev;
    ino_ = st.st_ino;
    size_ = st.st_size;
    mtime_s_ = static_cast<long>(st.st_mtim.tv_sec);
    mtime_ns_ = static_cast<long>(st.st_mtim.tv_nsec);
  } else if (errno != ENOENT) {
    throw OutputError("cannot write output file " + quoted(target_) + ": " + errno_text(errno));
  }

  std::error_code ec;
  const fs::path dir = destination_.has_parent_path() ? destination_.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    throw OutputError("cannot write output file " + quoted(target_) + ": directory " + quoted(dir) +
                      (fs::exists(dir, ec) ? " is not a directory" : " does not exist"));
  }
  stale_ = remove_stale_temps(dir);

  const std::string stem =
      "." + destination_.filename().string() + TEMP_MARK + std::to_string(::getpid());
  const std::string host = "." + host_name();
  for (;;) {
    const unsigned n = g_counter.fetch_add(1);
    const std::string name = n == 0 ? stem + host : stem + "-" + std::to_string(n) + host;
    temp_ = fs::absolute(dir / name, ec);
    if (ec) throw OutputError("cannot resolve directory " + quoted(dir) + ": " + ec.message());
    // Claims the name and proves the folder writable before any time is spent on the run.
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::close(fd);
      ::unlink(temp_.c_str());  // the writer creates it afresh (exclusively)
      break;
    }
    if (errno != EEXIST) {
      const int e = errno;
      temp_.clear();
      throw OutputError("cannot write output file " + quoted(target_) +
                        ": cannot create a file in " + quoted(dir) + ": " + errno_text(e));
    }
  }
  slot_ = claim_slot(temp_.string());
  if (slot_ < 0) {
    throw OutputError("cannot register temporary file " + quoted(temp_) +
                      " (path too long or more than " + std::to_string(MAX_PENDING) +
                      " output files pending)");
  }
}

AtomicOutput::AtomicOutput(AtomicOutput&& other) noexcept
    : target_(std::move(other.target_)),
      destination_(std::move(other.destination_)),
      temp_(std::move(other.temp_)),
      stale_(std::move(other.stale_)),
      overwrite_(other.overwrite_),
      committed_(other.committed_),
      existed_(other.existed_),
      dev_(other.dev_),
      ino_(other.ino_),
      size_(other.size_),
      mtime_ns_(other.mtime_ns_),
      mtime_s_(other.mtime_s_),
      slot_(std::exchange(other.slot_, -1)) {
  other.temp_.clear();
  other.committed_ = true;  // the moved-from object owns nothing
}

AtomicOutput::~AtomicOutput() {
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
  release_slot(slot_);
}

std::string AtomicOutput::write_failure(const std::string& details) const {
  // A folder removed under a running write shows up in HDF5 as whichever call failed first
  // (e.g. "can't retrieve stat info for file"); name the cause instead.
  const fs::path dir = temp_.parent_path();
  if (::access(dir.c_str(), F_OK) != 0) {
    return "cannot write results file " + quoted(target_) + ": its directory " + quoted(dir) +
           " vanished while writing";
  }
  return "cannot write results file " + quoted(target_) + ": " + io_failure_cause(details) +
         "; the partial file was removed";
}

void AtomicOutput::commit() {
  if (committed_) throw OutputError("output file " + quoted(target_) + " was already committed");
  const fs::path dir = temp_.parent_path();
  struct stat st {};
  if (::lstat(temp_.c_str(), &st) != 0) {
    if (errno == ENOENT && ::access(dir.c_str(), F_OK) != 0) {
      throw OutputError("cannot write results file " + quoted(target_) + ": its directory " +
                        quoted(dir) + " vanished while writing");
    }
    throw OutputError("cannot commit output file " + quoted(target_) + ": temporary file " +
                      quoted(temp_) + " was not written");
  }
  // Make the data durable before it becomes visible under the target name; a delayed
  // ENOSPC, EDQUOT or EIO surfaces here.
  const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int e = errno;
    if (fd >= 0) ::close(fd);
    throw OutputError(write_failure("errno = " + std::to_string(e)));
  }
  ::close(fd);

  const auto raced = [&](const std::string& what) {
    return OutputExistsError("output file " + quoted(target_) + " " + what +
                             " while this run was writing (another run?); it was left as it is "
                             "and this run's results were discarded");
  };
  const DirLock lock(dir);  // serialises the check and the rename among simulate processes
  int rc = 0;
  if (!existed_) {
    rc = ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && errno == EEXIST) throw raced("appeared");
    if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {  // cannot refuse atomically
      struct stat now {};
      if (::lstat(destination_.c_str(), &now) == 0) throw raced("appeared");
      rc = ::rename(temp_.c_str(), destination_.c_str());
    }
  } else {
    struct stat now {};
    if (::lstat(destination_.c_str(), &now) != 0) throw raced("vanished");
    if (now.st_dev != dev_ || now.st_ino != ino_ || now.st_size != size_ ||
        static_cast<long>(now.st_mtim.tv_sec) != mtime_s_ ||
        static_cast<long>(now.st_mtim.tv_nsec) != mtime_ns_)
      throw raced("was replaced or changed");
    rc = ::rename(temp_.c_str(), destination_.c_str());
  }
  if (rc != 0) {
    const int e = errno;
    if (e == ENOENT && ::access(dir.c_str(), F_OK) != 0) {
      throw OutputError("cannot write results file " + quoted(target_) + ": its directory " +
                        quoted(dir) + " vanished while writing");
    }
    throw OutputError("cannot write results file " + quoted(target_) + ": cannot rename " +
                      quoted(temp_) + " into place: " + errno_text(e));
  }
  lock.sync();
  committed_ = true;
  release_slot(std::exchange(slot_, -1));
}

}  // namespace rampup::output
