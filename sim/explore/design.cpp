#include "sim/explore/design.h"

#include <Random123/philox.h>

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

namespace rampup::explore {

namespace {

constexpr std::uint64_t DESIGN_TAG = 0x4558504c4f524531ULL;  // "EXPLORE1"
constexpr std::uint64_t SOBOL_MATRIX = 2;  // Philox counter word of the Sobol' shifts

double parse_number(const std::string& text, const std::string& key, const std::string& what) {
  try {
    std::size_t used = 0;
    const double x = std::stod(text, &used);
    if (used == text.size() && std::isfinite(x)) return x;
  } catch (const std::logic_error&) {
  }
  throw DesignError("--vary " + key + ": " + what + " '" + text + "' is not a finite number");
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(sep, start);
    parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

// (k + 0.5) / 2^53 from the top 53 bits: in (0, 1).
double unit_open(std::uint64_t word) { return (static_cast<double>(word >> 11) + 0.5) * 0x1.0p-53; }

}  // namespace

VariedKey parse_vary(const std::string& text) {
  const std::string example = "expected KEY=LO:HI, KEY=LO:HI:log, KEY=a,b,c or KEY=a|b|c";
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw DesignError("--vary '" + text + "': " + example);
  }
  VariedKey v;
  v.key = text.substr(0, eq);
  v.spec = text;
  const std::string range = text.substr(eq + 1);
  if (range.empty()) throw DesignError("--vary " + v.key + ": no range; " + example);
  // Categories: a|b|c when a category is itself a YAML list or mapping, else a,b,c.
  const char sep = range.find('|') != std::string::npos ? '|' : ',';
  if (range.find(sep) != std::string::npos) {
    v.scale = Scale::categorical;
    v.categories = split(range, sep);
    for (const std::string& c : v.categories) {
      if (c.empty()) throw DesignError("--vary " + v.key + ": empty category in '" + range + "'");
    }
    if (v.categories.size() < 2)
      throw DesignError("--vary " + v.key + ": give at least two categories");
    return v;
  }
  const std::vector<std::string> parts = split(range, ':');
  if (parts.size() < 2 || parts.size() > 3) {
    throw DesignError("--vary " + v.key + ": '" + range + "': " + example);
  }
  v.low = parse_number(parts[0], v.key, "LO");
  v.high = parse_number(parts[1], v.key, "HI");
  if (parts.size() == 3) {
    if (parts[2] != "log") {
      throw DesignError("--vary " + v.key + ": unknown scale '" + parts[2] + "'; " + example);
    }
    v.scale = Scale::log_uniform;
    if (v.low <= 0.0)
      throw DesignError("--vary " + v.key + ": a log range needs LO > 0, not " + parts[0]);
  }
  if (!(v.low < v.high)) {
    throw DesignError("--vary " + v.key + ": LO (" + parts[0] + ") must be below HI (" + parts[1] +
                      ")");
  }
  return v;
}

namespace {

struct DesignInfo {
  DesignKind kind;
  const char* name;
  const char* sampler;  // how the points are drawn, for the file's attributes
};

constexpr DesignInfo DESIGNS[] = {
    {DesignKind::lhs, "lhs", "Latin hypercube (Philox4x64-10, matrix 0)"},
    {DesignKind::sobol, "sobol",
     "Sobol' sequence (Joe-Kuo directions, Boost.Random) from the origin, with a random "
     "digital shift per key (Philox4x64-10)"},
    {DesignKind::saltelli, "saltelli",
     "A and B: independent Latin hypercubes (Philox4x64-10, matrices 0 and 1); AB_i = A with "
     "column i from B (Saltelli et al. 2010)"},
};

const DesignInfo& info(DesignKind kind) {
  for (const DesignInfo& d : DESIGNS) {
    if (d.kind == kind) return d;
  }
  throw std::logic_error("explore: unknown design");
}

}  // namespace

DesignKind parse_design(const std::string& name) {
  for (const DesignInfo& d : DESIGNS) {
    if (name == d.name) return d.kind;
  }
  throw DesignError("--design must be lhs, sobol or saltelli, not '" + name + "'");
}

const char* design_name(DesignKind kind) { return info(kind).name; }

const char* design_sampler(DesignKind kind) { return info(kind).sampler; }

UnitDesign make_design(DesignKind kind, std::size_t size, std::size_t keys, std::uint64_t seed) {
  switch (kind) {
    case DesignKind::lhs:
      return latin_hypercube(size, keys, seed);
    case DesignKind::sobol:
      return sobol_sequence(size, keys, seed);
    case DesignKind::saltelli:
      return saltelli(size, keys, seed);
  }
  throw std::logic_error("make_design: unknown design");
}

UnitDesign sobol_sequence(std::size_t experiments, std::size_t keys, std::uint64_t seed) {
  UnitDesign d;
  d.experiments = experiments;
  d.keys = keys;
  d.u.resize(experiments * keys);
  if (keys == 0) return d;
  r123::Philox4x64 philox;
  const r123::Philox4x64::key_type key{{seed, DESIGN_TAG}};
  std::vector<std::uint64_t> shift(keys);
  for (std::size_t k = 0; k < keys; ++k) {
    shift[k] = philox(r123::Philox4x64::ctr_type{{SOBOL_MATRIX, k, 0, 0}}, key).v[0];
  }
  boost::random::sobol points(keys);  // 64-bit coordinates, one call per key, from point 1
  for (std::size_t e = 0; e < experiments; ++e) {
    for (std::size_t k = 0; k < keys; ++k) {
      d.u[e * keys + k] = unit_open((e == 0 ? 0 : points()) ^ shift[k]);
    }
  }
  return d;
}

UnitDesign latin_hypercube(std::size_t experiments, std::size_t keys, std::uint64_t seed,
                           std::uint64_t matrix) {
  UnitDesign d;
  d.experiments = experiments;
  d.keys = keys;
  d.u.resize(experiments * keys);
  r123::Philox4x64 philox;
  const r123::Philox4x64::key_type key{{seed, DESIGN_TAG}};
  for (std::size_t k = 0; k < keys; ++k) {
    std::vector<std::uint64_t> order_key(experiments);
    std::vector<double> jitter(experiments);
    for (std::size_t e = 0; e < experiments; ++e) {
      const r123::Philox4x64::ctr_type ctr{{matrix, k, e, 0}};
      const auto block = philox(ctr, key);
      order_key[e] = block.v[0];
      jitter[e] = unit_open(block.v[1]);
    }
    // Stratum of experiment e: its rank among the random sort keys (ties broken by index).
    std::vector<std::size_t> order(experiments);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return order_key[a] != order_key[b] ? order_key[a] < order_key[b] : a < b;
    });
    for (std::size_t stratum = 0; stratum < experiments; ++stratum) {
      const std::size_t e = order[stratum];
      d.u[e * keys + k] =
          (static_cast<double>(stratum) + jitter[e]) / static_cast<double>(experiments);
    }
  }
  return d;
}

