// Runs a step of a command on every rank of a job and agrees on its outcome, so a job that
// fails anywhere stops everywhere with one message and one exit code.
#pragma once

#include <exception>

#include "sim/cli/exit_codes.h"
#include "sim/run/communicator.h"
#include "sim/run/staged_run.h"

namespace rampup::cli {

// Runs `body` on every rank; if it failed on any, the lowest rank that failed of its own accord
// rethrows its error and the others exit with the same code silently. A rank that only learnt
// of another's failure (PeerFailed) defers to it.
template <class Body>
void collectively(Communicator& comm, Body&& body) {
  std::exception_ptr error;
  int code = 0;
  bool peer_failed = false;
  try {
    body();
  } catch (const PeerFailed&) {
    peer_failed = true;
  } catch (const std::exception& e) {
    error = std::current_exception();
    code = exit_code_for(e);
  }
  if (comm.size() == 1) {
    if (error) std::rethrow_exception(error);
    if (peer_failed) throw PeerFailed();
    return;
  }
  int reporter = 0;
  const int agreed = agree_on_failure(comm, code, reporter);
  if (agreed == 0) {
    if (peer_failed) throw PeerFailed();  // a failure no rank could report
    return;
  }
  if (comm.rank() == reporter) std::rethrow_exception(error);
  throw SilentExit(agreed);
}

}  // namespace rampup::cli
