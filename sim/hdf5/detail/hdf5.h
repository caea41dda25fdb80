// Private to sim/hdf5: the little done with the HDF5 C API directly, where netCDF-C has no
// equivalent (docs/FORMAT.md "The file layer"): HDF5's error stack, to tell damaged bytes
// from other failures, and the raw link walk before netCDF-C opens a file.
#pragma once

#include <filesystem>
#include <string>

namespace rampup::h5::detail {

// Records HDF5's error stack whenever an HDF5 call fails (H5Eset_auto2), instead of printing
// it; call after nc_initialize, which turns HDF5's printing off.
void record_hdf5_errors();
// The stacks recorded since the last call, "; "-separated, outermost call first; clears them.
std::string take_recorded_hdf5_errors();

// A checksum failure ("data error detected by fletcher32 checksum", "incorrect metadata
// checksum") or a compressed chunk that does not decompress ("inflate() failed"): the stored
// bytes changed since they were written.
bool reports_damage(const std::string& hdf5_text);

// Lists the links of every group with HDF5 in native order before netCDF-C opens the file:
// HDF5 1.10.8 frees uninitialised memory when building the creation-order link table of a
// damaged dense group fails (H5G__dense_build_table's error path, a crash; found by
// tests/fuzz/results_fuzzer), and netCDF-C lists links in creation order. Native order reads
// the same links without that table, so such a file fails here, cleanly. Throws Error
// (DamagedError on a checksum failure).
void walk_links(const std::filesystem::path& path);

}  // namespace rampup::h5::detail
