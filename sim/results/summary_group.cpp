// The /summary group: one xarray Dataset with dims member, year, quantile, first_year and
// members_at_target (docs/FORMAT.md).
#include <cmath>
#include <limits>

#include "models/outcomes.h"
#include "sim/results/headline.h"
#include "sim/results/layout.h"
#include "sim/results/summary.h"

namespace rampup {

namespace {

using h5::Attr;
using h5::Group;

const Attr FILL_NAN{"_FillValue", std::numeric_limits<double>::quiet_NaN()};

struct Quantity {
  const char* name;
  const char* long_name;
  const char* units;
};

// mean, sd, mean_se over `dims`, and quantiles over dims + quantile. The quantiles' accuracy
// is `resolution` (in the variable's units), or, when NaN, the variable NAME_quantile_resolution.
void write_quantity(Group& g, const Quantity& q, const std::vector<std::string>& dims,
                    const QuantitySummary& s, double resolution) {
  const std::string n = q.name, ln = q.long_name;
  auto attrs = [&](const std::string& what) {
    return std::vector<Attr>{
        {"long_name", what + " of " + ln}, {"units", std::string(q.units)}, FILL_NAN};
  };
  g.write_variable(n + "_mean", dims, s.mean, attrs("mean"));
  g.write_variable(n + "_sd", dims, s.sd, attrs("standard deviation"));
  g.write_variable(n + "_mean_se", dims, s.mean_se,
                   attrs("Monte Carlo standard error of the mean"));
  std::vector<std::string> qdims = dims;
  qdims.push_back("quantile");
  std::vector<Attr> qa = attrs("quantiles");
  if (std::isnan(resolution)) {
    qa.push_back({"comment", "from a fixed-bin histogram, linear within a bin; accurate to " + n +
                                 "_quantile_resolution (the bin width, in units)"});
  } else {
    qa.push_back({"resolution", resolution});
    qa.push_back({"comment", std::string("from a fixed-bin histogram, linear within a bin; "
                                         "accurate to `resolution` (the bin width, in units)")});
  }
  g.write_variable(n + "_quantile", qdims, s.quantiles, qa);
}

void write_probability(Group& g, const std::string& name, const std::string& long_name,
                       const std::vector<std::string>& dims, const ProbabilitySummary& p) {
  g.write_variable(name, dims, p.p,
                   {{"long_name", long_name}, {"units", std::string("1")}, FILL_NAN});
  g.write_variable(name + "_se", dims, p.se,
                   {{"long_name", "Monte Carlo standard error of " + name},
                    {"units", std::string("1")},
                    FILL_NAN});
}

// A probability distribution over integer values (cells x values) and its standard errors
// sqrt(p (1 - p) / n), n = the cell's number of trials.
void write_distribution(Group& g, const std::string& name, const std::vector<std::string>& dims,
                        const CellHistograms& h, std::vector<double> p,
                        const std::string& long_name) {
  std::vector<double> se(p.size());
  const std::size_t per_cell = static_cast<std::size_t>(h.spec().bins);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double n = static_cast<double>(h.count(static_cast<int>(i / per_cell)));
    se[i] = std::sqrt(p[i] * (1.0 - p[i]) / n);  // NaN where p is NaN (excluded cell)
  }
  const Attr units{"units", std::string("1")};
  g.write_variable(name, dims, p, {{"long_name", long_name}, units, FILL_NAN});
  g.write_variable(name + "_se", dims, se,
                   {{"long_name", "Monte Carlo standard error of " + name}, units, FILL_NAN});
}

}  // namespace

