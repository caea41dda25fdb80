#include "sim/results/integrity.h"

#include "sim/hdf5/verify.h"
#include "sim/results/results_file.h"

namespace rampup {

void verify_results_file(const std::filesystem::path& path) {
  reporting_damage([&] { h5::read_every_variable(open_results_for_reading(path)); });
}

}  // namespace rampup
