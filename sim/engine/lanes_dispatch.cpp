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

namespace {

// The copy of a lanes function for this CPU.
template <class Function>
Function for_this_cpu(Function generic_copy, Function avx2_copy, Function avx512_copy) {
  switch (lanes_instruction_set()) {
    case InstructionSet::avx512:
      return avx512_copy;
    case InstructionSet::avx2:
      return avx2_copy;
    case InstructionSet::generic:
      break;
  }
  return generic_copy;
}

}  // namespace

// Only x86-64 builds have the AVX2 and AVX-512 copies (sim/engine/CMakeLists.txt).
#if defined(RAMPUP_LANES_X86)
#define RAMPUP_COPY_FOR_THIS_CPU(function) \
  for_this_cpu(generic::function, avx2::function, avx512::function)
#else
#define RAMPUP_COPY_FOR_THIS_CPU(function) generic::function
#endif

void draw_member_year_variates(std::uint64_t seed, std::uint64_t trial,
                               const MemberYearShape& shape, MemberYearVariates& out) {
  RAMPUP_COPY_FOR_THIS_CPU(draw_member_year_variates)(seed, trial, shape, out);
}

void bin_and_sum(const double* x, int n, const ValueBinning& binning, BinnedValues& out) {
  RAMPUP_COPY_FOR_THIS_CPU(bin_and_sum)(x, n, binning, out);
}

void count_ones(const double* x, const std::uint64_t* counted, int n, std::uint64_t* counts) {
  RAMPUP_COPY_FOR_THIS_CPU(count_ones)(x, counted, n, counts);
}

void simulate_member_lanes_v2(const PreparedModel& prepared, const TrialAlliance& trial,
                              const MemberYearVariates& variates, TrialOutcome& out) {
  RAMPUP_COPY_FOR_THIS_CPU(simulate_member_lanes_v2)(prepared, trial, variates, out);
}

}  // namespace rampup
