// Checked reads of the attributes of a results file: anything missing, of the wrong type or
// size, or out of range is an InputError (exit code 2) saying what was expected and what was
// found, e.g. "r.h5: attribute 'seed': expected a decimal integer from 0 to 2^64-1, found
// text 'abc'".
#pragma once

#include <cstdint>
#include <string>

#include "sim/hdf5/object.h"

namespace rampup {

// Limits on what a results file may claim: those of simulate -n and of scenarios
// (sim/scenario/schema.h).
inline constexpr std::int64_t MAX_TRIALS = 1'000'000'000'000;
inline constexpr std::int64_t YEAR_MIN = 1900, YEAR_MAX = 2200;
inline constexpr int MAX_HORIZON_YEARS = 64;

std::string text_attr(const h5::Object& obj, const std::string& name);
// One integer in [lo, hi].
std::int64_t int_attr(const h5::Object& obj, const std::string& name, std::int64_t lo,
                      std::int64_t hi);
// One finite number.
double number_attr(const h5::Object& obj, const std::string& name);
// Text holding a decimal unsigned 64-bit integer (e.g. the seed).
std::uint64_t decimal_text_attr(const h5::Object& obj, const std::string& name);

}  // namespace rampup
