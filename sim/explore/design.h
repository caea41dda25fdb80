// Experimental designs for `simulate explore`: which values of the varied scenario keys each
// experiment runs with. Pure functions of (seed, keys, size): the same command gives the same
// design on any machine, thread count or rank.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/error.h"

namespace rampup::explore {

// A bad --vary or design request: bad input, exit code 2.
class DesignError : public Error {
 public:
  explicit DesignError(const std::string& message) : Error(message, ExitCode::bad_input) {}
};

enum class Scale { uniform, log_uniform, categorical };

// One varied key: KEY=LO:HI (uniform), KEY=LO:HI:log (log-uniform, 0 < LO), KEY=a,b,c
// or KEY=a|b|c (categorical, equally likely; each category is a YAML value given to --set as
// written; use | when a category holds commas, e.g. a list [0, 0.1, 0.9]).
struct VariedKey {
  std::string key;  // any key `--set` accepts, e.g. members.DEU.will.initial
  Scale scale = Scale::uniform;
  double low = 0.0, high = 0.0;         // uniform and log-uniform
  std::vector<std::string> categories;  // categorical
  std::string spec;                     // the --vary text, for the file's attributes
};

// Parses "KEY=LO:HI", "KEY=LO:HI:log", "KEY=a,b,c" or "KEY=a|b|c"; DesignError naming the key
// otherwise.
VariedKey parse_vary(const std::string& text);

enum class DesignKind { lhs, sobol, saltelli };
DesignKind parse_design(const std::string& name);  // "lhs", "sobol" or "saltelli"
const char* design_name(DesignKind kind);
const char* design_sampler(DesignKind kind);  // how the points are drawn, for the file

// The points of a design on the unit cube: rows = experiments, columns = varied keys.
struct UnitDesign {
  std::size_t experiments = 0, keys = 0;
  std::vector<double> u;  // experiments x keys, row-major, each in (0, 1)
  // Saltelli only (else empty): experiment e is row base_row[e] of matrix block[e]:
  // 0 = A, 1 = B, 2 + i = AB_i (A with column i taken from B).
  std::vector<std::int32_t> block, base_row;
  double at(std::size_t e, std::size_t k) const { return u[e * keys + k]; }
};

// Latin hypercube: each column puts exactly one point in each of the `experiments` equal
// strata of (0, 1), in a random order, uniformly within its stratum. Draws: Philox4x64-10,
// key (seed, DESIGN_TAG), counter (matrix, key, experiment, 0): a pure function of them.
UnitDesign latin_hypercube(std::size_t experiments, std::size_t keys, std::uint64_t seed,
                           std::uint64_t matrix = 0);

// Sobol' sequence (Joe & Kuo direction numbers: Boost.Random's boost::random::sobol), points
// 0..experiments-1 (the origin first, so the first 2^m points are a net: Owen 2020, "On
// dropping the first Sobol' point"; Boost starts at point 1), with a random digital shift: each
// key's 64-bit coordinates are XORed with one word from Philox4x64-10, key (seed, DESIGN_TAG),
// counter (SOBOL_MATRIX, key, 0, 0). The shift keeps the sequence's stratification (every
// dyadic box holds its share of points) and makes the design follow the seed (L'Ecuyer and
// Lemieux 2002, "Recent advances in randomized quasi-Monte Carlo methods", section 3.3).
UnitDesign sobol_sequence(std::size_t experiments, std::size_t keys, std::uint64_t seed);

// The design `kind` of `size` (experiments, or Saltelli base rows) for `keys` keys.
UnitDesign make_design(DesignKind kind, std::size_t size, std::size_t keys, std::uint64_t seed);

// Saltelli et al. (2010): A and B independent Latin hypercubes of `base_rows` rows (matrices 0
// and 1 of the seed), then AB_1..AB_k; experiments = base_rows * (keys + 2), in blocks
// A, B, AB_1, ..., AB_k of base_rows rows each.
UnitDesign saltelli(std::size_t base_rows, std::size_t keys, std::uint64_t seed);

// The value of `key` at unit coordinate u: LO + u (HI - LO); exp(log LO + u log(HI/LO));
// category floor(u * count). `category` gets the category index (-1 if not categorical).
double value_at(const VariedKey& key, double u, std::int32_t& category);

// The --set text KEY=VALUE for the value at u (numbers with 17 significant digits).
std::string set_text(const VariedKey& key, double u);

}  // namespace rampup::explore
