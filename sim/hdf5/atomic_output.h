// Write a result file under a temporary name and rename it into place on success,
// so a crash or Ctrl-C never leaves a half-written file at the target path.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace rampup::h5 {

// The target file cannot be prepared or committed (missing directory, rename failure).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The target exists and overwriting was not allowed; the message suggests --force.
class OutputExistsError : public OutputError {
 public:
  using OutputError::OutputError;
};

// Usage:
//   AtomicOutput out(target, overwrite);
//   { auto f = File::create(out.temp_path()); ...; f.close(); }
//   out.commit();  // rename(temp, target)
// commit() fsyncs the closed temporary file, then renames it; without overwrite the rename
// refuses atomically (renameat2 RENAME_NOREPLACE) to replace a file that appeared meanwhile.
// Close the file first. If commit() is
// never reached, the destructor removes the temporary file. The temporary name is
// registered so a signal handler can remove it (remove_pending_temp_files_signal_safe).
class AtomicOutput {
 public:
  // Throws OutputExistsError if `target` exists and !overwrite, OutputError if its
  // directory does not exist or it is a directory.
  AtomicOutput(const std::filesystem::path& target, bool overwrite);
  ~AtomicOutput();
  AtomicOutput(AtomicOutput&& other) noexcept;
  AtomicOutput& operator=(AtomicOutput&&) = delete;
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // ".<target name>.tmp-<pid>-<n>" in the target's directory (same file system).
  const std::filesystem::path& temp_path() const noexcept { return temp_; }
  const std::filesystem::path& target() const noexcept { return target_; }
  bool committed() const noexcept { return committed_; }

  // Atomically renames the temporary file to the target. Throws OutputError if the
  // temporary file is missing or the rename fails, OutputExistsError if the target
  // appeared meanwhile and overwriting is not allowed.
  void commit();

  // How many temporary paths can be pending at once in the process.
  static constexpr std::size_t MAX_PENDING = 16;

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool overwrite_ = false;
  bool committed_ = false;
  int slot_ = -1;  // index in the signal-safe registry, -1 if none
};

// For a SIGINT/SIGTERM handler: unlink() every pending temporary file. Calls nothing
// but unlink(2) and lock-free atomics, so it is async-signal-safe.
void remove_pending_temp_files_signal_safe() noexcept;

}  // namespace rampup::h5
