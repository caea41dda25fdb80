# Sanitizer and fuzzing builds, applied through rampup_options to every target of the project
# (system libraries stay uninstrumented). Each goes in its own build folder:
#   -DRAMPUP_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer   (build-asan/)
#   -DRAMPUP_TSAN=ON      ThreadSanitizer                                 (build-tsan/)
#   -DRAMPUP_FUZZ=ON      libFuzzer targets in tests/fuzz, with ASan+UBSan (build-fuzz/, clang)
# Every report is fatal (-fno-sanitize-recover): a sanitizer finding fails the test that hit it.
# Built at -O1 -g1 whatever CMAKE_BUILD_TYPE says (see below).
set(_rampup_sanitizers "")
if(RAMPUP_SANITIZE OR RAMPUP_FUZZ)
  list(APPEND _rampup_sanitizers address undefined)
endif()
if(RAMPUP_TSAN)
  if(_rampup_sanitizers)
    message(FATAL_ERROR "RAMPUP_TSAN cannot be combined with RAMPUP_SANITIZE or RAMPUP_FUZZ")
  endif()
  list(APPEND _rampup_sanitizers thread)
endif()
if(RAMPUP_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "RAMPUP_FUZZ needs clang (libFuzzer): configure with "
                      "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
endif()

if(_rampup_sanitizers)
  list(JOIN _rampup_sanitizers "," _rampup_sanitize_list)
  set(_flags -fsanitize=${_rampup_sanitize_list} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  if(RAMPUP_FUZZ)
    # Coverage instrumentation for libFuzzer in every library; only the fuzz targets link its main.
    list(APPEND _flags -fsanitize=fuzzer-no-link)
  endif()
  target_compile_options(rampup_options INTERFACE ${_flags})
  target_link_options(rampup_options INTERFACE -fsanitize=${_rampup_sanitize_list})
  # -O1 with line tables: readable stacks, and compiles 10x faster than -O3 -g under ASan
  # (the runner's flattened trial loop), which keeps CI's sanitizer builds short.
  target_compile_options(rampup_options INTERFACE -O1 -g1)
endif()
