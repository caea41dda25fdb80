// SHA-256 (FIPS 180-4) of scenario text for provenance, computed by libmd (Debian libmd-dev,
// <sha2.h>): a maintained implementation instead of our own.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace rampup {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::array<std::uint8_t, 32> finish();  // the digest; the object is spent afterwards

 private:
  struct Context;  // libmd's SHA2_CTX, kept out of this header
  std::unique_ptr<Context> context_;
};

// Lowercase hex SHA-256 of `data` (64 characters).
std::string sha256_hex(std::string_view data);

}  // namespace rampup
