// Reading a scenario file.
#include "sim/scenario/source_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "sim/scenario/scenario.h"

namespace rampup::detail {

std::optional<FileText> read_source_file(const std::filesystem::path& file, std::string& error) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    error = "no such file";
    return std::nullopt;
  }
  if (std::filesystem::is_directory(file, ec)) {
    error = "is a directory, not a file";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  FileText out;
  // Read at most one byte beyond the limit: enough to know the file is too large.
  out.text.resize(SCENARIO_MAX_FILE_BYTES + 1);
  in.read(out.text.data(), static_cast<std::streamsize>(out.text.size()));
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  out.text.resize(static_cast<std::size_t>(in.gcount()));
  out.size = out.text.size();
  if (out.text.size() > SCENARIO_MAX_FILE_BYTES) {
    out.too_large = true;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (!ec) out.size = size;
  }
  return out;
}

}  // namespace rampup::detail
