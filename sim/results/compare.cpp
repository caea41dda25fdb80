#include "sim/results/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "sim/hdf5/file.h"
#include "sim/results/attributes.h"
#include "sim/results/input_error.h"
#include "sim/results/integrity.h"
#include "sim/results/json_text.h"
#include "sim/results/results_file.h"

namespace rampup {

namespace {

constexpr std::size_t BLOCK_ROWS = 8192;  // trials read at a time: bounded memory

struct FileView {
  std::string name;
  std::string seed;
  std::int64_t trial_begin = 0, trial_end = 0;
  int start_year = 0, end_year = 0, target_year = 0;
  double core_target_pct = 0.0;
  std::vector<std::string> members;
  std::vector<std::int32_t> armed;
  bool has_trials = false;
};

// Variable `name` of g, which must hold `expected` values.
template <class T>
std::vector<T> read_sized(const h5::Group& g, const std::string& name, std::size_t expected) {
  const std::string variable = g.path() + "/" + name;
  const auto refuse = [&](const std::string& found) -> std::vector<T> {
    throw InputError(g.file().string() + ": variable " + variable + ": expected " +
                         std::to_string(expected) + " values, found " + found,
                     {g.file().string(), variable, {}});
  };
  if (!g.has(name)) return refuse("no such variable");
  std::vector<T> v;
  try {
    v = g.read<T>(name);
  } catch (const h5::DamagedError&) {
    throw;
  } catch (const h5::Error& e) {
    return refuse("values that cannot be read as numbers (" + e.details() + ")");
  }
  if (v.size() != expected) return refuse(std::to_string(v.size()));
  return v;
}

// The shape of /trials variable `name` must be `expected` (trial, member, year counts).
void check_shape(const h5::Group& t, const std::string& name,
                 const std::vector<std::size_t>& expected) {
  const auto text = [](const std::vector<std::size_t>& s) {
    std::string out;
    for (std::size_t n : s) out += (out.empty() ? "" : " x ") + std::to_string(n);
    return "(" + out + ")";
  };
  const std::string variable = t.path() + "/" + name;
  const std::vector<std::size_t> found = t.has(name) ? t.shape(name) : std::vector<std::size_t>{};
  if (found != expected) {
    throw InputError(t.file().string() + ": variable " + variable + ": expected shape " +
                         text(expected) + ", found " +
                         (t.has(name) ? text(found) : std::string("no such variable")),
                     {t.file().string(), variable, {}});
  }
}

FileView view(const h5::File& f) {
  const h5::Group root = f.root();
  if (!root.has_attr("format_version") || !root.has("summary")) {
    throw InputError(f.path().string() + ": not a simulate results file");
  }
  FileView v;
  v.name = text_attr(root, "scenario_name");
  v.seed = text_attr(root, "seed");
  const std::int64_t trials = int_attr(root, "trials", 1, MAX_TRIALS);
  v.trial_begin = int_attr(root, "trial_begin", 0, trials - 1);
  v.trial_end = int_attr(root, "trial_end", v.trial_begin + 1, trials);
  v.start_year = static_cast<int>(int_attr(root, "start_year", YEAR_MIN, YEAR_MAX));
  v.end_year = static_cast<int>(
      int_attr(root, "end_year", v.start_year, v.start_year + MAX_HORIZON_YEARS - 1));
  v.target_year = static_cast<int>(int_attr(root, "target_year", v.start_year, v.end_year));
  v.core_target_pct = number_attr(root, "core_target_pct");
  const h5::Group s = root.open_group("summary");
  v.members = s.read_strings("member");
  v.armed = read_sized<std::int32_t>(s, "armed_forces", v.members.size());
  v.has_trials = root.has("trials");
  return v;
}

// Running sums of a, b and d = b - a over trials.
struct PairedSums {
  double n = 0, a = 0, b = 0, d = 0, d2 = 0;
  void add(double x_a, double x_b) {
    n += 1;
    a += x_a;
    b += x_b;
    d += x_b - x_a;
    d2 += (x_b - x_a) * (x_b - x_a);
  }
  Difference result() const {
    const double mean_d = d / n;
    const double var_d = n > 1 ? std::max(0.0, (d2 - n * mean_d * mean_d) / (n - 1)) : NAN;
    return {a / n, b / n, mean_d, std::sqrt(var_d / n)};
  }
};

// Each run is judged against its own core target (they may differ between scenarios), as the
// model judged it: /trials/at_core_target, not the float32 shares.
void compare_paired(const h5::File& fa, const h5::File& fb, const FileView& v, Comparison& c) {
  const h5::Group ta = fa.root().open_group("trials"), tb = fb.root().open_group("trials");
  const std::size_t rows = static_cast<std::size_t>(v.trial_end - v.trial_begin);
  const int members = static_cast<int>(v.members.size());
  const int years = v.end_year - v.start_year + 1;
  for (const h5::Group* t : {&ta, &tb}) {
    const auto m = static_cast<std::size_t>(members), y = static_cast<std::size_t>(years);
    check_shape(*t, "trial_id", {rows});
    check_shape(*t, "core_share", {rows, m, y});
    check_shape(*t, "at_core_target", {rows, m, y});
    check_shape(*t, "alliance_share", {rows, y});
  }
  const int ty = v.target_year - v.start_year;
  std::vector<PairedSums> p(members), share(members);
  PairedSums alliance, at_target;
  const h5::Variable ca = ta.open_variable("core_share"), cb = tb.open_variable("core_share");
  const h5::Variable ka = ta.open_variable("at_core_target"),
                     kb = tb.open_variable("at_core_target");
  const h5::Variable aa = ta.open_variable("alliance_share"),
                     ab = tb.open_variable("alliance_share");
  const h5::Variable ia = ta.open_variable("trial_id"), ib = tb.open_variable("trial_id");
  for (std::size_t first = 0; first < rows; first += BLOCK_ROWS) {
    const std::size_t n = std::min(BLOCK_ROWS, rows - first);
    if (ia.read_rows<std::int64_t>(first, n) != ib.read_rows<std::int64_t>(first, n)) {
      throw InputError("cannot compare " + fa.path().string() + " and " + fb.path().string() +
                       " trial by trial: their trial_id values differ from trial " +
                       std::to_string(first) + " on");
    }
    const auto xa = ca.read_rows<float>(first, n), xb = cb.read_rows<float>(first, n);
    const auto at_a = ka.read_rows<std::uint8_t>(first, n),
               at_b = kb.read_rows<std::uint8_t>(first, n);
    const auto ya = aa.read_rows<float>(first, n), yb = ab.read_rows<float>(first, n);
    for (std::size_t r = 0; r < n; ++r) {
      int count_a = 0, count_b = 0;
      for (int m = 0; m < members; ++m) {
        if (!v.armed[m]) continue;
        const std::size_t i = (r * members + m) * years + ty;
        const bool meets_a = at_a[i] != 0, meets_b = at_b[i] != 0;
        p[m].add(meets_a, meets_b);
        share[m].add(xa[i], xb[i]);
        count_a += meets_a;
        count_b += meets_b;
      }
      alliance.add(ya[r * years + ty], yb[r * years + ty]);
      at_target.add(count_a, count_b);
    }
  }
  c.trials = rows;
  for (int m = 0; m < members; ++m) {
    MemberComparison row{v.members[m], v.armed[m] != 0, {}, {}};
    if (row.armed) {
      row.p_core_target = p[m].result();
      row.core_share_pct = share[m].result();
    }
    c.members.push_back(row);
  }
  c.alliance_share_pct = alliance.result();
  c.members_at_core_target = at_target.result();
}

// Element `index` of /summary variables `value` and `se` (each of `size` values) in a and b.
Difference unpaired(const h5::Group& a, const h5::Group& b, const std::string& value,
                    const std::string& se, std::size_t index, std::size_t size) {
  const double xa = read_sized<double>(a, value, size)[index];
  const double xb = read_sized<double>(b, value, size)[index];
  const double sa = read_sized<double>(a, se, size)[index];
  const double sb = read_sized<double>(b, se, size)[index];
  return {xa, xb, xb - xa, std::sqrt(sa * sa + sb * sb)};
}

void compare_unpaired(const h5::File& fa, const h5::File& fb, const FileView& v, Comparison& c) {
  const h5::Group sa = fa.root().open_group("summary"), sb = fb.root().open_group("summary");
  const int years = v.end_year - v.start_year + 1;
  const std::size_t ty = static_cast<std::size_t>(v.target_year - v.start_year);
  c.trials = static_cast<std::uint64_t>(v.trial_end - v.trial_begin);
  const std::size_t cells = v.members.size() * static_cast<std::size_t>(years);
  for (std::size_t m = 0; m < v.members.size(); ++m) {
    MemberComparison row{v.members[m], v.armed[m] != 0, {}, {}};
    if (row.armed) {
      const std::size_t i = m * static_cast<std::size_t>(years) + ty;
      row.p_core_target = unpaired(sa, sb, "p_core_target", "p_core_target_se", i, cells);
      row.core_share_pct = unpaired(sa, sb, "core_share_mean", "core_share_mean_se", i, cells);
    }
    c.members.push_back(row);
  }
  const auto y = static_cast<std::size_t>(years);
  c.alliance_share_pct = unpaired(sa, sb, "alliance_share_mean", "alliance_share_mean_se", ty, y);
  c.members_at_core_target =
      unpaired(sa, sb, "members_at_core_target_mean", "members_at_core_target_mean_se", ty, y);
}

std::string fixed(double x, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%+.*f", digits, x);
  return buf;
}

Comparison compare_checked(const std::filesystem::path& a, const std::filesystem::path& b) {
  const h5::File fa = open_results_for_reading(a), fb = open_results_for_reading(b);
  const FileView va = view(fa), vb = view(fb);
  if (va.members != vb.members || va.start_year != vb.start_year || va.end_year != vb.end_year ||
      va.target_year != vb.target_year) {
    throw InputError("cannot compare " + a.string() + " and " + b.string() +
                     ": different members, horizon or target year");
  }
  Comparison c;
  c.scenario_a = va.name;
  c.scenario_b = vb.name;
  c.target_year = va.target_year;
  c.core_target_a = va.core_target_pct;
  c.core_target_b = vb.core_target_pct;
  if (va.seed != vb.seed) {
    c.not_paired_reason = "different seeds (" + va.seed + " vs " + vb.seed + ")";
  } else if (va.trial_begin != vb.trial_begin || va.trial_end != vb.trial_end) {
    c.not_paired_reason = "different trials";
  } else if (!va.has_trials || !vb.has_trials) {
    c.not_paired_reason = "per-trial data missing (run both with --save-trials)";
  }
  c.paired = c.not_paired_reason.empty();
  if (c.paired) {
    compare_paired(fa, fb, va, c);
  } else {
    compare_unpaired(fa, fb, va, c);
  }
  return c;
}

}  // namespace

Comparison compare_results(const std::filesystem::path& a, const std::filesystem::path& b) {
  verify_results_file(a);  // damage anywhere in either file is reported, not compared
  verify_results_file(b);
  return reporting_damage([&] { return compare_checked(a, b); });
}

namespace {

std::string json_difference(const Difference& d) {
  return "{\"a\": " + json_number(d.a, -1) + ", \"b\": " + json_number(d.b, -1) +
         ", \"diff\": " + json_number(d.diff, -1) + ", \"diff_se\": " + json_number(d.diff_se, -1) +
         "}";
}

}  // namespace

std::string format_comparison_json(const Comparison& c) {
  std::ostringstream o;
  o << "{\"scenario_a\": \"" << json_escape(c.scenario_a) << "\", \"scenario_b\": \""
    << json_escape(c.scenario_b) << "\", \"paired\": " << (c.paired ? "true" : "false")
    << ", \"not_paired_reason\": \"" << json_escape(c.not_paired_reason)
    << "\", \"trials\": " << c.trials << ", \"target_year\": " << c.target_year
    << ", \"core_target_a\": " << json_number(c.core_target_a, -1)
    << ", \"core_target_b\": " << json_number(c.core_target_b, -1) << ", \"members\": [";
  for (std::size_t i = 0; i < c.members.size(); ++i) {
    const MemberComparison& m = c.members[i];
    o << (i ? ", " : "") << "{\"iso3\": \"" << json_escape(m.iso3)
      << "\", \"armed_forces\": " << (m.armed ? "true" : "false");
    if (m.armed) {
      o << ", \"p_core_target\": " << json_difference(m.p_core_target)
        << ", \"core_share_pct\": " << json_difference(m.core_share_pct);
    }
    o << "}";
  }
  o << "], \"alliance_share_pct\": " << json_difference(c.alliance_share_pct)
    << ", \"members_at_core_target\": " << json_difference(c.members_at_core_target) << "}\n";
  return o.str();
}

std::string format_comparison(const Comparison& c) {
  std::ostringstream o;
  const std::string ty = std::to_string(c.target_year);
  o << "B - A in " << ty << ": A = " << c.scenario_a << ", B = " << c.scenario_b << ", " << c.trials
    << " trials, "
    << (c.paired ? "paired on trials (common random numbers)"
                 : "NOT paired: " + c.not_paired_reason +
                       "; standard errors treat the runs as independent")
    << "\n";
  if (c.core_target_a != c.core_target_b) {
    o << "Core targets differ: A " << c.core_target_a << "%, B " << c.core_target_b
      << "%; each run's P(core >= target) uses its own\n";
  }
  char line[200];
  std::snprintf(line, sizeof line, "%-5s %8s %8s %18s %9s %9s %18s\n", "ISO3", "P(A)", "P(B)",
                "P(B)-P(A) ± se", "share A", "share B", "B-A pp ± se");
  o << line;
  for (const auto& m : c.members) {
    if (!m.armed) {
      std::snprintf(line, sizeof line, "%-5s %s\n", m.iso3.c_str(), "no armed forces");
    } else {
      const Difference &p = m.p_core_target, &s = m.core_share_pct;
      std::snprintf(line, sizeof line, "%-5s %8.3f %8.3f %10s ±%6.3f %9.2f %9.2f %10s ±%6.3f\n",
                    m.iso3.c_str(), p.a, p.b, fixed(p.diff, 3).c_str(), p.diff_se, s.a, s.b,
                    fixed(s.diff, 3).c_str(), s.diff_se);
    }
    o << line;
  }
  const Difference &al = c.alliance_share_pct, &at = c.members_at_core_target;
  o << "Alliance core share " << ty << ": " << fixed(al.diff, 3) << " pp ± " << al.diff_se << " (A "
    << al.a << ", B " << al.b << "); members at target: " << fixed(at.diff, 2) << " ± "
    << at.diff_se << " (A " << at.a << ", B " << at.b << ")\n";
  return o.str();
}

}  // namespace rampup
