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

// mean, sd, mean_se over `dims`, and quantiles over dims + quantile, of statistic s's
// histogram h in the units of its values (Scale: spending is binned as % of base-year GDP).
// The quantiles are accurate to the bin width in those units: an attribute `resolution`, or a
// per-member variable NAME_quantile_resolution where it differs by member.
void write_quantity(Group& g, const Statistic& s, const std::vector<std::string>& dims,
                    const CellHistograms& h, const RunInfo& info, double alliance_base) {
  const int members = info.members(), years = info.years();
  const int cells = cell_count(s.cells, members, years);
  std::vector<double> scale(static_cast<std::size_t>(cells), 1.0);  // value per bin unit
  double resolution = h.spec().width;
  if (s.scale == Scale::member_base_gdp) {
    for (int c = 0; c < cells; ++c) {
      scale[c] = info.gdp_base_usd_bn[member_of_cell(s.cells, c, years)] / 100.0;
    }
    resolution = std::nan("");
  } else if (s.scale == Scale::alliance_base_gdp) {
    std::fill(scale.begin(), scale.end(), alliance_base / 100.0);
    resolution = h.spec().width / 100.0 * alliance_base;
  }
  const QuantitySummary summary = summarize(h, scale);
  const std::string n = s.name, ln = s.long_name;
  auto attrs = [&](const std::string& what) {
    return std::vector<Attr>{
        {"long_name", what + " of " + ln}, {"units", std::string(s.units)}, FILL_NAN};
  };
  g.write_variable(n + "_mean", dims, summary.mean, attrs("mean"));
  g.write_variable(n + "_sd", dims, summary.sd, attrs("standard deviation"));
  g.write_variable(n + "_mean_se", dims, summary.mean_se,
                   attrs("Monte Carlo standard error of the mean"));
  std::vector<std::string> qdims = dims;
  qdims.push_back("quantile");
  std::vector<Attr> qa = attrs("quantiles");
  if (std::isnan(resolution)) {
    qa.push_back({"comment", "from a fixed-bin histogram, linear within a bin; accurate to " + n +
                                 "_quantile_resolution (the bin width, in units)"});
    std::vector<double> per_member;
    for (int m = 0; m < members; ++m) {
      per_member.push_back(h.spec().width / 100.0 * info.gdp_base_usd_bn[m]);
    }
    g.write_variable(n + "_quantile_resolution", {"member"}, per_member,
                     {{"long_name", "accuracy of " + n + "_quantile (histogram bin width)"},
                      {"units", std::string(s.units)}});
  } else {
    qa.push_back({"resolution", resolution});
    qa.push_back({"comment", std::string("from a fixed-bin histogram, linear within a bin; "
                                         "accurate to `resolution` (the bin width, in units)")});
  }
  g.write_variable(n + "_quantile", qdims, summary.quantiles, qa);
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

  const std::vector<std::string> M{"member"}, Y{"year"};
  std::vector<bool> unarmed_m(members);
  double alliance_base = 0.0;
  for (int m = 0; m < members; ++m) {
    unarmed_m[m] = info.armed_forces[m] == 0;
    if (!unarmed_m[m]) alliance_base += info.gdp_base_usd_bn[m];
  }
  const std::vector<Statistic>& table = stats.table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const Statistic& s = table[i];
    const std::vector<std::string> dims = cell_dimensions(s.cells);
    const int cells = cell_count(s.cells, members, years);
    std::vector<bool> excluded(static_cast<std::size_t>(cells));  // members without armed forces
    for (int c = 0; c < cells; ++c) {
      const int m = member_of_cell(s.cells, c, years);
      excluded[c] = m >= 0 && unarmed_m[m];
    }
    switch (s.summarized) {
      case Summarized::none:
        break;
      case Summarized::quantity:
        write_quantity(g, s, dims, stats.histogram(i), info, alliance_base);
        break;
      case Summarized::probability:
        write_probability(g, s.summary_name, s.summary_long_name, dims,
                          probabilities(stats.counts(i), stats.trials(), excluded));
        break;
      case Summarized::distribution: {
        std::vector<std::string> value_dims = dims;
        value_dims.push_back(s.bins == Bins::year_index ? "first_year" : "members_at_target");
        const CellHistograms& h = stats.histogram(i);
        std::vector<double> d = value_distribution(h);
        const std::size_t per_cell = static_cast<std::size_t>(h.spec().bins);
        for (std::size_t c = 0; c < excluded.size(); ++c) {
          if (!excluded[c]) continue;
          for (std::size_t k = 0; k < per_cell; ++k) d[c * per_cell + k] = std::nan("");
        }
        write_distribution(g, std::string(s.name) + "_prob", value_dims, h, std::move(d),
                           s.summary_long_name);
        break;
      }
    }
  }
  const Attr units_one{"units", std::string("1")};

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

  const QuantitySummary at_core =
      summarize(stats.histogram(statistic_index("members_at_core_target")), unit_scale(years));
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
