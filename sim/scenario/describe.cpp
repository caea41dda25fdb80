// The one-screen overview printed by `simulate validate`.
#include <algorithm>
#include <cstdio>
#include <string>

#include "models/plan.h"
#include "sim/scenario/scenario.h"

namespace rampup {

namespace {

// printf into a std::string.
template <class... Args>
std::string format(const char* fmt, Args... args) {
  char buf[256];
  const int n = std::snprintf(buf, sizeof buf, fmt, args...);
  return std::string(buf, static_cast<std::size_t>(n < 0 ? 0 : std::min<int>(n, sizeof buf - 1)));
}

// `text` cut or padded to `width` characters (UTF-8 aware, so names like Türkiye line up).
std::string fit(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && chars == width) break;
    if (starts_char) ++chars;
    out += text[i];
  }
  return out + std::string(width - chars, ' ');
}

std::string line(const char* label, const std::string& value) {
  return format("%-10s", label) + value + "\n";
}

std::string member_table(const Scenario& s) {
  const ModelParams& m = s.model;
  std::string out = format("  %-5s %-20s %10s %7s %11s %9s\n", "ISO3", "name", "GDP $bn", "core %",
                           ("plan " + std::to_string(m.end_year) + " %").c_str(), "elections");
  for (const MemberParams& p : m.members) {
    out += "  " + fit(p.iso3, 5) + " " + fit(p.name, 20) + format(" %10.1f", p.gdp_base_usd_bn);
    if (p.has_armed_forces) {
      out += format(" %7.2f %11.2f", p.core_share_start_pct,
                    planned_share_pct(p.spending.core_plan, m.end_year));
    } else {
      out += format(" %7s %11s", "-", "-");
    }
    out += format(" %9zu", p.election_years.size());
    if (!p.has_armed_forces) out += "  no armed forces";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string describe_scenario(const Scenario& s) {
  const ModelParams& m = s.model;
  const Targets& t = m.targets;
  const ShockParams& k = m.shocks;
  std::string out = line("Scenario", s.name);
  if (!s.description.empty()) out += line("", s.description);
  out += line("Source", s.source_path + " (sha256 " + s.text_sha256.substr(0, 12) + ")");
  out += line("Horizon", format("%d-%d (%d years)", m.start_year, m.end_year, m.year_count()));
  out += line("Targets",
              format("core %g%% + related up to %g%% = total %g%% of GDP by %d; "
                     "review %d",
                     t.core_pct, t.related_cap_pct, t.total_pct, t.target_year, t.review_year));
  out += line("Run", format("%llu trials, seed %llu", static_cast<unsigned long long>(s.run.trials),
                            static_cast<unsigned long long>(s.run.seed)));
  const std::string tails =
      k.growth_tail_dof == 0 ? "normal" : format("Student-t, %d dof", k.growth_tail_dof);
  out += line("Shocks", format("recession %g%%/yr; threat %g%%/yr (will %+g +/- %g logit); "
                               "growth shocks %s",
                               100.0 * k.recession_prob, 100.0 * k.threat_prob, k.threat_logit_mean,
                               k.threat_logit_sd, tails.c_str()));
  const BehaviourParams& b = m.behaviour;
  if (b.version == 2) {
    static const char* REGIMES[] = {"calm", "elevated", "acute"};
    out += line("Model", format("v2 (behavioural): %zu calibration rows; regime %s in %d; "
                                "US pressure known to %d, later terms %g",
                                b.draws.size(), REGIMES[static_cast<int>(b.start_regime)],
                                m.start_year, b.us_pressure_known_until, b.us_pressure_term_prob));
  } else {
    out += line("Model", "v1 (political will)");
  }
  int armed = 0;
  for (const MemberParams& p : m.members) armed += p.has_armed_forces ? 1 : 0;
  out += line("Members", format("%d (%d with armed forces)", m.member_count(), armed));
  return out + member_table(s);
}

}  // namespace rampup
