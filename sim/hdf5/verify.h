// Reading every stored byte of a file once, so that HDF5 checks every checksum in it.
#pragma once

#include "sim/hdf5/file.h"

namespace rampup::h5 {

// Reads all variables of all groups (data in blocks of at most ~4 MiB, so memory stays
// bounded), discarding the values. Throws DamagedError naming the first variable whose
// Fletcher-32 or metadata checksum fails, Error on any other read failure. Dimensions
// without coordinate (no data) are skipped.
void read_every_variable(const File& file);

}  // namespace rampup::h5
