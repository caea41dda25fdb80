// Internal to sim/scenario. Reading one scenario file, bounded by SCENARIO_MAX_FILE_BYTES.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace rampup::detail {

struct FileText {
  std::string text;        // at most SCENARIO_MAX_FILE_BYTES + 1 bytes
  bool too_large = false;  // the file is larger than SCENARIO_MAX_FILE_BYTES
  std::uintmax_t size = 0;
};

// Reads `file`; std::nullopt with `error` set when it is missing or unreadable.
std::optional<FileText> read_source_file(const std::filesystem::path& file, std::string& error);

}  // namespace rampup::detail
