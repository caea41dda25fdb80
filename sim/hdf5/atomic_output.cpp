#include "sim/hdf5/atomic_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>  // renameat2, RENAME_NOREPLACE (glibc >= 2.28)

#include <array>
#include <atomic>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

namespace rampup::h5 {
namespace {

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

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace

void remove_pending_temp_files_signal_safe() noexcept {
  for (Slot& slot : g_slots) {
    if (slot.state.load(std::memory_order_acquire) == PENDING) ::unlink(slot.path.data());
  }
}

AtomicOutput::AtomicOutput(const std::filesystem::path& target, bool overwrite)
    : target_(target), overwrite_(overwrite) {
  namespace fs = std::filesystem;
  if (target_.empty()) throw OutputError("no output file name given");
  if (!target_.has_filename())
    throw OutputError("output path " + quoted(target_) + " names a directory, not a file");
  const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw OutputError("cannot write output file " + quoted(target_) + ": directory " + quoted(dir) +
                      (fs::exists(dir, ec) ? " is not a directory" : " does not exist"));
  }
  if (fs::is_directory(target_, ec)) {
    throw OutputError("output path " + quoted(target_) + " is a directory, not a file");
  }
  if (fs::exists(target_, ec) && !overwrite_) {
    throw OutputExistsError("output file " + quoted(target_) +
                            " already exists; pass --force to overwrite it");
  }
  std::string prefix = ".";
  prefix += target_.filename().string();
  prefix += ".tmp-" + std::to_string(::getpid()) + "-";
  do {
    temp_ = fs::absolute(dir / (prefix + std::to_string(g_counter.fetch_add(1))), ec);
    if (ec) throw OutputError("cannot resolve directory " + quoted(dir) + ": " + ec.message());
  } while (fs::exists(temp_, ec));
  slot_ = claim_slot(temp_.string());
  if (slot_ < 0) {
    throw OutputError("cannot register temporary file " + quoted(temp_) +
                      " (path too long or more than " + std::to_string(MAX_PENDING) +
                      " output files pending)");
  }
}

AtomicOutput::AtomicOutput(AtomicOutput&& other) noexcept
    : target_(std::move(other.target_)),
      temp_(std::move(other.temp_)),
      overwrite_(other.overwrite_),
      committed_(other.committed_),
      slot_(std::exchange(other.slot_, -1)) {
  other.temp_.clear();
  other.committed_ = true;  // the moved-from object owns nothing
}

AtomicOutput::~AtomicOutput() {
  if (!committed_ && !temp_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
  }
  release_slot(slot_);
}

void AtomicOutput::commit() {
  namespace fs = std::filesystem;
  if (committed_) throw OutputError("output file " + quoted(target_) + " was already committed");
  std::error_code ec;
  if (!fs::exists(temp_, ec)) {
    throw OutputError("cannot commit output file " + quoted(target_) + ": temporary file " +
                      quoted(temp_) + " was not written");
  }
  // Make the data durable before it becomes visible under the target name.
  if (const int fd = ::open(temp_.c_str(), O_RDONLY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  const auto appeared = [&] {
    return OutputExistsError("output file " + quoted(target_) +
                             " appeared while writing; pass --force to overwrite it");
  };
  if (overwrite_) {
    fs::rename(temp_, target_, ec);  // atomic within one file system (same directory)
  } else if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(),
                         RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST) throw appeared();
    if (errno != EINVAL && errno != ENOSYS) {
      ec = std::error_code(errno, std::generic_category());
    } else {  // the file system cannot refuse atomically: check, then rename
      if (fs::exists(target_)) throw appeared();
      fs::rename(temp_, target_, ec);
    }
  }
  if (ec) {
    throw OutputError("cannot rename " + quoted(temp_) + " to " + quoted(target_) + ": " +
                      ec.message());
  }
  committed_ = true;
  release_slot(std::exchange(slot_, -1));
}

}  // namespace rampup::h5
