// The failures of the run command that are not library errors, and the exit code of any
// exception (README "Exit codes"), in one place for main and for the ranks of an MPI run,
// which agree on one code before exiting.
#pragma once

#include <exception>
#include <string>

#include "sim/error.h"

namespace rampup::cli {

// Ctrl-C or SIGTERM stopped a run without --checkpoint: exit 1, nothing written at the target.
class Interrupted : public Error {
 public:
  Interrupted() : Error("interrupted; no results file was written", ExitCode::failure) {}
};

// SIGINT/SIGTERM stopped a run with --checkpoint after writing one: exit 75.
class Checkpointed : public Error {
 public:
  explicit Checkpointed(const std::string& message) : Error(message, ExitCode::checkpointed) {}
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

// A library error's own code (sim/error.h), SilentExit's, or 1 for anything else.
int exit_code_for(const std::exception& e);

}  // namespace rampup::cli
