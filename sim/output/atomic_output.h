// Write a result file under a temporary name and rename it into place on success,
// so a crash, a full disk or Ctrl-C never leaves a half-written file at the target path.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/error.h"

namespace rampup::output {

// The output cannot be prepared, written or committed (missing or read-only folder, full
// disk, I/O error, rename failure): a runtime failure, exit code 1.
class OutputError : public rampup::Error {
 public:
  explicit OutputError(const std::string& message) : rampup::Error(message, ExitCode::failure) {}

 protected:
  OutputError(const std::string& message, ExitCode code) : rampup::Error(message, code) {}
};

// The target is not something this program may write: a directory, device, FIFO or socket,
// a file that is not one of its results files, a dangling symbolic link. Bad usage, exit 2.
class TargetError : public OutputError {
 public:
  explicit TargetError(const std::string& message) : OutputError(message, ExitCode::bad_input) {}
};

// The target exists and overwriting was not allowed (the message suggests --force), or it
// appeared or changed while this run was writing (another run won the race). Exit 2.
class OutputExistsError : public TargetError {
 public:
  using TargetError::TargetError;
};

// May an existing regular file be replaced (with overwrite)? E.g. "is it a results file".
using ReplaceablePredicate = std::function<bool(const std::filesystem::path&)>;

// Usage:
//   AtomicOutput out(target, overwrite, is_results_file);
//   { auto f = File::create(out.temp_path()); ...; f.close(); }
//   out.commit();  // rename(temp, destination)
//
// The target must be absent, or (with overwrite) a regular file that `replaceable` accepts
// (any regular file if it is empty); a symbolic link is followed only to such a file, which
// is then replaced where the link points (the link stays). Anything else is a TargetError.
//
// The temporary file is ".<name>.simulate-tmp.<pid>[-<n>].<host>" beside the destination
// (same file system). The constructor first removes the stale temporaries of this program in
// that folder left by dead processes of this host (stale_removed() lists them; a run killed
// by SIGKILL cannot remove its own), then checks that the folder is writable.
//
// commit() fsyncs the closed temporary file and renames it into place under an exclusive
// lock on the folder, refusing (OutputExistsError) if the target appeared meanwhile or, when
// replacing, is no longer the file seen at the start: of two runs racing for one target one
// wins and the other fails, and neither file is damaged. Close the file first. If commit()
// is never reached, the destructor removes the temporary file. The temporary name is
// registered so a signal handler can remove it (remove_pending_temp_files_signal_safe).
class AtomicOutput {
 public:
  AtomicOutput(const std::filesystem::path& target, bool overwrite,
               ReplaceablePredicate replaceable = {});
  ~AtomicOutput();
  AtomicOutput(AtomicOutput&& other) noexcept;
  AtomicOutput& operator=(AtomicOutput&&) = delete;
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::filesystem::path& temp_path() const noexcept { return temp_; }
  // As given by the caller; destination() is where the file goes (a symlink's target).
  const std::filesystem::path& target() const noexcept { return target_; }
  const std::filesystem::path& destination() const noexcept { return destination_; }
  bool committed() const noexcept { return committed_; }
  // Stale temporary files of dead processes that the constructor removed.
  const std::vector<std::filesystem::path>& stale_removed() const noexcept { return stale_; }

  // Atomically renames the temporary file to the destination. Throws OutputError if the
  // temporary file is missing, cannot be synced or the rename fails, OutputExistsError if
  // the target appeared or changed meanwhile.
  void commit();

  // "cannot write results file 'TARGET': CAUSE; the partial file was removed" from the text
  // of a failed write into temp_path() (e.g. HDF5's error stack: the errno it reports, if any).
  std::string write_failure(const std::string& details) const;

  // How many temporary paths can be pending at once in the process.
  static constexpr std::size_t MAX_PENDING = 16;

 private:
  std::filesystem::path target_;
  std::filesystem::path destination_;
  std::filesystem::path temp_;
  std::vector<std::filesystem::path> stale_;
  bool overwrite_ = false;
  bool committed_ = false;
  bool existed_ = false;  // the destination existed at the start (and may be replaced)
  dev_t dev_ = 0;         // its identity then, to notice a concurrent replacement
  ino_t ino_ = 0;
  off_t size_ = 0;
  long mtime_ns_ = 0;
  long mtime_s_ = 0;
  int slot_ = -1;  // index in the signal-safe registry, -1 if none
};

// Runs `body`, which writes into output.temp_path(); a failure on that file (an error whose
// context names it, e.g. from the file layer sim/hdf5) becomes one OutputError naming the target
// and the cause (write_failure). The temporary file is removed as the stack unwinds.
template <class Body>
void writing(const AtomicOutput& output, Body&& body) {
  try {
    body();
  } catch (const rampup::Error& e) {
    if (std::filesystem::path(e.context().file) != output.temp_path()) throw;
    const std::string what = e.what(), at = "'" + e.context().file + "': ";
    const auto pos = what.find(at);
    throw OutputError(
        output.write_failure(pos == std::string::npos ? what : what.substr(pos + at.size())));
  }
}

// For a SIGINT/SIGTERM handler: unlink() every pending temporary file. Calls nothing
// but unlink(2) and lock-free atomics, so it is async-signal-safe.
void remove_pending_temp_files_signal_safe() noexcept;

// The cause in an I/O error text: strerror of the "errno = N" HDF5's file drivers report,
// else the innermost "f(): message" of a "; "-separated stack, else the text itself.
std::string io_failure_cause(const std::string& details);

}  // namespace rampup::output
