// A look at a file's root attributes with HDF5 alone, without opening it through netCDF-C
// (which reads the metadata of every group first: ~15 ms for a results file, against ~0.2 ms
// here). For deciding what a file is before touching it, e.g. whether --force may replace it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rampup::h5 {

struct RootPeek {
  std::vector<std::string> names;   // every attribute of the root group
  std::optional<std::string> text;  // the value of the text attribute asked for
};

// The root group's attribute names and the value of its text attribute `text_name` (nullopt if
// it has none, or it is not fixed-length text as netCDF writes it); nullopt if `path` cannot be
// opened as an HDF5 file.
std::optional<RootPeek> peek_root(const std::filesystem::path& path, const std::string& text_name);

}  // namespace rampup::h5
