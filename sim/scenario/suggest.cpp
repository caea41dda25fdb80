// Closest valid key for a typo.
#include "sim/scenario/suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace rampup::detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  // d[i][j]: distance between the first i characters of a and the first j of b.
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [m, &d](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t best = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, at(i - 2, j - 2) + 1);
      }
      at(i, j) = best;
    }
  }
  return at(n, m);
}

std::optional<std::string> closest_key(std::string_view key,
                                       std::span<const std::string_view> valid) {
  constexpr std::size_t MAX_KEY_LENGTH = 64;  // bounds the distance table for hostile input
  const std::string wanted = lower(key);
  if (wanted.empty() || wanted.size() > MAX_KEY_LENGTH) return std::nullopt;
  for (std::string_view candidate : valid) {
    const std::string c = lower(candidate);
    if (c == wanted || (c.starts_with(wanted) && c[wanted.size()] == '_')) {
      return std::string(candidate);
    }
  }
  const std::size_t allowed = std::max<std::size_t>(1, std::min<std::size_t>(3, key.size() / 3));
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (std::string_view candidate : valid) {
    const std::size_t d = edit_distance(wanted, lower(candidate));
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

}  // namespace rampup::detail
