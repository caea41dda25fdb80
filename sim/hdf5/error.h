// The one exception type of the HDF5 layer (after HighFive's H5Exception.hpp).
#pragma once

#include <stdexcept>
#include <string>

namespace rampup::h5 {

// Thrown by every failed call in rampup::h5. what() reads
//   "<action> '<object>' in file '<file>': <HDF5 error stack, innermost last>"
// or, for whole-file operations (empty object), "<action> '<file>': <...>".
// so the message alone says what was being done to which object of which file.
class Error : public std::runtime_error {
 public:
  Error(std::string action, std::string object, std::string file, std::string details);

  const std::string& action() const noexcept { return action_; }
  const std::string& object() const noexcept {
    return object_;
  }  // HDF5 path, e.g. "/summary/share"
  const std::string& file() const noexcept { return file_; }
  const std::string& details() const noexcept { return details_; }  // HDF5's own text, or ours

 private:
  std::string action_;
  std::string object_;
  std::string file_;
  std::string details_;
};

}  // namespace rampup::h5
