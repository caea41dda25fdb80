#include "sim/results/headline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/results/json_text.h"
#include "sim/results/summary.h"

namespace rampup {

namespace {

std::string fixed(double x, int digits) {
  if (std::isnan(x)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string year_text(int year) { return year == 0 ? "never" : std::to_string(year); }

// A CSV field in quotes, with embedded quotes doubled (RFC 4180).
std::string csv_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

Headline make_headline(const RunInfo& info, const OutcomeStats& stats) {
  Headline h;
  h.scenario = info.scenario_name;
  h.trials = stats.trials();
  h.core_target_pct = info.targets.core_pct;
  const int years = info.years();
  const int ty = std::clamp(info.targets.target_year - info.start_year, 0, years - 1);
  h.target_year = info.start_year + ty;
  const double n = static_cast<double>(stats.trials());
  for (int m = 0; m < info.members(); ++m) {
    HeadlineRow r;
    r.iso3 = info.member_ids[m];
    r.name = info.member_names[m];
    r.armed = info.armed_forces[m] != 0;
    const int c = m * years + ty;
    if (r.armed && n > 0) {
      r.p_core_target = static_cast<double>(stats.counts(statistic_index("at_core_target"))[c]) / n;
      r.p_core_target_se = std::sqrt(r.p_core_target * (1.0 - r.p_core_target) / n);
      std::uint64_t reached = 0;  // first-year bins up to the target year
      for (int k = 0; k <= ty; ++k)
        reached += stats.histogram(statistic_index("first_year_core")).bins(m)[k + 1];
      r.p_reached = static_cast<double>(reached) / n;
      r.p_reached_se = std::sqrt(r.p_reached * (1.0 - r.p_reached) / n);
      const int k = median_bin(stats.histogram(statistic_index("first_year_core")), m);
      r.median_first_year = (k < 0 || k >= years) ? 0 : info.start_year + k;
      r.median_core_share_pct =
          cell_quantile(stats.histogram(statistic_index("core_share")), c, 0.5);
      r.share_reached_by_jump = share_reached_by_jump(stats, m);
    } else {
      r.p_reached = r.p_reached_se = r.p_core_target = r.p_core_target_se =
          r.median_core_share_pct = r.share_reached_by_jump = NAN;
    }
    h.rows.push_back(r);
  }
  h.alliance_share_median_pct =
      cell_quantile(stats.histogram(statistic_index("alliance_share")), ty, 0.5);
  h.p_alliance_core_target =
      n > 0 ? static_cast<double>(stats.counts(statistic_index("alliance_at_core_target"))[ty]) / n
            : NAN;
  h.members_at_core_target_mean =
      cell_mean(stats.histogram(statistic_index("members_at_core_target")), ty);
  double alliance_base = 0.0;
  for (int m = 0; m < info.members(); ++m) {
    if (info.armed_forces[m]) alliance_base += info.gdp_base_usd_bn[m];
  }
  h.alliance_spending_median_usd_bn =
      cell_quantile(stats.histogram(statistic_index("alliance_spending")), ty, 0.5) *
      alliance_base / 100.0;
  h.us_share_median_pct = cell_quantile(stats.histogram(statistic_index("us_share")), ty, 0.5);
  return h;
}

double largest_headline_se(const Headline& h) {
  double largest = 0.0;
  for (const HeadlineRow& r : h.rows) {
    if (r.armed) largest = std::max({largest, r.p_reached_se, r.p_core_target_se});
  }
  const double p = h.p_alliance_core_target, n = static_cast<double>(h.trials);
  if (n > 0) largest = std::max(largest, std::sqrt(p * (1.0 - p) / n));
  return largest;
}

std::string format_headline(const Headline& h, TableFormat format, const std::string& member) {
  std::ostringstream o;
  const std::string ty = std::to_string(h.target_year);
  const std::string target = fixed(h.core_target_pct, 1);
  auto selected = [&](const HeadlineRow& r) { return member.empty() || r.iso3 == member; };
  if (format == TableFormat::csv) {
    o << "iso3,name,p_reached_by_" << ty << ",p_reached_se,p_core_target_" << ty
      << ",p_core_target_se,median_first_year,median_core_share_" << ty
      << "_pct,share_reached_by_jump\n";
    for (const auto& r : h.rows) {
      if (!selected(r)) continue;
      o << r.iso3 << "," << csv_quoted(r.name) << "," << fixed(r.p_reached, 4) << ","
        << fixed(r.p_reached_se, 4) << "," << fixed(r.p_core_target, 4) << ","
        << fixed(r.p_core_target_se, 4) << "," << (r.armed ? year_text(r.median_first_year) : "n/a")
        << "," << fixed(r.median_core_share_pct, 2) << "," << fixed(r.share_reached_by_jump, 4)
        << "\n";
    }
    return o.str();
  }
  if (format == TableFormat::json) {
    o << "{\"scenario\": \"" << json_escape(h.scenario) << "\", \"trials\": " << h.trials
      << ", \"target_year\": " << h.target_year << ", \"core_target_pct\": " << target
      << ", \"members\": [";
    bool first = true;
    for (const auto& r : h.rows) {
      if (!selected(r)) continue;
      o << (first ? "" : ", ") << "{\"iso3\": \"" << r.iso3 << "\", \"name\": \""
        << json_escape(r.name) << "\", \"armed_forces\": " << (r.armed ? "true" : "false")
        << ", \"p_reached\": " << json_number(r.p_reached, 4)
        << ", \"p_reached_se\": " << json_number(r.p_reached_se, 4)
        << ", \"p_core_target\": " << json_number(r.p_core_target, 4)
        << ", \"p_core_target_se\": " << json_number(r.p_core_target_se, 4)
        << ", \"median_first_year\": "
        << (r.armed && r.median_first_year != 0 ? std::to_string(r.median_first_year) : "null")
        << ", \"median_core_share_pct\": " << json_number(r.median_core_share_pct, 2)
        << ", \"share_reached_by_jump\": " << json_number(r.share_reached_by_jump, 4) << "}";
      first = false;
    }
    o << "], \"alliance\": {\"median_share_pct\": " << json_number(h.alliance_share_median_pct, 2)
      << ", \"p_core_target\": " << json_number(h.p_alliance_core_target, 4)
      << ", \"mean_members_at_core_target\": " << json_number(h.members_at_core_target_mean, 2)
      << ", \"median_spending_usd_bn\": " << json_number(h.alliance_spending_median_usd_bn, 0)
      << ", \"median_us_share_pct\": " << json_number(h.us_share_median_pct, 1) << "}}\n";
    return o.str();
  }
  char line[256];
  o << "Scenario " << h.scenario << ", " << h.trials << " trials; core target " << target
    << "% of GDP by " << ty << "\n";
  std::snprintf(line, sizeof line, "%-5s %-16s %15s %15s %12s %14s %9s\n", "ISO3", "member",
                ("P(reach by " + ty + ")").c_str(), ("P(>=" + target + " in " + ty + ")").c_str(),
                "median year", ("median " + ty + " %").c_str(), "via jump");
  o << line;
  for (const auto& r : h.rows) {
    if (!selected(r)) continue;
    if (!r.armed) {
      std::snprintf(line, sizeof line, "%-5s %-16.16s %15s\n", r.iso3.c_str(), r.name.c_str(),
                    "no armed forces");
    } else {
      const std::string jump = std::isnan(r.share_reached_by_jump)
                                   ? "n/a"
                                   : fixed(100.0 * r.share_reached_by_jump, 0) + "%";
      std::snprintf(line, sizeof line, "%-5s %-16.16s %8s ±%5s %8s ±%5s %12s %14s %9s\n",
                    r.iso3.c_str(), r.name.c_str(), fixed(r.p_reached, 3).c_str(),
                    fixed(r.p_reached_se, 3).c_str(), fixed(r.p_core_target, 3).c_str(),
                    fixed(r.p_core_target_se, 3).c_str(), year_text(r.median_first_year).c_str(),
                    fixed(r.median_core_share_pct, 2).c_str(), jump.c_str());
    }
    o << line;
  }
  o << "Alliance " << ty << ": median core share " << fixed(h.alliance_share_median_pct, 2)
    << "% of GDP, P(alliance >= " << target << "%) " << fixed(h.p_alliance_core_target, 3)
    << ", members at target (mean) " << fixed(h.members_at_core_target_mean, 1)
    << ", median spending US$" << fixed(h.alliance_spending_median_usd_bn, 0)
    << " bn (constant prices), median US share "
    << (std::isnan(h.us_share_median_pct) ? "n/a (no USA)" : fixed(h.us_share_median_pct, 1) + "%")
    << "\n";
  return o.str();
}

}  // namespace rampup
