#include "sim/scenario/sha256.h"

#include <sha2.h>  // libmd

namespace rampup {

struct Sha256::Context {
  SHA2_CTX ctx;
};

Sha256::Sha256() : context_(std::make_unique<Context>()) { SHA256Init(&context_->ctx); }

Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) {
  SHA256Update(&context_->ctx, reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
}

std::array<std::uint8_t, 32> Sha256::finish() {
  static_assert(SHA256_DIGEST_LENGTH == 32);
  std::array<std::uint8_t, 32> digest{};
  SHA256Final(digest.data(), &context_->ctx);
  return digest;
}

std::string sha256_hex(std::string_view data) {
  Sha256 hash;
  hash.update(data);
  static constexpr char DIGITS[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (std::uint8_t byte : hash.finish()) {
    hex += DIGITS[byte >> 4];
    hex += DIGITS[byte & 15];
  }
  return hex;
}

}  // namespace rampup
