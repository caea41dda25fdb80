// The process's memory policy (glibc malloc settings), set once at start by main.
#pragma once

namespace rampup::cli {

// A run's statistics are large buffers (5-9 MB each, ~27 MB per thread on hague.yaml) that
// `simulate explore` allocates and frees once per experiment and `merge` once per shard. By
// default glibc maps each such buffer from the kernel and unmaps it when freed, so the next one
// page-faults and is zeroed again: explore on hague.yaml, 32 experiments of one trial, took
// 196,000 page faults and 1.03 s; with freed memory kept for reuse 8,400 and 0.68 s (the same
// bytes; peak memory within 2%). Serves buffers up to 32 MiB (glibc's largest mmap threshold on
// 64-bit) from the heap and keeps up to 1 GiB of freed memory mapped. Does nothing where the C
// library is not glibc.
void keep_freed_memory_for_reuse();

}  // namespace rampup::cli
