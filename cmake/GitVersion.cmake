# The git commit recorded in results and printed by --version, taken at build time: the target
# rampup_git_stamp runs cmake/GitStamp.cmake on every build, which rewrites
# generated/sim/git_commit.h only when the value changes (a new commit, or the work tree turning
# clean or dirty), so a rebuild after a commit stamps that commit and nothing else recompiles.
# "unknown" outside a checkout; "-dirty" when tracked files differ from HEAD.
set(RAMPUP_GIT_COMMIT_HEADER ${PROJECT_BINARY_DIR}/generated/sim/git_commit.h)
set(_rampup_git_stamp_command
    ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${RAMPUP_GIT_COMMIT_HEADER}
    -P ${CMAKE_CURRENT_LIST_DIR}/GitStamp.cmake)
# Once now, so the header exists for anything read at configure time.
execute_process(COMMAND ${_rampup_git_stamp_command})
add_custom_target(rampup_git_stamp
                  COMMAND ${_rampup_git_stamp_command}
                  BYPRODUCTS ${RAMPUP_GIT_COMMIT_HEADER}
                  COMMENT "Checking the git commit stamp"
                  VERBATIM)
