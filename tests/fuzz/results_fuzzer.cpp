// libFuzzer target: bytes -> a results file on disk -> what `simulate summary`, `compare` and
// `merge` do with it: read_results_file, the headline in every format, compare_results (the file
// with itself: paired when it holds /trials), merge_results of one and of two copies, and
// writing the merged result.
//
// The library's exceptions are the documented outcomes: InputError (and MergeError; exit 2),
// std::runtime_error (h5::Error and I/O; exit 1). Anything else escaping - std::logic_error
// such as std::invalid_argument from a number parse, std::bad_alloc from a size read from the
// file, a crash, a sanitizer report, a hang - is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "sim/results/compare.h"
#include "sim/results/headline.h"
#include "sim/results/input_error.h"
#include "sim/results/merge.h"
#include "sim/results/results_file.h"

namespace {

namespace fs = std::filesystem;

// One private folder per fuzzing process (libFuzzer -jobs/-workers run several).
const fs::path& work_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("rampup-results-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(work_dir(), ec);
    });
    return d;
  }();
  return dir;
}

// Known, open: HDF5 1.10.8 loops forever decoding a global heap collection ("GCOL", where
// variable-length strings live) that holds a free-space object of size 0, or an object whose
// size wraps the walk's pointer backwards (the object walk advances by the object's size); and
// it reads past the collection's buffer for an object whose size runs past the collection's end
// (H5HG_read's memcpy, a heap over-read under ASan). `simulate summary` on such a damaged file
// hangs or reads garbage; see tests/fuzz/README.md. Such inputs are skipped so that the fuzzer
// goes on looking for our bugs.
bool hdf5_global_heap_would_loop(const std::uint8_t* data, std::size_t size) {
  const auto u64 = [&](std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | data[at + static_cast<std::size_t>(i)];
    return v;
  };
  for (std::size_t pos = 0; pos + 16 <= size; ++pos) {
    if (data[pos] != 'G' || data[pos + 1] != 'C' || data[pos + 2] != 'O' || data[pos + 3] != 'L') {
      continue;
    }
    const std::uint64_t heap_size = u64(pos + 8);
    const std::size_t end = heap_size > size - pos ? size : pos + heap_size;
    std::size_t p = pos + 16;
    while (p < end && p + 16 <= end) {
      const unsigned idx = data[p] | (data[p + 1] << 8);
      const std::uint64_t object = u64(p + 8);
      const std::uint64_t need = idx > 0 ? 16 + ((object + 7) & ~std::uint64_t{7}) : object;
      if (need == 0) return true;  // no progress
      // HDF5 adds the size to a pointer: a size this large wraps it backwards into the heap.
      if (need >= ~std::uint64_t{0} - (std::uint64_t{1} << 47)) return true;
      if (need > end - p) return true;  // runs past the collection: HDF5 reads beyond it
      p += need;
    }
  }
  return false;
}

template <class F>
void expect_library_errors(const char* what, F&& f) {
  try {
    f();
  } catch (const std::runtime_error&) {
    // InputError, MergeError, h5::Error, I/O: the library's documented errors.
  } catch (const std::exception& e) {
    std::fprintf(stderr, "results_fuzzer: %s: unexpected exception escaped: %s\n", what, e.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (hdf5_global_heap_would_loop(data, size)) return -1;
  const fs::path file = work_dir() / "input.h5";
  const fs::path merged = work_dir() / "merged.h5";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) {
      std::fprintf(stderr, "results_fuzzer: cannot write %s\n", file.c_str());
      std::abort();
    }
  }

  // simulate summary (table, csv, json; one member too)
  expect_library_errors("summary", [&] {
    const rampup::LoadedResults r = rampup::read_results_file(file);
    const rampup::Headline h = rampup::make_headline(r.info, r.stats);
    for (auto format :
         {rampup::TableFormat::table, rampup::TableFormat::csv, rampup::TableFormat::json}) {
      (void)rampup::format_headline(h, format);
      if (!r.info.member_ids.empty()) {
        (void)rampup::format_headline(h, format, r.info.member_ids.front());
      }
    }
  });
  // simulate compare FILE FILE
  expect_library_errors(
      "compare", [&] { (void)rampup::format_comparison(rampup::compare_results(file, file)); });
  // simulate merge -o MERGED FILE (and FILE FILE: overlapping trials)
  expect_library_errors("merge", [&] {
    (void)rampup::has_per_trial_data(file);
    const rampup::LoadedResults m = rampup::merge_results({file});
    fs::remove(merged);
    rampup::write_results_file(merged, m.info, m.stats);
  });
  expect_library_errors("merge twice", [&] { (void)rampup::merge_results({file, file}); });
  std::error_code ec;
  fs::remove(merged, ec);
  return 0;
}
