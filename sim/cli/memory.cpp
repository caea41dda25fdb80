#include "sim/cli/memory.h"

#include <cstdlib>  // defines __GLIBC__ with glibc
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace rampup::cli {

void keep_freed_memory_for_reuse() {
#ifdef __GLIBC__
  // mallopt(3). Setting either threshold also turns off glibc's own adjustment of them; both are
  // needed (one alone measured no fewer page faults).
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
}

}  // namespace rampup::cli
