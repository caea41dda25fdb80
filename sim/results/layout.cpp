#include "sim/results/layout.h"

#include <cmath>
#include <stdexcept>

#include "sim/hdf5/error.h"
#include "sim/results/attributes.h"
#include "sim/results/input_error.h"

namespace rampup {

namespace {
constexpr char NAME_SEPARATOR = '|';
}

void add_member_year_dimensions(h5::Group& g, const RunInfo& info) {
  std::string names;
  for (std::size_t i = 0; i < info.member_names.size(); ++i) {
    names += (i ? std::string(1, NAME_SEPARATOR) : "") + info.member_names[i];
  }
  g.add_dimension(
      "member", info.member_ids,
      {{"long_name", std::string("NATO member (ISO 3166-1 alpha-3)")}, {"member_names", names}});
  std::vector<std::int32_t> years;
  for (int y = info.start_year; y <= info.end_year; ++y) years.push_back(y);
  g.add_dimension("year", years, {{"long_name", std::string("calendar year")}});
  std::vector<std::int32_t> armed(info.armed_forces.begin(), info.armed_forces.end());
  g.write_variable("armed_forces", {"member"}, armed,
                   {{"long_name", std::string("1 if the member has armed forces; members "
                                              "without are left out of spending statistics")}});
  g.write_variable("gdp_base_usd_bn", {"member"}, info.gdp_base_usd_bn,
                   {{"long_name", std::string("GDP in the year before the start")},
                    {"units", std::string("billion US dollars (constant prices)")}});
  if (info.core_plan_pct.empty()) return;  // a merge of files written before plans were kept
  g.write_variable(
      "core_plan", {"member", "year"}, info.core_plan_pct,
      {{"long_name", std::string("planned core defence share of GDP: the national plan of the "
                                 "scenario, linear between its points and flat outside them, or "
                                 "the default path (linear from the start share to the target)")},
       {"units", std::string("percent")},
       {"_FillValue", std::nan("")}});
  std::vector<std::int32_t> announced(info.core_plan_announced.begin(),
                                      info.core_plan_announced.end());
  g.write_variable("core_plan_announced", {"member"}, announced,
                   {{"long_name", std::string("1 if the scenario gives the member's core_plan, 0 "
                                              "if core_plan is the default path or the member "
                                              "has no armed forces")}});
}

namespace {

// InputError about variable `name` of g: what was expected and what was found.
[[noreturn]] void bad_coordinate(const h5::Group& g, const std::string& name,
                                 const std::string& expected, const std::string& found) {
  const std::string variable = g.path() + "/" + name;
  throw InputError(
      g.file().string() + ": variable " + variable + ": expected " + expected + ", found " + found,
      {g.file().string(), variable, {}});
}

// Reads variable `name` of g with read(name), turning a missing variable or one that cannot be
// read as asked (not a damaged one) into an InputError.
template <class Read>
auto read_coordinate(const h5::Group& g, const std::string& name, const std::string& expected,
                     Read&& read) {
  if (!g.has(name)) bad_coordinate(g, name, expected, "no such variable");
  try {
    return read(name);
  } catch (const h5::DamagedError&) {
    throw;
  } catch (const h5::Error& e) {
    bad_coordinate(g, name, expected, "values that cannot be read so (" + e.details() + ")");
  }
}

}  // namespace

void read_member_coordinates(const h5::Group& g, RunInfo& info) {
  info.member_ids = read_coordinate(g, "member", "ISO3 codes as text",
                                    [&](const std::string& n) { return g.read_strings(n); });
  const std::size_t members = info.member_ids.size();
  const std::string names = text_attr(g.open_variable("member"), "member_names");
  info.member_names.clear();
  std::size_t start = 0;
  for (std::size_t i = 0; i <= names.size(); ++i) {
    if (i == names.size() || names[i] == NAME_SEPARATOR) {
      info.member_names.push_back(names.substr(start, i - start));
      start = i + 1;
    }
  }
  if (info.member_names.size() != members) {
    bad_coordinate(g, "member", std::to_string(members) + " names in attribute member_names",
                   std::to_string(info.member_names.size()));
  }
  const std::string count = std::to_string(members) + " values (one per member)";
  const auto armed = read_coordinate(g, "armed_forces", count,
                                     [&](const std::string& n) { return g.read<std::int32_t>(n); });
  if (armed.size() != members)
    bad_coordinate(g, "armed_forces", count, std::to_string(armed.size()));
  info.armed_forces.assign(armed.begin(), armed.end());
  info.gdp_base_usd_bn = read_coordinate(g, "gdp_base_usd_bn", count,
                                         [&](const std::string& n) { return g.read<double>(n); });
  if (info.gdp_base_usd_bn.size() != members) {
    bad_coordinate(g, "gdp_base_usd_bn", count, std::to_string(info.gdp_base_usd_bn.size()));
  }
  if (g.has("core_plan")) {
    const std::string cells = std::to_string(members * static_cast<std::size_t>(info.years())) +
                              " values (one per member-year)";
    info.core_plan_pct = read_coordinate(g, "core_plan", cells,
                                         [&](const std::string& n) { return g.read<double>(n); });
    if (info.core_plan_pct.size() != members * static_cast<std::size_t>(info.years())) {
      bad_coordinate(g, "core_plan", cells, std::to_string(info.core_plan_pct.size()));
    }
    const auto announced =
        read_coordinate(g, "core_plan_announced", count,
                        [&](const std::string& n) { return g.read<std::int32_t>(n); });
    if (announced.size() != members) {
      bad_coordinate(g, "core_plan_announced", count, std::to_string(announced.size()));
    }
    info.core_plan_announced.assign(announced.begin(), announced.end());
  }
  std::vector<std::int32_t> expected_years;
  for (int y = info.start_year; y <= info.end_year; ++y) expected_years.push_back(y);
  const std::string years = "the years " + std::to_string(info.start_year) + ".." +
                            std::to_string(info.end_year) + " of the root attributes";
  const auto stored = read_coordinate(
      g, "year", years, [&](const std::string& n) { return g.read<std::int32_t>(n); });
  if (stored != expected_years) {
    bad_coordinate(g, "year", years,
                   std::to_string(stored.size()) + " values" +
                       (stored.empty() ? std::string()
                                       : " from " + std::to_string(stored.front()) + " to " +
                                             std::to_string(stored.back())));
  }
}

}  // namespace rampup
