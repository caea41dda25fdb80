#include "sim/explore/explore_file.h"

#include <algorithm>
#include <array>
#include <bit>
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
    case Scale::uniform:
      return "uniform";
    case Scale::log_uniform:
      return "log-uniform";
    case Scale::categorical:
      return "categorical";
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
  root.set_attrs({
      {"Conventions", std::string("CF-1.8")},
      {"title",
       "NATO defence-spending ramp-up: exploration of scenario '" + plan.scenario_name + "'"},
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
      {"design_sampler", std::string(design_sampler(plan.spec.design))},
      {"vary", joined(plan.spec.keys, [](const VariedKey& k) { return k.spec; })},
      {"varied_keys", joined(plan.spec.keys, [](const VariedKey& k) { return k.key; })},
      {"varied_scale",
       joined(plan.spec.keys, [](const VariedKey& k) { return std::string(scale_name(k.scale)); })},
      {"range_low", low},
      {"range_high", high},
      {"seed", std::to_string(plan.seed)},
      {"trials", static_cast<std::int64_t>(plan.trials)},
      {"experiments", static_cast<std::int64_t>(plan.design.experiments)},
      {"base_rows", static_cast<std::int64_t>(plan.spec.experiments)},
      {"experiment_begin", static_cast<std::int64_t>(t.begin)},
      {"experiment_end", static_cast<std::int64_t>(t.begin + t.experiments)},
      {"shard", t.experiments == plan.design.experiments
                    ? std::string("complete")
                    : "experiments [" + std::to_string(t.begin) + ", " +
                          std::to_string(t.begin + t.experiments) + ") of " +
                          std::to_string(plan.design.experiments)},
      {"target_year", std::int32_t{t.target_year}},
      {"core_target_pct", t.core_target_pct},
  });
}

void write_design(h5::Group& root, const ExplorePlan& plan, std::size_t begin, std::size_t count) {
  const UnitDesign& d = plan.design;
  const auto first = d.u.begin() + static_cast<std::ptrdiff_t>(begin * d.keys);
  const std::vector<double> u(first, first + static_cast<std::ptrdiff_t>(count * d.keys));
  std::vector<double> value(u.size());
  std::vector<std::int32_t> category(u.size());
  for (std::size_t e = 0; e < count; ++e) {
    for (std::size_t k = 0; k < d.keys; ++k) {
      const VariedKey& key = plan.spec.keys[k];
      const std::size_t i = e * d.keys + k;
      value[i] = value_at(key, u[i], category[i]);
      if (category[i] >= 0)
        value[i] = category_number(key.categories[static_cast<std::size_t>(category[i])]);
    }
  }
  const std::vector<std::string> EV{"experiment", "varied"};
  root.write_variable("value", EV, value,
                      attrs("value of the varied key in the experiment (categorical: the "
                            "category as a number, NaN if not numeric)",
                            "1"));
  root.write_variable(
      "category_index", EV, category,
      {{"long_name", std::string("index of the chosen category (-1: not categorical)")}});
  root.write_variable(
      "unit_sample", EV, u,
      attrs("design point on the unit cube (before the key's range is applied)", "1"));
  // The categories of each categorical key, as given to --vary, so readers can name them.
  for (std::size_t k = 0; k < d.keys; ++k) {
    const VariedKey& key = plan.spec.keys[k];
    if (key.scale != Scale::categorical) continue;
    root.add_dimension(
        "category_" + std::to_string(k), key.categories,
        {{"long_name", "categories of varied key " + std::to_string(k) + " (" + key.key +
                           "), in --vary order: category_index counts from 0 here"}});
  }
  if (!d.block.empty()) {
    const auto slice = [&](const std::vector<std::int32_t>& v) {
      const auto at = v.begin() + static_cast<std::ptrdiff_t>(begin);
      return std::vector<std::int32_t>(at, at + static_cast<std::ptrdiff_t>(count));
    };
    root.write_variable(
        "saltelli_matrix", {"experiment"}, slice(d.block),
        {{"long_name", std::string("Saltelli matrix of the experiment: 0 = A, 1 = B, "
                                   "2 + i = AB_i (A with column i from B)")}});
    root.write_variable("base_row", {"experiment"}, slice(d.base_row),
                        {{"long_name", std::string("row of the Saltelli matrices")}});
  }
}

