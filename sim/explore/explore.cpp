#include "sim/explore/explore.h"

#include <tuple>

#include "sim/scenario/scenario.h"

namespace rampup::explore {

namespace {

// The unit coordinates at which to check a key before running: both ends, or every category.
std::vector<double> check_points(const VariedKey& key) {
  if (key.scale != Scale::categorical) return {0.0, 1.0};
  std::vector<double> u;
  const double n = static_cast<double>(key.categories.size());
  for (std::size_t c = 0; c < key.categories.size(); ++c)
    u.push_back((static_cast<double>(c) + 0.5) / n);
  return u;
}

void check_same_members(const Scenario& base, const Scenario& varied, const std::string& set) {
  const bool same = base.model.members.size() == varied.model.members.size() &&
                    base.model.start_year == varied.model.start_year &&
                    base.model.end_year == varied.model.end_year;
  if (!same) {
    throw DesignError("--vary " + set +
                      ": changes the members or the horizon; an exploration "
                      "varies assumptions about the same members and years");
  }
}

}  // namespace

std::pair<std::size_t, std::size_t> shard_range(std::size_t total, std::uint64_t index,
                                                std::uint64_t count) {
  const auto at = [&](std::uint64_t k) { return static_cast<std::size_t>(total * k / count); };
  return {at(index - 1), at(index)};
}

std::vector<std::string> ExplorePlan::overrides(std::size_t experiment) const {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < spec.keys.size(); ++k) {
    out.push_back(set_text(spec.keys[k], design.at(experiment, k)));
  }
  return out;
}

ExplorePlan plan_explore(const ExploreSpec& spec) {
  if (spec.keys.empty()) throw DesignError("explore: give at least one --vary KEY=RANGE");
  if (spec.experiments < 2) throw DesignError("explore: --experiments must be at least 2");
  for (std::size_t i = 0; i < spec.keys.size(); ++i) {
    const std::string& key = spec.keys[i].key;
    if (key == "run" || key.starts_with("run.")) {
      throw DesignError("--vary " + key +
                        ": run settings cannot be varied; every experiment runs "
                        "the same trials with the same seed (common random numbers)");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (spec.keys[j].key == key) throw DesignError("--vary " + key + ": given twice");
    }
  }
  ExplorePlan plan;
  plan.spec = spec;
  const ParsedScenarioFile source(spec.scenario);  // parsed once for the base and every check
  const Scenario base = source.with({});
  plan.scenario_name = base.name;
  plan.scenario_sha256 = base.text_sha256;
  plan.scenario_text = base.text;
  plan.trials = spec.trials.value_or(base.run.trials);
  plan.seed = spec.seed.value_or(base.run.seed);
  for (const VariedKey& key : spec.keys) {
    for (double u : check_points(key)) {
      const std::string set = set_text(key, u);
      Scenario varied;
      try {
        varied = source.with({set});
      } catch (const ScenarioError& e) {
        const ScenarioProblem& p = e.problems().front();
        throw DesignError("--vary " + key.spec + " (checked at " + set +
                          "): " + (p.key_path.empty() ? "" : p.key_path + ": ") + p.message);
      }
      check_same_members(base, varied, set);
    }
  }
  const std::size_t k = spec.keys.size();
  plan.design = make_design(spec.design, spec.experiments, k, plan.seed);
  if (spec.shard_count > plan.design.experiments) {
    throw DesignError("--shard " + std::to_string(spec.shard_index) + "/" +
                      std::to_string(spec.shard_count) + ": more shards than the " +
                      std::to_string(plan.design.experiments) + " experiments");
  }
  std::tie(plan.begin, plan.end) =
      shard_range(plan.design.experiments, spec.shard_index, spec.shard_count);
  return plan;
}

}  // namespace rampup::explore
