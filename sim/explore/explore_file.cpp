#include "sim/explore/explore_file.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/explore/explore.h"
#include "sim/hdf5/file.h"
#include "sim/version.h"

namespace rampup::explore {

namespace {

using h5::Attr;

constexpr std::int32_t EXPLORE_FORMAT_VERSION = 1;
const Attr FILL_NAN{"_FillValue", std::numeric_limits<double>::quiet_NaN()};

std::vector<Attr> attrs(const std::string& long_name, const std::string& units) {
  return {{"long_name", long_name}, {"units", units}, FILL_NAN};
}

// A category as a number when it is one, else NaN (its index is in category_index).
double category_number(const std::string& text) {
  try {
    std::size_t used = 0;
    const double x = std::stod(text, &used);
    if (used == text.size()) return x;
  } catch (const std::logic_error&) {
  }
  return std::numeric_limits<double>::quiet_NaN();
}

const char* scale_name(Scale s) {
  switch (s) {
    case Scale::uniform: return "uniform";
    case Scale::log_uniform: return "log-uniform";
    case Scale::categorical: return "categorical";
  }
  return "";
}

std::string joined(const std::vector<VariedKey>& keys, std::string (*field)(const VariedKey&)) {
  std::string out;
  for (const VariedKey& k : keys) {
    if (!out.empty()) out.push_back('\n');
    out.append(field(k));
  }
  return out;
}

void write_root_attributes(h5::Group& root, const ExplorePlan& plan, const ExploreTable& t) {
  std::vector<double> low, high;
  for (const VariedKey& k : plan.spec.keys) {
    const bool numeric = k.scale != Scale::categorical;
    low.push_back(numeric ? k.low : std::nan(""));
    high.push_back(numeric ? k.high : std::nan(""));
  }
  const bool saltelli = plan.spec.design == DesignKind::saltelli;
  root.set_attrs({
      {"Conventions", std::string("CF-1.8")},
      {"title", "NATO defence-spending ramp-up: exploration of scenario '" + plan.scenario_name + "'"},
      {"source", std::string("simulate ") + SOFTWARE_VERSION + " (git " + GIT_COMMIT + ")"},
      {"comment", std::string("simulate explore; layout documented in docs/EXPLORE.md")},
      {"format_version", EXPLORE_FORMAT_VERSION},
      {"kind", std::string("explore")},
      {"software_version", std::string(SOFTWARE_VERSION)},
      {"git_commit", std::string(GIT_COMMIT)},
      {"scenario_name", plan.scenario_name},
      {"scenario_sha256", plan.scenario_sha256},
      {"scenario_text", plan.scenario_text},
      {"design", std::string(design_name(plan.spec.design))},
      {"design_sampler", std::string(saltelli
           ? "A and B: independent Latin hypercubes (Philox4x64-10, matrices 0 and 1); "
             "AB_i = A with column i from B (Saltelli et al. 2010)"
           : "Latin hypercube (Philox4x64-10, matrix 0)")},
      {"vary", joined(plan.spec.keys, [](const VariedKey& k) { return k.spec; })},
      {"varied_keys", joined(plan.spec.keys, [](const VariedKey& k) { return k.key; })},
      {"varied_scale", joined(plan.spec.keys, [](const VariedKey& k) { return std::string(scale_name(k.scale)); })},
      {"range_low", low},
      {"range_high", high},
      {"seed", std::to_string(plan.seed)},
      {"trials", static_cast<std::int64_t>(plan.trials)},
      {"experiments", static_cast<std::int64_t>(t.experiments)},
      {"base_rows", static_cast<std::int64_t>(saltelli ? plan.spec.experiments : t.experiments)},
      {"target_year", std::int32_t{t.target_year}},
      {"core_target_pct", t.core_target_pct},
  });
}

void write_design(h5::Group& root, const ExplorePlan& plan) {
  const UnitDesign& d = plan.design;
  std::vector<double> value(d.u.size());
  std::vector<std::int32_t> category(d.u.size());
  for (std::size_t e = 0; e < d.experiments; ++e) {
    for (std::size_t k = 0; k < d.keys; ++k) {
      const VariedKey& key = plan.spec.keys[k];
      const std::size_t i = e * d.keys + k;
      value[i] = value_at(key, d.u[i], category[i]);
      if (category[i] >= 0) value[i] = category_number(key.categories[static_cast<std::size_t>(category[i])]);
    }
  }
  const std::vector<std::string> EV{"experiment", "varied"};
  root.write_variable("value", EV, value,
                      attrs("value of the varied key in the experiment (categorical: the "
                            "category as a number, NaN if not numeric)", "1"));
  root.write_variable("category_index", EV, category,
                      {{"long_name", std::string("index of the chosen category (-1: not categorical)")}});
  root.write_variable("unit_sample", EV, d.u,
                      attrs("design point on the unit cube (before the key's range is applied)", "1"));
  if (!d.block.empty()) {
    root.write_variable("saltelli_matrix", {"experiment"}, d.block,
                        {{"long_name", std::string("Saltelli matrix of the experiment: 0 = A, 1 = B, "
                                                   "2 + i = AB_i (A with column i from B)")}});
    root.write_variable("base_row", {"experiment"}, d.base_row,
                        {{"long_name", std::string("row of the Saltelli matrices")}});
  }
}

void write_outcomes(h5::Group& root, const ExploreTable& t) {
  const std::string y = std::to_string(t.target_year);
  const std::vector<std::string> EM{"experiment", "member"}, E{"experiment"};
  auto se = [](const std::string& name) { return "Monte Carlo standard error of " + name; };
  root.write_variable("p_reached", EM, t.p_reached,
                      attrs("probability that core share >= core target in some year up to " + y, "1"));
  root.write_variable("p_reached_se", EM, t.p_reached_se, attrs(se("p_reached"), "1"));
  root.write_variable("p_core_target", EM, t.p_core_target,
                      attrs("probability that core share >= core target in " + y, "1"));
  root.write_variable("p_core_target_se", EM, t.p_core_target_se, attrs(se("p_core_target"), "1"));
  root.write_variable("median_core_share", EM, t.median_share,
                      attrs("median core share of GDP in " + y, "percent"));
  root.write_variable("alliance_share_median", E, t.alliance_share_median,
                      attrs("median alliance core share of alliance GDP in " + y, "percent"));
  root.write_variable("alliance_share_median_se", E, t.alliance_share_median_se,
                      attrs(se("alliance_share_median") + ": half the distance between the "
                            "quantiles at 1/2 -+ 1/(2 sqrt(n))", "percent"));
  root.write_variable("alliance_p_core_target", E, t.alliance_p,
                      attrs("probability that the alliance share >= core target in " + y, "1"));
  root.write_variable("alliance_p_core_target_se", E, t.alliance_p_se,
                      attrs(se("alliance_p_core_target"), "1"));
  root.write_variable("members_at_core_target_mean", E, t.members_mean,
                      attrs("mean number of members at the core target in " + y, "1"));
  root.write_variable("members_at_core_target_mean_se", E, t.members_mean_se,
                      attrs(se("members_at_core_target_mean"), "1"));
}

}  // namespace

void ExploreTable::start(const RunInfo& info, std::size_t count) {
  member_ids = info.member_ids;
  target_year = info.targets.target_year;
  core_target_pct = info.targets.core_pct;
  experiments = count;
}

void ExploreTable::add(const Headline& h, double at_target_mean_se, double share_median_se) {
  for (const HeadlineRow& r : h.rows) {
    p_reached.push_back(r.p_reached);
    p_reached_se.push_back(r.p_reached_se);
    p_core_target.push_back(r.p_core_target);
    p_core_target_se.push_back(r.p_core_target_se);
    median_share.push_back(r.median_core_share_pct);
  }
  const double p = h.p_alliance_core_target, n = static_cast<double>(h.trials);
  alliance_share_median.push_back(h.alliance_share_median_pct);
  alliance_share_median_se.push_back(share_median_se);
  alliance_p.push_back(p);
  alliance_p_se.push_back(std::sqrt(p * (1.0 - p) / n));
  members_mean.push_back(h.members_at_core_target_mean);
  members_mean_se.push_back(at_target_mean_se);
}

void write_explore_file(const std::filesystem::path& path, const ExplorePlan& plan,
                        const ExploreTable& t) {
  h5::File file = h5::File::create(path);
  {
    h5::Group root = file.root();
    write_root_attributes(root, plan, t);
    std::vector<std::int32_t> index;
    for (std::size_t e = 0; e < t.experiments; ++e) index.push_back(static_cast<std::int32_t>(e));
    root.add_dimension("experiment", index, {{"long_name", std::string("experiment (design row)")}});
    root.add_dimension("member", t.member_ids, {{"long_name", std::string("member (ISO 3166 alpha-3)")}});
    std::vector<std::string> keys;
    for (const VariedKey& k : plan.spec.keys) keys.push_back(k.key);
    root.add_dimension("varied", keys, {{"long_name", std::string("varied scenario key")}});
    write_design(root, plan);
    write_outcomes(root, t);
  }
  file.close();
}

}  // namespace rampup::explore
