#include "sim/results/layout.h"

#include <stdexcept>

namespace rampup {

namespace {
constexpr char NAME_SEPARATOR = '|';
}

void add_member_year_dimensions(h5::Group& g, const RunInfo& info) {
  std::string names;
  for (std::size_t i = 0; i < info.member_names.size(); ++i) {
    names += (i ? std::string(1, NAME_SEPARATOR) : "") + info.member_names[i];
  }
  g.add_dimension("member", info.member_ids,
                  {{"long_name", std::string("NATO member (ISO 3166-1 alpha-3)")},
                   {"member_names", names}});
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
}

void read_member_coordinates(const h5::Group& g, RunInfo& info) {
  info.member_ids = g.read_strings("member");
  const std::string names = g.open_variable("member").read_text_attr("member_names");
  info.member_names.clear();
  std::size_t start = 0;
  for (std::size_t i = 0; i <= names.size(); ++i) {
    if (i == names.size() || names[i] == NAME_SEPARATOR) {
      info.member_names.push_back(names.substr(start, i - start));
      start = i + 1;
    }
  }
  const auto armed = g.read<std::int32_t>("armed_forces");
  info.armed_forces.assign(armed.begin(), armed.end());
  info.gdp_base_usd_bn = g.read<double>("gdp_base_usd_bn");
  if (info.member_names.size() != info.member_ids.size() ||
      info.armed_forces.size() != info.member_ids.size() ||
      static_cast<int>(g.dimension_size("year")) != info.years()) {
    throw std::runtime_error(g.file().string() + ": member or year coordinates are inconsistent");
  }
}

std::vector<std::string> cell_dimensions(const std::string& name) {
  if (name == "core_share" || name == "total_share" || name == "spending" || name == "will" ||
      name == "at_core_target" || name == "at_total_target") {
    return {"member", "year"};
  }
  if (name == "first_year_core" || name == "first_year_total" || name == "holds_core" ||
      name == "on_track_review" || name == "first_by_jump") {
    return {"member"};
  }
  if (name == "alliance_spending" || name == "alliance_share" || name == "us_share" ||
      name == "members_at_core_target" || name == "members_at_total_target" ||
      name == "alliance_at_core_target") {
    return {"year"};
  }
  throw std::logic_error("cell_dimensions: unknown statistic " + name);
}

}  // namespace rampup
