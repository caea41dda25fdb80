#include "sim/hdf5/error.h"

#include <utility>

namespace rampup::h5 {
namespace {

std::string compose(const std::string& action, const std::string& object, const std::string& file,
                    const std::string& details) {
  std::string text = action;
  if (!object.empty()) text += " '" + object + "'";
  if (!file.empty()) text += (object.empty() ? " '" : " in file '") + file + "'";
  if (!details.empty()) text += ": " + details;
  return text;
}

}  // namespace

Error::Error(std::string action, std::string object, std::string file, std::string details,
             ExitCode code)
    : rampup::Error(compose(action, object, file, details), code, {file, object, {}}),
      action_(std::move(action)),
      object_(std::move(object)),
      file_(std::move(file)),
      details_(std::move(details)) {}

DamagedError::DamagedError(std::string action, std::string object, std::string file,
                           std::string details)
    : Error(std::move(action), std::move(object), std::move(file), std::move(details),
            ExitCode::bad_input) {}

}  // namespace rampup::h5
