// The exit code of each failure (README "Exit codes"), in one place for main and for the
// ranks of an MPI run, which agree on one code before exiting.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace rampup::cli {

inline constexpr int EXIT_CHECKPOINTED = 75;  // EX_TEMPFAIL (sysexits.h): re-run to continue

// Ctrl-C or SIGTERM stopped a run without --checkpoint: exit 1, nothing written at the target.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted; no results file was written") {}
};

// SIGINT/SIGTERM stopped a run with --checkpoint after writing one: exit 75.
class Checkpointed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Another process of the job reported the failure; exit with its code and print nothing.
class SilentExit : public std::exception {
 public:
  explicit SilentExit(int code) : code_(code) {}
  int code() const noexcept { return code_; }
  const char* what() const noexcept override { return "failed on another rank"; }

 private:
  int code_;
};

// 2 for bad usage, bad input or a refused target; 75 for a checkpointed stop; 1 otherwise.
int exit_code_for(const std::exception& e);

}  // namespace rampup::cli
