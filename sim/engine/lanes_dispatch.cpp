#include "sim/engine/lanes.h"
#include "sim/engine/member_year_draws.h"

namespace rampup {

InstructionSet lanes_instruction_set() {
  static const InstructionSet best = [] {
#if defined(RAMPUP_LANES_X86)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return InstructionSet::avx512;
    if (__builtin_cpu_supports("avx2")) return InstructionSet::avx2;
#endif
    return InstructionSet::generic;
  }();
  return best;
}

void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out) {
  switch (lanes_instruction_set()) {
    case InstructionSet::avx512:
      return avx512::draw_member_year_variates(seed, trial, shape, out);
    case InstructionSet::avx2:
      return avx2::draw_member_year_variates(seed, trial, shape, out);
    case InstructionSet::generic:
      break;
  }
  generic::draw_member_year_variates(seed, trial, shape, out);
}

void bin_and_sum(const double* x, int n, const ValueBinning& binning, BinnedValues& out) {
  switch (lanes_instruction_set()) {
    case InstructionSet::avx512:
      return avx512::bin_and_sum(x, n, binning, out);
    case InstructionSet::avx2:
      return avx2::bin_and_sum(x, n, binning, out);
    case InstructionSet::generic:
      break;
  }
  generic::bin_and_sum(x, n, binning, out);
}

}  // namespace rampup
