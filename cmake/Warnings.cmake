# Warnings and shared options as INTERFACE targets (after HighFive cmake/HighFiveWarnings.cmake);
# sanitizers and fuzzing in cmake/Sanitizers.cmake.
add_library(rampup_warnings INTERFACE)
target_compile_options(rampup_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                 -Wconversion -Wno-sign-conversion)
add_library(rampup_options INTERFACE)
# errno-free maths lets sqrt/lrint inline; results are unchanged (no errno is ever read).
target_compile_options(rampup_options INTERFACE -fno-math-errno)
# No fused multiply-adds anywhere: the models' equations and elementary functions must round the
# same in the scalar code as in the SIMD lanes (models/elementary.h), whatever -march allows.
target_compile_options(rampup_options INTERFACE -ffp-contract=off)
if(RAMPUP_NATIVE)
  target_compile_options(rampup_options INTERFACE -march=native)
endif()
