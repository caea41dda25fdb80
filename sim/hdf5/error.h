// The one exception type of the file layer (after HighFive's H5Exception.hpp).
#pragma once

#include <string>

#include "sim/error.h"

namespace rampup::h5 {

// Thrown by every failed call in rampup::h5. what() reads
//   "<action> '<object>' in file '<file>': <netCDF-C's text; HDF5's error stack, innermost last>"
// or, for whole-file operations (empty object), "<action> '<file>': <...>".
// so the message alone says what was being done to which object of which file.
// A runtime failure (exit code 1) unless a subclass says otherwise.
class Error : public rampup::Error {
 public:
  Error(std::string action, std::string object, std::string file, std::string details,
        ExitCode code = ExitCode::failure);

  const std::string& action() const noexcept { return action_; }
  const std::string& object() const noexcept {
    return object_;
  }  // netCDF/HDF5 path, e.g. "/summary/share"
  const std::string& file() const noexcept { return file_; }
  const std::string& details() const noexcept { return details_; }  // the libraries' text, or ours

 private:
  std::string action_;
  std::string object_;
  std::string file_;
  std::string details_;
};

// HDF5 found stored bytes that fail their checksum (Fletcher-32 on a chunk of data, zlib's on a
// compressed chunk, or a metadata checksum) while reading `object`: the file is damaged. Bad
// input, exit code 2.
class DamagedError : public Error {
 public:
  DamagedError(std::string action, std::string object, std::string file, std::string details);
};

}  // namespace rampup::h5
