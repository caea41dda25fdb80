// A results file that cannot be used as asked (not a results file, files that cannot be
// merged or compared): bad input, exit code 2. I/O failures stay std::runtime_error (exit 1).
#pragma once

#include <stdexcept>

namespace rampup {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rampup
