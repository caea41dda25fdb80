# The git commit recorded in results and printed by --version; "unknown" outside a checkout.
execute_process(COMMAND git -C ${CMAKE_SOURCE_DIR} rev-parse --short=12 HEAD
                OUTPUT_VARIABLE RAMPUP_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE _git_rc)
if(NOT _git_rc EQUAL 0 OR RAMPUP_GIT_COMMIT STREQUAL "")
  set(RAMPUP_GIT_COMMIT "unknown")
endif()
execute_process(COMMAND git -C ${CMAKE_SOURCE_DIR} status --porcelain --untracked-files=no
                OUTPUT_VARIABLE _git_dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT _git_dirty STREQUAL "" AND NOT RAMPUP_GIT_COMMIT STREQUAL "unknown")
  string(APPEND RAMPUP_GIT_COMMIT "-dirty")
endif()
