# The models/ fence (models/CMakeLists.txt: "only the standard library (and Boost.Random)"):
# every models/ header is compiled alone with -nostdinc and an include path that holds only
#   - the compiler's own headers (the C++ standard library, the compiler's intrinsics),
#   - the C library headers that the standard library and Boost actually use (symlinked one by
#     one into a mirror; /usr/include itself also holds yaml-cpp, oneTBB, HDF5, ...),
#   - boost/ and Random123/, and models/ itself (so "sim/..." cannot be found).
# A models header that includes anything else fails the build. The flags go to a response file
# that tests/models uses to show the fence refuses <tbb/...> and "sim/..." (after HighFive's
# "every public header compiles alone" test, tests/unit/CMakeLists.txt).
set(_fence ${CMAKE_BINARY_DIR}/models_fence)
file(REMOVE_RECURSE ${_fence}/include ${_fence}/mirror)
file(MAKE_DIRECTORY ${_fence}/include)
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/models ${_fence}/include/models SYMBOLIC)
file(CREATE_LINK ${Boost_INCLUDE_DIRS}/boost ${_fence}/include/boost SYMBOLIC)
file(CREATE_LINK ${RANDOM123_INCLUDE_DIR}/Random123 ${_fence}/include/Random123 SYMBOLIC)

# Which C library headers the standard library and Boost.Random include: ask the compiler (-H
# lists the headers actually opened; -M would also list what __has_include merely looked for),
# at -O2, which pulls in glibc's inline variants. <execution> is left out: it includes oneTBB.
set(_std_headers algorithm any array atomic barrier bit bitset cassert cctype cerrno cfenv
    cfloat charconv chrono cinttypes climits clocale cmath codecvt compare complex concepts
    condition_variable coroutine csetjmp csignal cstdarg cstddef cstdint cstdio cstdlib cstring
    ctime cuchar cwchar cwctype deque exception filesystem format forward_list fstream
    functional future initializer_list iomanip ios iosfwd iostream istream iterator latch limits
    list locale map memory memory_resource mutex new numbers numeric optional ostream queue
    random ranges ratio regex scoped_allocator semaphore set shared_mutex source_location span
    sstream stack stdexcept stop_token streambuf string string_view syncstream system_error
    thread tuple type_traits typeindex typeinfo unordered_map unordered_set utility valarray
    variant vector version)
set(_probe "")
foreach(h ${_std_headers} boost/random.hpp boost/math/distributions.hpp Random123/philox.h)
  string(APPEND _probe "#if __has_include(<${h}>)\n#include <${h}>\n#endif\n")
endforeach()
file(WRITE ${_fence}/probe.cpp "${_probe}")
execute_process(COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -O2 -fsyntax-only -H ${_fence}/probe.cpp
                ERROR_VARIABLE _out RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "models fence: the header probe did not compile:\n${_out}")
endif()
string(REGEX MATCHALL "\n\\.+ [^\n]+" _lines "\n${_out}")
set(_deps)
foreach(line ${_lines})
  string(REGEX REPLACE "^\n\\.+ " "" dep "${line}")
  cmake_path(NORMAL_PATH dep)
  list(APPEND _deps ${dep})
endforeach()
foreach(dir ${CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES})  # gcc pre-includes it; -H does not say
  if(EXISTS ${dir}/stdc-predef.h)
    list(APPEND _deps ${dir}/stdc-predef.h)
  endif()
endforeach()
list(REMOVE_DUPLICATES _deps)

# Compiler-owned folders stay; shared ones (/usr/include, ...) are replaced by a mirror holding
# the top-level headers used and, whole, the folders they use (bits/, sys/, asm/, ...). The
# implicit folders come most specific first, so each header is taken from the first that has it.
set(_flags -nostdinc)
set(_i 0)
foreach(dir ${CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES})
  set(_own OFF)
  if(dir MATCHES "c\\+\\+|/gcc/|/clang/")
    set(_own ON)
    list(APPEND _flags -isystem ${dir})
  else()
    set(_mirror ${_fence}/mirror/${_i})
    math(EXPR _i "${_i} + 1")
    file(MAKE_DIRECTORY ${_mirror})
    list(APPEND _flags -isystem ${_mirror})
  endif()
  set(_rest)
  foreach(dep ${_deps})
    cmake_path(IS_PREFIX dir "${dep}" _inside)
    if(NOT _inside)
      list(APPEND _rest ${dep})
      continue()
    endif()
    cmake_path(RELATIVE_PATH dep BASE_DIRECTORY "${dir}" OUTPUT_VARIABLE _rel)
    if(_own OR _rel MATCHES "^(boost|Random123)/")
      continue()
    endif()
    string(REGEX REPLACE "/.*" "" _top "${_rel}")
    if(NOT EXISTS ${_mirror}/${_top})
      file(CREATE_LINK ${dir}/${_top} ${_mirror}/${_top} SYMBOLIC)
    endif()
  endforeach()
  set(_deps ${_rest})
endforeach()
list(APPEND _flags -iquote ${_fence}/include -isystem ${_fence}/include)
list(JOIN _flags "\n" _rsp)
file(WRITE ${_fence}/flags.rsp "${_rsp}\n")
set(RAMPUP_MODELS_FENCE_FLAGS ${_fence}/flags.rsp CACHE INTERNAL "models fence flags")

# One generated translation unit per header, compiled with only the flags above.
file(GLOB _model_headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/models/*.h)
set(_units)
foreach(header ${_model_headers})
  get_filename_component(name ${header} NAME)
  get_filename_component(stem ${header} NAME_WE)
  set(unit ${_fence}/units/${stem}.cpp)
  file(CONFIGURE OUTPUT ${unit} CONTENT "#include \"models/${name}\"\n")
  list(APPEND _units ${unit})
endforeach()
set_source_files_properties(${_units} PROPERTIES OBJECT_DEPENDS ${_fence}/flags.rsp)
add_library(models_fence_check OBJECT ${_units})
target_compile_options(models_fence_check PRIVATE "@${_fence}/flags.rsp")
target_link_libraries(models_fence_check PRIVATE rampup_warnings rampup_options)
