// `simulate explore`: one scenario run at every point of an experimental design over some of its
// keys, each experiment on the same trials 0..N-1 with the same seed (common random numbers),
// reduced to the headline quantities; one results file (docs/EXPLORE.md). Here: the plan;
// explore_run.h runs it.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/explore/design.h"

namespace rampup::explore {

struct ExploreSpec {
  std::filesystem::path scenario;
  std::vector<VariedKey> keys;
  DesignKind design = DesignKind::lhs;
  std::uint64_t experiments = 0;        // LHS: experiments; Saltelli: base rows N
  std::optional<std::uint64_t> trials;  // default: run.trials of the scenario
  std::optional<std::uint64_t> seed;    // default: run.seed of the scenario; also seeds the design
  int threads = 0;
  const std::atomic<bool>* cancel = nullptr;
  std::uint64_t shard_index = 1, shard_count = 1;  // run the K-th of N contiguous experiment ranges
};

// The design and the scenario's fixed settings, checked before anything runs: every varied key
// is loaded at both ends of its range (each category) so unknown keys and out-of-range values
// fail at once (ScenarioError / DesignError, exit 2).
struct ExplorePlan {
  ExploreSpec spec;
  UnitDesign design;
  std::uint64_t trials = 0, seed = 0;
  std::string scenario_name, scenario_sha256, scenario_text;  // without the varied keys
  std::size_t begin = 0, end = 0;  // the experiments this process runs (a shard: part of them)
  std::vector<std::string> overrides(std::size_t experiment) const;  // --set texts
};
ExplorePlan plan_explore(const ExploreSpec& spec);

// Experiments [begin, end) of shard K of N over `total`: contiguous, sizes differing by <= 1.
std::pair<std::size_t, std::size_t> shard_range(std::size_t total, std::uint64_t index,
                                                std::uint64_t count);

}  // namespace rampup::explore
