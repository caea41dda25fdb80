# cmake -DSOURCE_DIR=... -DOUTPUT=.../git_commit.h -P GitStamp.cmake
# Writes OUTPUT with the current git commit (short, 12 digits; "-dirty" if tracked files differ
# from HEAD; "unknown" outside a checkout), only when its content changes.
# --no-optional-locks: never take the index lock, so a build cannot make a concurrent
# `git commit` in the same checkout fail.
execute_process(COMMAND git --no-optional-locks -C ${SOURCE_DIR} rev-parse --short=12 HEAD
                OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR commit STREQUAL "")
  set(commit "unknown")
else()
  execute_process(COMMAND git --no-optional-locks -C ${SOURCE_DIR} status --porcelain
                          --untracked-files=no
                  OUTPUT_VARIABLE dirty OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT dirty STREQUAL "")
    string(APPEND commit "-dirty")  # status failing: do not claim a clean tree
  endif()
endif()
set(content "// Generated at build time by cmake/GitStamp.cmake: the git commit of the sources.
#pragma once

namespace rampup {
inline constexpr const char* GIT_COMMIT = \"${commit}\";
}  // namespace rampup
")
set(old "")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
endif()
if(NOT old STREQUAL content)
  file(WRITE ${OUTPUT} "${content}")
endif()
