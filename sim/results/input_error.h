// A results file that cannot be used as asked (not a results file, malformed, damaged, files
// that cannot be merged or compared): bad input, exit code 2. I/O failures are exit code 1.
#pragma once

#include <string>
#include <utility>

#include "sim/error.h"

namespace rampup {

class InputError : public Error {
 public:
  explicit InputError(const std::string& message, ErrorContext context = {})
      : Error(message, ExitCode::bad_input, std::move(context)) {}
};

// A results file whose stored bytes fail a checksum (docs/FORMAT.md "Integrity"):
// "damaged results file: FILE: VARIABLE".
class DamagedFileError : public InputError {
 public:
  DamagedFileError(const std::string& file, const std::string& variable)
      : InputError("damaged results file: " + file + ": " + variable +
                       " (stored bytes fail their checksum)",
                   {file, variable, {}}) {}
};

}  // namespace rampup
