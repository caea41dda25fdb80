// The few operations model equations need beyond + - * /, written once for a double and for a
// GCC vector of doubles (one member per lane, sim/engine/member_lanes.cpp), so that each
// equation has one text for both. A comparison gives a bool for a double and a vector of 0/-1
// integers for a vector; `a ? b : c` selects element-wise on both. minimum, maximum and
// clamp_between compare exactly as std::min, std::max and std::clamp do, so a lane gives the
// bits of the scalar code (NaN and signed zeros included).
#pragma once

#include <cstddef>
#include <type_traits>

namespace rampup {

template <class T>
inline constexpr int lane_count = static_cast<int>(sizeof(T) / sizeof(double));

template <class Mask, class T>
[[gnu::always_inline]] inline T select(Mask mask, T if_true, T if_false) {
  return mask ? if_true : if_false;
}
template <class T>
[[gnu::always_inline]] inline T minimum(T a, T b) {
  return b < a ? b : a;
}
template <class T>
[[gnu::always_inline]] inline T maximum(T a, T b) {
  return a < b ? b : a;
}
template <class T>
[[gnu::always_inline]] inline T clamp_between(T x, T low, T high) {
  return x < low ? low : high < x ? high : x;
}

// Whether any lane of a comparison's result is true.
template <class Mask>
[[gnu::always_inline]] inline bool any_lane(Mask m) {
  if constexpr (std::is_arithmetic_v<Mask>) {
    return m;
  } else {
    bool found = false;
    for (int l = 0; l < static_cast<int>(sizeof(Mask) / sizeof(m[0])); ++l) found |= m[l] != 0;
    return found;
  }
}

// Lane l of x (a double or a bool is its own lane 0).
template <class T>
[[gnu::always_inline]] inline auto lane_of(const T& x, int l) {
  if constexpr (std::is_arithmetic_v<T>) {
    return x;
  } else {
    return x[l];
  }
}

// lane_count<T> consecutive doubles from p.
template <class T>
[[gnu::always_inline]] inline T load_lanes(const double* p) {
  T x;
  __builtin_memcpy(&x, p, sizeof x);
  return x;
}

}  // namespace rampup
