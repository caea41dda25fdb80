// `defaults` and `members`: member keys, growth/will/spending blocks, plans, elections.
#include <algorithm>
#include <optional>

#include "sim/scenario/convert.h"

namespace rampup::detail {

namespace {

const std::string MEMBERS_EXPECTED =
    "a mapping of at least one member by ISO3 code, e.g. DEU: {gdp_base_usd_bn: ...}";
const std::string MEMBER_EXPECTED =
    "a mapping of member keys (name, gdp_base_usd_bn, core_share_start_pct, ...)";
const std::string DEFAULTS_EXPECTED = "a mapping with growth, will and spending blocks";
const std::string GROWTH_EXPECTED = "a mapping of growth parameters (mean_pct, sd_pct, ...)";
const std::string WILL_EXPECTED = "a mapping of will parameters (initial, baseline, ...)";
const std::string SPENDING_EXPECTED =
    "a mapping of spending parameters (core_plan, max_rise_pp_per_year, ...)";
const std::string PLAN_EXPECTED =
    "a mapping of year to % of GDP with at least one year, e.g. {2025: 2.0, 2030: 3.0}";
const std::string ELECTIONS_EXPECTED = "a list of years, e.g. [2027, 2031]";

std::string year_range(int lo, int hi) {
  return "a year from " + std::to_string(lo) + " to " + std::to_string(hi);
}

// {year: pct, ...} -> points sorted by year; std::nullopt (problems reported) if anything is bad.
std::optional<std::vector<PlanPoint>> read_plan(const TreeNode& node, const std::string& path,
                                                int min_year, Problems& problems) {
  if (!node.is_mapping() || node.entries.empty()) {
    report_value(node, path, PLAN_EXPECTED, problems);
    return std::nullopt;
  }
  std::vector<PlanPoint> plan;
  bool ok = true;
  for (const TreeEntry& entry : node.entries) {
    const std::string point_path = join_path(path, entry.key);
    TreeNode year_node;
    year_node.kind = TreeNode::Kind::scalar;
    year_node.scalar = entry.key;
    year_node.where = entry.key_where;
    const auto year =
        read_integer(year_node, point_path, min_year, YEAR_MAX,
                     year_range(min_year, YEAR_MAX) + " (from horizon.start_year)", problems);
    const auto share = read_number(entry.value, point_path, PERCENT, problems);
    if (!year || !share) {
      ok = false;
      continue;
    }
    const bool repeated =
        std::any_of(plan.begin(), plan.end(), [&](const PlanPoint& p) { return p.year == *year; });
    if (repeated) {
      problems.add(entry.key_where, point_path,
                   "year " + std::to_string(*year) + " is given twice; give each year once");
      ok = false;
      continue;
    }
    plan.push_back({static_cast<int>(*year), *share});
  }
  if (!ok) return std::nullopt;
  std::sort(plan.begin(), plan.end(),
            [](const PlanPoint& a, const PlanPoint& b) { return a.year < b.year; });
  return plan;
}

std::vector<int> read_elections(const TreeNode& node, const std::string& path, Problems& problems) {
  std::vector<int> years;
  if (node.is_null()) return years;
  if (!node.is_sequence()) {
    report_value(node, path, ELECTIONS_EXPECTED, problems);
    return years;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    const auto year = read_integer(node.items[i], item_path, YEAR_MIN, YEAR_MAX,
                                   year_range(YEAR_MIN, YEAR_MAX), problems);
    if (!year) continue;
    if (std::find(years.begin(), years.end(), *year) != years.end()) {
      problems.add(node.items[i].where, item_path,
                   std::to_string(*year) + " is listed twice; list each election year once");
      continue;
    }
    years.push_back(static_cast<int>(*year));
  }
  std::sort(years.begin(), years.end());
  return years;
}

// Returns whether last_growth_pct was given (and valid).
bool read_growth(FieldReader& parent, GrowthParams& growth) {
  const TreeNode* node = parent.section("growth", GROWTH_EXPECTED);
  if (node == nullptr) return false;
  FieldReader r(*node, parent.path_of("growth"), growth_keys(), GROWTH_EXPECTED, parent.problems());
  bool last_set = false;
  for (const NumberField<GrowthParams>& f : GROWTH_FIELDS) {
    const bool ok = r.number(f.key, growth.*f.field, f.range);
    if (f.key == "last_growth_pct") last_set = ok;
  }
  return last_set;
}

void read_will(FieldReader& parent, WillParams& will) {
  const TreeNode* node = parent.section("will", WILL_EXPECTED);
  if (node == nullptr) return;
  FieldReader r(*node, parent.path_of("will"), will_keys(), WILL_EXPECTED, parent.problems());
  r.numbers(WILL_FIELDS, will);
}

struct SpendingRead {
  bool core_plan = false;                           // a valid core_plan was given
  bool related_plan = false;                        // a valid related_plan was given
  std::optional<SourceLocation> stall_at, full_at;  // valid will_stall / will_full given here
};

SpendingRead read_spending(FieldReader& parent, SpendingParams& spending, int plan_min_year) {
  SpendingRead read;
  const TreeNode* node = parent.section("spending", SPENDING_EXPECTED);
  if (node == nullptr) return read;
  FieldReader r(*node, parent.path_of("spending"), spending_keys(), SPENDING_EXPECTED,
                parent.problems());
  for (const NumberField<SpendingParams>& f : SPENDING_FIELDS) {
    if (!r.number(f.key, spending.*f.field, f.range)) continue;
    if (f.key == "will_stall") read.stall_at = r.where(f.key);
    if (f.key == "will_full") read.full_at = r.where(f.key);
  }
  long long adopted = spending.plan_adopted_year;
  if (r.integer("plan_adopted_year", adopted, YEAR_MIN, YEAR_MAX, year_range(YEAR_MIN, YEAR_MAX))) {
    spending.plan_adopted_year = static_cast<int>(adopted);
  }
  if (const TreeNode* budget = r.get("adopted_budget")) {
    auto points = read_plan(*budget, r.path_of("adopted_budget"), plan_min_year, parent.problems());
    if (points) spending.adopted_budget = std::move(*points);
  }
  for (const char* key : {"core_plan", "related_plan"}) {
    const TreeNode* plan_node = r.get(key);
    if (plan_node == nullptr) continue;
    auto plan = read_plan(*plan_node, r.path_of(key), plan_min_year, parent.problems());
    if (!plan) continue;
    const bool core = std::string_view(key) == "core_plan";
    (core ? spending.core_plan : spending.related_plan) = std::move(*plan);
    (core ? read.core_plan : read.related_plan) = true;
  }
  return read;
}

// will_stall < will_full, reported where this block set one of them; a pair inherited from
// `defaults` was reported there.
void check_stall_full(const SpendingParams& s, const SpendingRead& read, const std::string& path,
                      Problems& problems) {
  if (s.will_stall < s.will_full) return;
  const std::string stall = format_number(s.will_stall), full = format_number(s.will_full);
  if (read.stall_at) {
    problems.add(
        *read.stall_at, path + ".will_stall",
        stall + " is not allowed; expected a number in [0, 1) below will_full (" + full + ")");
  } else if (read.full_at) {
    problems.add(
        *read.full_at, path + ".will_full",
        full + " is not allowed; expected a number in (0, 1] above will_stall (" + stall + ")");
  }
}

struct Defaults {
  GrowthParams growth;
  WillParams will;
  SpendingParams spending;
  bool last_growth_set = false;
  bool core_plan_set = false;
  bool related_plan_set = false;
};

Defaults read_defaults(FieldReader& top, const MemberContext& context) {
  Defaults d;
  const TreeNode* node = top.section("defaults", DEFAULTS_EXPECTED);
  if (node == nullptr) return d;
  FieldReader r(*node, "defaults", defaults_keys(), DEFAULTS_EXPECTED, top.problems());
  d.last_growth_set = read_growth(r, d.growth);
  read_will(r, d.will);
  const SpendingRead read = read_spending(r, d.spending, context.plan_min_year);
  d.core_plan_set = read.core_plan;
  d.related_plan_set = read.related_plan;
  check_stall_full(d.spending, read, "defaults.spending", top.problems());
  return d;
}

bool is_iso3(const std::string& key) {
  return key.size() == 3 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void check_iso3(const TreeEntry& entry, const std::string& path, Problems& problems) {
  if (is_iso3(entry.key)) return;
  std::string message = "member key '" + entry.key +
                        "' is not allowed; expected an ISO 3166-1 alpha-3 code (three capital "
                        "letters, e.g. DEU)";
  std::string upper = entry.key;
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  if (is_iso3(upper)) message += "; did you mean '" + upper + "'?";
  problems.add(entry.key_where, path, message);
}

// Linear from the start share in start_year to the target in target_year; flat if already there.
std::vector<PlanPoint> default_plan(const MemberContext& c, double start_pct, double target_pct) {
  return {{c.start_year, start_pct}, {c.targets.target_year, std::max(start_pct, target_pct)}};
}

MemberParams read_member(const TreeEntry& entry, const Defaults& d, const MemberContext& context,
                         Problems& problems) {
  const std::string path = "members." + entry.key;
  check_iso3(entry, path, problems);
  FieldReader m(entry.value, path, member_keys(), MEMBER_EXPECTED, problems);
  m.locate_missing_at(entry.key_where);
  MemberParams p;
  p.iso3 = p.name = entry.key;
  // '|' separates member names in the results file; control characters break tables.
  const auto bad_char = [](char c) { return c == '|' || static_cast<unsigned char>(c) < 0x20; };
  if (m.text("name", p.name) &&
      (p.name.empty() || std::any_of(p.name.begin(), p.name.end(), bad_char))) {
    report_value(*m.get("name"), m.path_of("name"),
                 "a non-empty name without '|' or control characters", problems);
  }
  m.boolean("armed_forces", p.has_armed_forces);
  const std::string gdp = POSITIVE.describe() + " (GDP the year before start_year, USD bn)";
  if (m.require("gdp_base_usd_bn", gdp)) m.number("gdp_base_usd_bn", p.gdp_base_usd_bn, POSITIVE);
  m.number("debt_pct_gdp", p.debt_pct_gdp, NON_NEGATIVE);
  const std::string core = PERCENT.describe() + " (core defence share in start_year, % of GDP)";
  if (!p.has_armed_forces || m.require("core_share_start_pct", core)) {
    m.number("core_share_start_pct", p.core_share_start_pct, PERCENT);
  }
  m.number("related_share_start_pct", p.related_share_start_pct, PERCENT);
  if (const TreeNode* elections = m.get("elections")) {
    p.election_years = read_elections(*elections, m.path_of("elections"), problems);
  }
  p.growth = d.growth;
  const bool last_growth_set = read_growth(m, p.growth) || d.last_growth_set;
  if (!last_growth_set) p.growth.last_growth_pct = p.growth.mean_pct;
  p.will = d.will;
  read_will(m, p.will);
  m.number("proximity", p.proximity, UNIT_CLOSED);
  m.boolean("regime_response", p.regime_response);
  const std::string baseline = PERCENT.describe() + " (calm-regime desired share, % of GDP)";
  if (!p.has_armed_forces || context.model_version != 2 || m.require("baseline_pct", baseline)) {
    m.number("baseline_pct", p.baseline_pct, PERCENT);
  }
  p.spending = d.spending;
  const SpendingRead read = read_spending(m, p.spending, context.plan_min_year);
  check_stall_full(p.spending, read, path + ".spending", problems);
  p.spending.core_plan_announced = read.core_plan || d.core_plan_set;
  if (!p.spending.core_plan_announced) {
    p.spending.core_plan = default_plan(context, p.core_share_start_pct, context.targets.core_pct);
  }
  if (!read.related_plan && !d.related_plan_set) {
    p.spending.related_plan =
        default_plan(context, p.related_share_start_pct, context.targets.related_cap_pct);
  }
  if (!p.has_armed_forces) {  // kept for GDP only: no spending
    p.core_share_start_pct = p.related_share_start_pct = 0.0;
    p.spending.core_plan.clear();
    p.spending.related_plan.clear();
  }
  return p;
}

}  // namespace

void convert_members(FieldReader& top, const MemberContext& context,
                     std::vector<MemberParams>& out) {
  const Defaults defaults = read_defaults(top, context);
  if (!top.require("members", MEMBERS_EXPECTED)) return;
  const TreeNode& members = *top.get("members");
  if (members.is_mapping() && members.entries.empty()) {
    top.problems().add(members.where, "members", "no members; expected " + MEMBERS_EXPECTED);
    return;
  }
  if (!members.is_mapping()) {
    report_value(members, "members", MEMBERS_EXPECTED, top.problems());
    return;
  }
  for (const TreeEntry& entry : members.entries) {
    out.push_back(read_member(entry, defaults, context, top.problems()));
  }
}

}  // namespace rampup::detail