void write_summary(Group& g, const RunInfo& info, const OutcomeStats& stats) {
  const int members = info.members(), years = info.years();
  add_member_year_dimensions(g, info);
  g.add_dimension("quantile", std::vector<double>(QUANTILE_LEVELS.begin(), QUANTILE_LEVELS.end()),
                  {{"long_name", std::string("quantile level")}, {"units", std::string("1")}});
  std::vector<std::string> first_years;
  for (int y = info.start_year; y <= info.end_year; ++y) first_years.push_back(std::to_string(y));
  first_years.push_back("never");
  g.add_dimension(
      "first_year", first_years,
      {{"long_name", std::string("first year at target ('never' = not by the horizon)")}});
  std::vector<std::int32_t> counts;
  for (int k = 0; k <= members; ++k) counts.push_back(k);
  g.add_dimension("members_at_target", counts,
                  {{"long_name", std::string("number of members at target")}});

  const std::vector<std::string> MY{"member", "year"}, M{"member"}, Y{"year"};
  std::vector<double> spending_scale(static_cast<std::size_t>(members) * years);
  std::vector<bool> unarmed_my(spending_scale.size()), unarmed_m(members);
  double alliance_base = 0.0;
  for (int m = 0; m < members; ++m) {
    unarmed_m[m] = info.armed_forces[m] == 0;
    if (!unarmed_m[m]) alliance_base += info.gdp_base_usd_bn[m];
    for (int y = 0; y < years; ++y) {
      spending_scale[m * years + y] = info.gdp_base_usd_bn[m] / 100.0;
      unarmed_my[m * years + y] = unarmed_m[m];
    }
  }
  const std::vector<bool> none_y(years, false);

  write_quantity(g, {"core_share", "core defence spending as a share of GDP", "percent"}, MY,
                 summarize(stats.core_share_pct, unit_scale(members * years)), SHARE_BINS.width);
  write_quantity(
      g, {"total_share", "core plus counted defence-related spending as a share of GDP", "percent"},
      MY, summarize(stats.total_share_pct, unit_scale(members * years)), SHARE_BINS.width);
  write_quantity(g, {"spending", "core defence spending", "billion US dollars (constant prices)"},
                 MY, summarize(stats.spending_pct_base_gdp, spending_scale), std::nan(""));
  std::vector<double> spending_resolution;  // bins are % of each member's base GDP
  for (int m = 0; m < members; ++m) {
    spending_resolution.push_back(SPENDING_BINS.width / 100.0 * info.gdp_base_usd_bn[m]);
  }
  g.write_variable(
      "spending_quantile_resolution", {"member"}, spending_resolution,
      {{"long_name", std::string("accuracy of spending_quantile (histogram bin width)")},
       {"units", std::string("billion US dollars (constant prices)")}});
  write_quantity(g, {"will", "political will for defence", "1"}, MY,
                 summarize(stats.will, unit_scale(members * years)), WILL_BINS.width);
  write_probability(g, "p_core_target", "probability that core share >= core target", MY,
                    probabilities(stats.at_core_target, stats.trials(), unarmed_my));
  write_probability(g, "p_total_target", "probability that total share >= total target", MY,
                    probabilities(stats.at_total_target, stats.trials(), unarmed_my));

  auto distribution = [&](const CellHistograms& h, const std::vector<bool>& excluded) {
    std::vector<double> d = value_distribution(h);
    const std::size_t per_cell = static_cast<std::size_t>(h.spec().bins);
    for (std::size_t c = 0; c < excluded.size(); ++c) {
      if (!excluded[c]) continue;
      for (std::size_t k = 0; k < per_cell; ++k) d[c * per_cell + k] = std::nan("");
    }
    return d;
  };
  const Attr units_one{"units", std::string("1")};
  write_distribution(g, "first_year_core_prob", {"member", "first_year"}, stats.first_year_core,
                     distribution(stats.first_year_core, unarmed_m),
                     "distribution of the first year with core share >= core target");
  write_distribution(g, "first_year_total_prob", {"member", "first_year"}, stats.first_year_total,
                     distribution(stats.first_year_total, unarmed_m),
                     "distribution of the first year with total share >= total target");
  write_probability(g, "p_holds_core",
                    "probability of reaching the core target and holding it to the horizon", M,
                    probabilities(stats.holds_core, stats.trials(), unarmed_m));
  write_probability(g, "p_on_track_review",
                    "probability of being on the linear path to the core target at the review", M,
                    probabilities(stats.on_track_review, stats.trials(), unarmed_m));
  write_probability(g, "p_first_at_target_by_jump",
                    "probability that the first year at the core target was a deadline/review "
                    "compliance jump, partly reclassification (model v2; 0 in v1)",
                    M, probabilities(stats.first_by_jump, stats.trials(), unarmed_m));
  // The headline's per-member numbers (sim/results/headline.h), so readers need not re-derive
  // them from the distributions.
  const Headline headline = make_headline(info, stats);
  ProbabilitySummary reached;
  std::vector<std::int32_t> median_first_year;
  for (const HeadlineRow& r : headline.rows) {
    reached.p.push_back(r.p_reached);
    reached.se.push_back(r.p_reached_se);
    median_first_year.push_back(r.armed ? r.median_first_year : 0);
  }
  write_probability(g, "p_reached",
                    "probability that core share >= core target in some year up to the target "
                    "year (target_year attribute of this group)",
                    M, reached);
  g.write_variable(
      "median_first_year", M, median_first_year,
      {{"long_name", std::string("median first calendar year with core share >= core "
                                 "target; 0 = not by the horizon, or no armed forces")}});
  g.set_attrs({{"target_year", std::int32_t{headline.target_year}},
               {"target_tolerance_pp", TARGET_TOLERANCE_PP}});
  std::vector<double> jump_share(static_cast<std::size_t>(members));
  for (int m = 0; m < members; ++m) {
    jump_share[m] = unarmed_m[m] ? NAN : share_reached_by_jump(stats, m);
  }
  g.write_variable("share_reached_by_jump", M, jump_share,
                   {{"long_name", std::string("of the trials reaching the core target by the "
                                              "horizon, the share whose first year at target was "
                                              "a compliance jump (model v2)")},
                    {"units", std::string("1")},
                    FILL_NAN});

  write_quantity(g,
                 {"alliance_spending", "alliance core defence spending",
                  "billion US dollars (constant prices)"},
                 Y,
                 summarize(stats.alliance_spending_pct_base_gdp,
                           std::vector<double>(years, alliance_base / 100.0)),
                 SPENDING_BINS.width / 100.0 * alliance_base);
  write_quantity(
      g, {"alliance_share", "alliance core defence spending as a share of alliance GDP", "percent"},
      Y, summarize(stats.alliance_share_pct, unit_scale(years)), SHARE_BINS.width);
  write_quantity(g, {"us_share", "United States share of alliance core spending", "percent"}, Y,
                 summarize(stats.us_share_pct, unit_scale(years)), PERCENT_BINS.width);
  write_probability(g, "p_alliance_core_target",
                    "probability that the alliance share >= core target", Y,
                    probabilities(stats.alliance_at_core_target, stats.trials(), none_y));
  const std::vector<std::string> YK{"year", "members_at_target"};
  write_distribution(g, "members_at_core_target_prob", YK, stats.members_at_core_target,
                     value_distribution(stats.members_at_core_target),
                     "distribution of the number of members at the core target");
  write_distribution(g, "members_at_total_target_prob", YK, stats.members_at_total_target,
                     value_distribution(stats.members_at_total_target),
                     "distribution of the number of members at the total target");
  const QuantitySummary at_core = summarize(stats.members_at_core_target, unit_scale(years));
  g.write_variable("members_at_core_target_mean", Y, at_core.mean,
                   {{"long_name", std::string("mean number of members at the core target")},
                    units_one,
                    FILL_NAN});
  g.write_variable(
      "members_at_core_target_mean_se", Y, at_core.mean_se,
      {{"long_name", std::string("Monte Carlo standard error of members_at_core_target_mean")},
       units_one,
       FILL_NAN});
}

}  // namespace rampup
