// Alliance processes of model v2 (docs/MODEL.md v2.1): the threat regime as a Markov chain, US
// pressure by presidential term, and the trial's calibration row. Pure: parameters and draws in.
#pragma once

#include <cstddef>

#include "models/draws.h"
#include "models/params.h"

namespace rampup {

// R_t = first j with u < sum_{l <= j} Pi[from, l]; the last state takes any rounding rest.
inline Regime next_regime(const BehaviourParams& p, Regime from, double u) {
  const double* row = p.transition[static_cast<int>(from)];
  double cumulative = 0.0;
  for (int j = 0; j < REGIME_COUNT - 1; ++j) {
    cumulative += row[j];
    if (u < cumulative) return static_cast<Regime>(j);
  }
  return static_cast<Regime>(REGIME_COUNT - 1);
}

// US presidential terms begin in 2017, 2021, 2025, ... (inauguration years).
inline int us_term_start(int year) {
  const int offset = ((year - 2017) % 4 + 4) % 4;
  return year - offset;
}

// The alliance path of one trial: regime and US pressure by year index, and the parameter row.
struct AlliancePath {
  Regime regime[MAX_YEARS];
  bool us_pressure[MAX_YEARS];
  std::size_t param_row = 0;
};

template <class Draws>
void draw_alliance_path(const BehaviourParams& p, int start_year, int years, Draws& draws,
                        AlliancePath& out) {
  out.regime[0] = p.start_regime;
  for (int y = 1; y < years; ++y) {
    auto slot = draws.slot(ALLIANCE_MEMBER, start_year + y, Stream::regime);
    out.regime[y] = next_regime(p, out.regime[y - 1], slot.uniform());
  }
  // Known years as listed; a term that began in the known period continues as it was last
  // known; each later term has pressure independently with the term probability, one uniform
  // per term (drawn in its first year, whichever simulated year asks).
  const auto listed = [&](int year) {
    for (int k : p.us_pressure_years) {
      if (k == year) return true;
    }
    return false;
  };
  for (int y = 0; y < years; ++y) {
    const int year = start_year + y;
    const int term = us_term_start(year);
    if (year <= p.us_pressure_known_until) {
      out.us_pressure[y] = listed(year);
    } else if (term <= p.us_pressure_known_until) {
      out.us_pressure[y] = listed(p.us_pressure_known_until);
    } else {
      auto slot = draws.slot(ALLIANCE_MEMBER, term, Stream::us_pressure);
      out.us_pressure[y] = slot.uniform() < p.us_pressure_term_prob;
    }
  }
  const std::size_t rows = p.draws.size();
  if (rows > 1) {
    const double u = draws.slot(ALLIANCE_MEMBER, start_year, Stream::param_draw).uniform();
    out.param_row = static_cast<std::size_t>(u * static_cast<double>(rows));
    if (out.param_row >= rows) out.param_row = rows - 1;
  }
}

}  // namespace rampup