void write_outcomes(h5::Group& root, const ExploreTable& t) {
  const std::string y = std::to_string(t.target_year);
  const std::vector<std::string> EM{"experiment", "member"}, E{"experiment"};
  auto se = [](const std::string& name) { return "Monte Carlo standard error of " + name; };
  root.write_variable(
      "p_reached", EM, t.p_reached,
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
                                                          "quantiles at 1/2 -+ 1/(2 sqrt(n))",
                            "percent"));
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

void ExploreTable::start(const RunInfo& info, std::size_t first) {
  member_ids = info.member_ids;
  target_year = info.targets.target_year;
  core_target_pct = info.targets.core_pct;
  begin = first;
  experiments = 0;
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
  ++experiments;
}

namespace {

// The columns of a table, in a fixed order.
constexpr std::array<std::vector<double> ExploreTable::*, 11> COLUMNS{
    &ExploreTable::p_reached,
    &ExploreTable::p_reached_se,
    &ExploreTable::p_core_target,
    &ExploreTable::p_core_target_se,
    &ExploreTable::median_share,
    &ExploreTable::alliance_share_median,
    &ExploreTable::alliance_share_median_se,
    &ExploreTable::alliance_p,
    &ExploreTable::alliance_p_se,
    &ExploreTable::members_mean,
    &ExploreTable::members_mean_se};

}  // namespace

void ExploreTable::append(const ExploreTable& next) {
  if (experiments == 0) {
    *this = next;
    return;
  }
  for (auto column : COLUMNS) {
    (this->*column).insert((this->*column).end(), (next.*column).begin(), (next.*column).end());
  }
  experiments += next.experiments;
}

std::vector<std::uint64_t> ExploreTable::words() const {
  std::vector<std::uint64_t> out;
  for (auto column : COLUMNS) {
    for (double x : this->*column) out.push_back(std::bit_cast<std::uint64_t>(x));
  }
  return out;
}

void ExploreTable::read_words(const std::vector<std::uint64_t>& words) {
  std::size_t i = 0;
  for (auto column : COLUMNS) {
    for (double& x : this->*column) x = std::bit_cast<double>(words.at(i++));
  }
}

void write_explore_file(const std::filesystem::path& path, const ExplorePlan& plan,
                        const ExploreTable& t) {
  h5::File file = h5::File::create(path);
  {
    h5::Group root = file.root();
    write_root_attributes(root, plan, t);
    std::vector<std::int32_t> index;
    for (std::size_t e = t.begin; e < t.begin + t.experiments; ++e) {
      index.push_back(static_cast<std::int32_t>(e));
    }
    root.add_dimension("experiment", index,
                       {{"long_name", std::string("experiment (design row)")}});
    root.add_dimension("member", t.member_ids,
                       {{"long_name", std::string("member (ISO 3166 alpha-3)")}});
    std::vector<std::string> keys;
    for (const VariedKey& k : plan.spec.keys) keys.push_back(k.key);
    root.add_dimension("varied", keys, {{"long_name", std::string("varied scenario key")}});
    write_design(root, plan, t.begin, t.experiments);
    write_outcomes(root, t);
  }
  file.close();
}

