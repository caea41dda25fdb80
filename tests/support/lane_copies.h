// Every copy of a lanes function this CPU can run (sim/engine/lanes.h): the generic one, the
// dispatcher's choice, and the AVX2 and AVX-512 copies where the CPU has them, for the tests
// that check they all give the same bits.
#pragma once

#include <vector>

#include "sim/engine/lanes.h"

namespace rampup::test {

template <class Function>
std::vector<Function> runnable_copies(Function generic_copy, Function dispatched,
                                      Function avx2_copy = nullptr,
                                      Function avx512_copy = nullptr) {
  std::vector<Function> copies = {generic_copy, dispatched};
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) copies.push_back(avx2_copy);
  if (__builtin_cpu_supports("avx512f")) copies.push_back(avx512_copy);
#endif
  return copies;
}

}  // namespace rampup::test

// Only x86-64 builds have the AVX2 and AVX-512 copies (sim/engine/CMakeLists.txt).
#if defined(__x86_64__)
#define RAMPUP_RUNNABLE_COPIES(Function, name)                                       \
  ::rampup::test::runnable_copies<Function>(::rampup::generic::name, ::rampup::name, \
                                            ::rampup::avx2::name, ::rampup::avx512::name)
#else
#define RAMPUP_RUNNABLE_COPIES(Function, name) \
  ::rampup::test::runnable_copies<Function>(::rampup::generic::name, ::rampup::name)
#endif
