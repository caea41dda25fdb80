#include "scenario_test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <random>
#include <thread>

namespace rampup::testing {

std::filesystem::path fixture(const std::string& relative) {
  return std::filesystem::path(RAMPUP_SCENARIO_TEST_DIR) / relative;
}

TempDir::TempDir() {
  std::random_device device;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    path_ = base / ("rampup_scenario_test_" + std::to_string(device()));
    if (std::filesystem::create_directory(path_)) return;
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& contents) const {
  const auto file = path_ / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << contents;
  return file;
}

LoadResult load_with_timeout(const std::filesystem::path& file,
                             const std::vector<std::string>& overrides, int timeout_seconds) {
  auto task = std::make_shared<std::packaged_task<LoadResult()>>([file, overrides] {
    LoadResult r;
    try {
      r.scenario = load_scenario(file, overrides);
    } catch (const ScenarioError& e) {
      r.kind = LoadResult::Kind::scenario_error;
      r.message = e.what();
      r.problem_count = e.problems().size();
    } catch (const std::exception& e) {
      r.kind = LoadResult::Kind::runtime_error;
      r.message = e.what();
    }
    return r;
  });
  std::future<LoadResult> result = task->get_future();
  std::thread([task] { (*task)(); }).detach();
  if (result.wait_for(std::chrono::seconds(timeout_seconds)) != std::future_status::ready) {
    ADD_FAILURE() << "loading " << file << " did not finish within " << timeout_seconds << " s";
    std::fflush(stdout);
    std::_Exit(EXIT_FAILURE);  // the loader thread cannot be stopped
  }
  return result.get();
}

std::string load_error(const std::filesystem::path& file,
                       const std::vector<std::string>& overrides) {
  const LoadResult r = load_with_timeout(file, overrides);
  EXPECT_EQ(r.kind, LoadResult::Kind::scenario_error)
      << file << " should fail with ScenarioError; got: " << r.message;
  return r.message;
}

std::string minimal_scenario(const std::string& extra) {
  return "name: test\n"
         "members:\n"
         "  DEU:\n"
         "    gdp_base_usd_bn: 4500\n"
         "    core_share_start_pct: 2.1\n" +
         extra;
}

}  // namespace rampup::testing
