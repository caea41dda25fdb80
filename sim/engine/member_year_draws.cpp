#include "sim/engine/member_year_draws.h"

#include "sim/engine/member_year_lanes.h"

namespace rampup {

namespace {

using DrawFunction = void (*)(std::uint64_t, std::uint64_t, const MemberYearShape&,
                              MemberYearVariates&);

DrawFunction best_for_this_cpu() {
#if defined(RAMPUP_LANES_X86)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return avx512::draw_member_year_variates;
  if (__builtin_cpu_supports("avx2")) return avx2::draw_member_year_variates;
#endif
  return generic::draw_member_year_variates;
}

}  // namespace

void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out) {
  static const DrawFunction draw = best_for_this_cpu();  // the same bits whichever it is
  draw(seed, trial, shape, out);
}

}  // namespace rampup