UnitDesign saltelli(std::size_t base_rows, std::size_t keys, std::uint64_t seed) {
  const UnitDesign a = latin_hypercube(base_rows, keys, seed, 0);
  const UnitDesign b = latin_hypercube(base_rows, keys, seed, 1);
  UnitDesign d;
  d.keys = keys;
  d.experiments = base_rows * (keys + 2);
  d.u.reserve(d.experiments * keys);
  for (std::size_t block = 0; block < keys + 2; ++block) {
    for (std::size_t j = 0; j < base_rows; ++j) {
      for (std::size_t k = 0; k < keys; ++k) {
        const bool from_b = block == 1 || (block >= 2 && block - 2 == k);
        d.u.push_back(from_b ? b.at(j, k) : a.at(j, k));
      }
      d.block.push_back(static_cast<std::int32_t>(block));
      d.base_row.push_back(static_cast<std::int32_t>(j));
    }
  }
  return d;
}

double value_at(const VariedKey& key, double u, std::int32_t& category) {
  category = -1;
  switch (key.scale) {
    case Scale::uniform:
      return key.low + u * (key.high - key.low);
    case Scale::log_uniform:
      return std::exp(std::log(key.low) + u * std::log(key.high / key.low));
    case Scale::categorical: {
      const auto n = static_cast<std::int32_t>(key.categories.size());
      category = std::min(n - 1, static_cast<std::int32_t>(u * n));
      return static_cast<double>(category);
    }
  }
  return NAN;
}

std::string set_text(const VariedKey& key, double u) {
  std::int32_t category = -1;
  const double x = value_at(key, u, category);
  if (category >= 0) return key.key + "=" + key.categories[static_cast<std::size_t>(category)];
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", x);
  return key.key + "=" + text;
}

}  // namespace rampup::explore
