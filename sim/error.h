// The one exception base of the library (sim/): every error it throws derives from
// rampup::Error, which carries the exit code `simulate` returns for it and where it happened.
// models/ stays pure and never includes this. Only sim/cli/main.cpp maps errors to exit codes.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace rampup {

// Exit codes (README "Exit codes").
enum class ExitCode : int {
  failure = 1,        // runtime or I/O failure: the input may be fine, the run or the disk was not
  bad_input = 2,      // bad usage, bad input (scenario, results file), a refused target
  checkpointed = 75,  // EX_TEMPFAIL (sysexits.h): stopped with a checkpoint; re-run to resume
};

// Where an error happened, as far as known; empty fields are unknown or not applicable.
struct ErrorContext {
  std::string file;      // path of the file read or written
  std::string variable;  // HDF5 object path, e.g. "/accumulators/core_share_bins"
  std::string key;       // attribute or scenario key, e.g. "seed"
};

class Error : public std::runtime_error {
 public:
  Error(const std::string& message, ExitCode code, ErrorContext context = {})
      : std::runtime_error(message), code_(code), context_(std::move(context)) {}

  ExitCode code() const noexcept { return code_; }
  int exit_code() const noexcept { return static_cast<int>(code_); }
  const ErrorContext& context() const noexcept { return context_; }

 private:
  ExitCode code_;
  ErrorContext context_;
};

}  // namespace rampup
