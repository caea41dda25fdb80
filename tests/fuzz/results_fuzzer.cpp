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
    for (auto format : {rampup::TableFormat::table, rampup::TableFormat::csv,
                        rampup::TableFormat::json}) {
      (void)rampup::format_headline(h, format);
      if (!r.info.member_ids.empty()) {
        (void)rampup::format_headline(h, format, r.info.member_ids.front());
      }
    }
  });
  // simulate compare FILE FILE
  expect_library_errors("compare", [&] {
    (void)rampup::format_comparison(rampup::compare_results(file, file));
  });
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