bool is_explore_file(const std::filesystem::path& path) {
  try {
    const h5::File file = h5::File::open_read(path);
    const h5::Group root = file.root();
    return root.has_attr("kind") && root.read_text_attr("kind") == "explore";
  } catch (const std::exception&) {
    return false;
  }
}

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void read_explore_file(const std::filesystem::path& path, ExplorePlan& plan, ExploreTable& t) {
  const h5::File file = h5::File::open_read(path);
  const h5::Group root = file.root();
  const std::string name = path.string();
  try {
    if (!root.has_attr("kind") || root.read_text_attr("kind") != "explore") {
      throw DesignError(name + ": not a file of simulate explore (root attribute kind)");
    }
    if (root.read_int_attr("format_version") != EXPLORE_FORMAT_VERSION) {
      throw DesignError(name + ": explore format_version " +
                        std::to_string(root.read_int_attr("format_version")) +
                        ", this version reads " + std::to_string(EXPLORE_FORMAT_VERSION));
    }
    plan = ExplorePlan{};
    for (const std::string& v : lines_of(root.read_text_attr("vary"))) {
      plan.spec.keys.push_back(parse_vary(v));
    }
    plan.spec.design = parse_design(root.read_text_attr("design"));
    plan.spec.experiments = static_cast<std::uint64_t>(root.read_int_attr("base_rows"));
    plan.seed = std::stoull(root.read_text_attr("seed"));
    plan.trials = static_cast<std::uint64_t>(root.read_int_attr("trials"));
    plan.scenario_name = root.read_text_attr("scenario_name");
    plan.scenario_sha256 = root.read_text_attr("scenario_sha256");
    plan.scenario_text = root.read_text_attr("scenario_text");
    const std::size_t k = plan.spec.keys.size();
    plan.design = make_design(plan.spec.design, plan.spec.experiments, k, plan.seed);
    t = ExploreTable{};
    t.member_ids = root.read_strings("member");
    t.target_year = static_cast<int>(root.read_int_attr("target_year"));
    t.core_target_pct = root.read_double_attr("core_target_pct");
    t.begin = static_cast<std::size_t>(root.read_int_attr("experiment_begin"));
    t.experiments = static_cast<std::size_t>(root.read_int_attr("experiment_end")) - t.begin;
    plan.begin = t.begin;
    plan.end = t.begin + t.experiments;
    const std::vector<double> u = root.read<double>("unit_sample");
    const auto first = plan.design.u.begin() + static_cast<std::ptrdiff_t>(t.begin * k);
    if (plan.end > plan.design.experiments ||
        !std::equal(u.begin(), u.end(), first,
                    first + static_cast<std::ptrdiff_t>(t.experiments * k))) {
      throw DesignError(name +
                        ": unit_sample: the design points differ from the design its "
                        "attributes describe");
    }
    t.p_reached = root.read<double>("p_reached");
    t.p_reached_se = root.read<double>("p_reached_se");
    t.p_core_target = root.read<double>("p_core_target");
    t.p_core_target_se = root.read<double>("p_core_target_se");
    t.median_share = root.read<double>("median_core_share");
    t.alliance_share_median = root.read<double>("alliance_share_median");
    t.alliance_share_median_se = root.read<double>("alliance_share_median_se");
    t.alliance_p = root.read<double>("alliance_p_core_target");
    t.alliance_p_se = root.read<double>("alliance_p_core_target_se");
    t.members_mean = root.read<double>("members_at_core_target_mean");
    t.members_mean_se = root.read<double>("members_at_core_target_mean_se");
  } catch (const h5::DamagedError&) {
    throw;
  } catch (const h5::Error& e) {
    throw DesignError(name + ": not a readable file of simulate explore: " + e.details());
  } catch (const std::logic_error& e) {
    throw DesignError(name + ": malformed attribute of simulate explore: " + e.what());
  }
}

void merge_explore_tables(const std::vector<std::filesystem::path>& files,
                          const std::vector<ExplorePlan>& plans,
                          const std::vector<ExploreTable>& tables, ExploreTable& merged) {
  std::vector<std::size_t> order(files.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return tables[a].begin < tables[b].begin; });
  const ExplorePlan& p0 = plans[order[0]];
  std::size_t next = 0;
  merged = ExploreTable{};
  for (std::size_t i : order) {
    const ExplorePlan& p = plans[i];
    const ExploreTable& t = tables[i];
    const std::string where = files[i].string() + " and " + files[order[0]].string();
    if (p.design.u != p0.design.u || p.trials != p0.trials || p.seed != p0.seed ||
        p.scenario_sha256 != p0.scenario_sha256 || t.member_ids != tables[order[0]].member_ids ||
        t.target_year != tables[order[0]].target_year) {
      throw DesignError("cannot merge " + where +
                        ": not shards of one exploration (design, "
                        "seed, trials, scenario or members differ)");
    }
    if (t.begin != next) {
      throw DesignError("cannot merge " + files[i].string() + ": its experiments start at " +
                        std::to_string(t.begin) + ", expected " + std::to_string(next) +
                        " (shards missing or overlapping)");
    }
    next = t.begin + t.experiments;
    merged.append(t);
  }
  if (next != p0.design.experiments) {
    throw DesignError("cannot merge: the shards hold experiments [0, " + std::to_string(next) +
                      ") of " + std::to_string(p0.design.experiments));
  }
}

}  // namespace rampup::explore
