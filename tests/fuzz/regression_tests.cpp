// Inputs found by tests/fuzz/results_fuzzer, kept in tests/fuzz/regressions/results_*: each must
// end in one of the library's documented errors (std::runtime_error: InputError, MergeError,
// h5::Error) or succeed, through every path the fuzzer drives - never a crash, a sanitizer report
// (under scripts/ci_sanitize.sh) or another exception. Scenario inputs go to tests/scenario/bad/.
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/results/compare.h"
#include "sim/results/headline.h"
#include "sim/results/merge.h"
#include "sim/results/results_file.h"

namespace rampup {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> regression_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(RAMPUP_FUZZ_REGRESSION_DIR))) {
    if (e.path().filename().string().starts_with("results_")) files.push_back(e.path());
  }
  return files;
}

// Runs f; passes if it returns or throws std::runtime_error, fails on anything else.
template <class F>
void expect_documented_outcome(const fs::path& file, const char* what, F&& f) {
  try {
    f();
  } catch (const std::runtime_error&) {
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << " " << file << ": undocumented exception: " << e.what();
  }
}

TEST(FuzzRegression, ResultsInputsEndInDocumentedErrors) {
  const auto files = regression_files();
  ASSERT_FALSE(files.empty());
  const fs::path out = fs::temp_directory_path() / "rampup-fuzz-regression-merged.h5";
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    expect_documented_outcome(file, "summary", [&] {
      const LoadedResults r = read_results_file(file);
      (void)format_headline(make_headline(r.info, r.stats), TableFormat::json);
    });
    expect_documented_outcome(file, "compare",
                              [&] { (void)format_comparison(compare_results(file, file)); });
    expect_documented_outcome(file, "merge", [&] {
      const LoadedResults m = merge_results({file});
      fs::remove(out);
      write_results_file(out, m.info, m.stats);
    });
    fs::remove(out);
  }
}

// The first find: a results file whose /accumulators link heap is damaged. HDF5 1.10.8 reports
// the bad checksum; reading must stop there with an error naming the group.
TEST(FuzzRegression, DamagedLinkHeapIsAnError) {
  const fs::path file = fs::path(RAMPUP_FUZZ_REGRESSION_DIR) / "results_damaged_dense_links";
  try {
    (void)read_results_file(file);
    FAIL() << "read a damaged file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/accumulators"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rampup
