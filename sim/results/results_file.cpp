#include "sim/results/results_file.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "sim/hdf5/file.h"
#include "sim/hdf5/peek.h"
#include "sim/results/attributes.h"
#include "sim/results/input_error.h"
#include "sim/results/integrity.h"
#include "sim/results/layout.h"
#include "sim/results/summary.h"
#include "sim/results/trials_writer.h"

namespace rampup {

namespace {

using h5::Attr;
using h5::Group;

std::vector<std::int64_t> to_int64(const std::vector<std::uint64_t>& v) {
  return {v.begin(), v.end()};
}
// The same words read as the file's int64, without a copy of the ~20 MB of bins (a signed view
// of unsigned words is allowed by the aliasing rules, and gives the bits to_int64 would).
const std::int64_t* as_int64(const std::vector<std::uint64_t>& v) {
  return reinterpret_cast<const std::int64_t*>(v.data());
}
std::vector<std::uint64_t> to_uint64(const std::vector<std::int64_t>& v) {
  return {v.begin(), v.end()};
}

// 128-bit sums as (high, low) limbs of two's complement: value = high * 2^64 + (uint64) low.
std::vector<std::int64_t> to_limbs(const std::vector<int128>& v) {
  std::vector<std::int64_t> out;
  for (int128 x : v) {
    out.push_back(static_cast<std::int64_t>(x >> 64));
    out.push_back(static_cast<std::int64_t>(static_cast<std::uint64_t>(x)));
  }
  return out;
}
std::vector<int128> from_limbs(const std::vector<std::int64_t>& v) {
  std::vector<int128> out;
  for (std::size_t i = 0; i + 1 < v.size(); i += 2) {
    const auto high = static_cast<int128>(v[i]);
    out.push_back(static_cast<int128>(static_cast<__uint128_t>(high) << 64) |
                  static_cast<int128>(static_cast<std::uint64_t>(v[i + 1])));
  }
  return out;
}

std::string stopping_rule_text(const RunInfo& info) {
  if (info.until_se <= 0.0) return "fixed number of trials";
  char text[200];
  std::snprintf(text, sizeof text,
                "until every headline probability has standard error <= %g (checked at 1000 * "
                "2^k trials); %s",
                info.until_se, info.stopping_rule_met ? "met" : "not met within the trial cap");
  return text;
}

// Variable `name` of g, which must hold `expected` values (InputError saying how many it has).
std::vector<std::int64_t> read_sized(const Group& g, const std::string& name,
                                     std::size_t expected) {
  if (!g.has(name)) {
    throw InputError(g.file().string() + ": variable " + g.path() + "/" + name + ": expected " +
                         std::to_string(expected) + " values, found no such variable",
                     {g.file().string(), g.path() + "/" + name, {}});
  }
  std::vector<std::int64_t> v;
  try {
    v = g.read<std::int64_t>(name);
  } catch (const h5::DamagedError&) {
    throw;
  } catch (const h5::Error& e) {
    throw InputError(g.file().string() + ": variable " + g.path() + "/" + name + ": expected " +
                         std::to_string(expected) +
                         " integers, found values that cannot be read "
                         "as integers (" +
                         e.details() + ")",
                     {g.file().string(), g.path() + "/" + name, {}});
  }
  if (v.size() != expected) {
    throw InputError(g.file().string() + ": variable " + g.path() + "/" + name + ": expected " +
                         std::to_string(expected) + " values, found " + std::to_string(v.size()),
                     {g.file().string(), g.path() + "/" + name, {}});
  }
  return v;
}

void write_root_attributes(Group& root, const RunInfo& info) {
  root.set_attrs({
      {"Conventions", std::string("CF-1.8")},
      {"title", "NATO defence-spending ramp-up: Monte Carlo results for scenario '" +
                    info.scenario_name + "'"},
      {"source", "simulate " + info.software_version + " (git " + info.git_commit + ")"},
      {"comment", std::string("Layout documented in docs/FORMAT.md. Group 'summary' holds the "
                              "distributions; 'accumulators' the raw mergeable statistics.")},
      {"format_version", std::int32_t{RESULTS_FORMAT_VERSION}},
      {"software_version", info.software_version},
      {"git_commit", info.git_commit},
      {"library_versions", info.library_versions},
      {"scenario_name", info.scenario_name},
      {"scenario_sha256", info.scenario_sha256},
      {"scenario_text", info.scenario_text},
      {"seed", std::to_string(info.seed)},
      {"trials", static_cast<std::int64_t>(info.trials_total)},
      {"trial_begin", static_cast<std::int64_t>(info.trial_begin)},
      {"trial_end", static_cast<std::int64_t>(info.trial_end)},
      {"shard", info.complete() ? std::string("complete")
                                : "trials [" + std::to_string(info.trial_begin) + ", " +
                                      std::to_string(info.trial_end) + ") of " +
                                      std::to_string(info.trials_total)},
      {"stopping_rule", stopping_rule_text(info)},
      {"until_se", info.until_se},
      {"stopping_rule_met", std::int32_t{info.stopping_rule_met}},
      {"start_year", std::int32_t{info.start_year}},
      {"end_year", std::int32_t{info.end_year}},
      {"core_target_pct", info.targets.core_pct},
      {"related_cap_pct", info.targets.related_cap_pct},
      {"total_target_pct", info.targets.total_pct},
      {"target_year", std::int32_t{info.targets.target_year}},
      {"review_year", std::int32_t{info.targets.review_year}},
  });
}

void write_accumulators(Group& g, const RunInfo& info, const OutcomeStats& stats) {
  add_member_year_dimensions(g, info);
  g.add_dimension_without_coordinate("limb", 2);
  const h5::Compression packed{1, {}};  // mostly-empty histograms shrink ~100x
  const std::vector<Statistic>& table = stats.table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const std::string name = table[i].name;
    const std::vector<std::string> cells = cell_dimensions(table[i].cells);
    if (table[i].kept == Kept::count) {
      g.write_variable(name, cells, to_int64(stats.counts(i)),
                       {{"long_name", "number of trials: " + name}});
    }
    if (table[i].kept != Kept::histogram) continue;
    const CellHistograms& h = stats.histogram(i);
    const std::string bin_dim = name + "_bin";
    g.add_dimension_without_coordinate(bin_dim, static_cast<std::size_t>(h.stride()));
    auto with = [&](std::string extra) {
      std::vector<std::string> d = cells;
      d.push_back(std::move(extra));
      return d;
    };
    g.write_variable(name + "_count", cells, to_int64(h.raw_counts()),
                     {{"long_name", "number of values of " + name}});
    g.write_variable(name + "_bins", with(bin_dim), as_int64(h.raw_bins()),
                     {{"long_name", "histogram of " + name + ": [underflow, bins, overflow]"},
                      {"bin_lo", h.spec().lo},
                      {"bin_width", h.spec().width},
                      {"bins", std::int32_t{h.spec().bins}}},
                     packed);
    const std::vector<Attr> sum_attrs{
        {"long_name", "sum of round(x * 2^quant_bits) as 128-bit (high, low) limbs"},
        {"quant_bits", std::int32_t{QUANT_BITS}}};
    g.write_variable(name + "_sum", with("limb"), to_limbs(h.raw_sums()), sum_attrs);
    g.write_variable(name + "_sum_sq", with("limb"), to_limbs(h.raw_sum_sqs()), sum_attrs);
  }
}

}  // namespace

ResultsWriter::ResultsWriter(const std::filesystem::path& path) : file_(h5::File::create(path)) {}

ResultsWriter::~ResultsWriter() = default;

TrialSink& ResultsWriter::save_trials(const RunInfo& coordinates, int deflate_level,
                                      std::span<const Statistic> table) {
  Group root = file_.root();
  trials_ = std::make_unique<TrialsWriter>(root, coordinates, deflate_level, table);
  return *trials_;
}

void ResultsWriter::finish(const RunInfo& info, const OutcomeStats& stats) {
  trials_.reset();  // its variables must be closed before the file
  {
    Group root = file_.root();
    write_root_attributes(root, info);
    Group summary = root.create_group(
        "summary", {{"description", std::string("distributions over trials; see docs/FORMAT.md")}});
    write_summary(summary, info, stats);
    Group accumulators = root.create_group(
        "accumulators",
        {{"description", std::string("raw integer statistics; simulate merge adds them")}});
    write_accumulators(accumulators, info, stats);
  }
  file_.close();
}

void write_results_file(const std::filesystem::path& path, const RunInfo& info,
                        const OutcomeStats& stats) {
  ResultsWriter(path).finish(info, stats);
}

h5::File open_results_for_reading(const std::filesystem::path& path) {
  if (!std::filesystem::is_regular_file(path)) {
    throw Error("cannot read results file '" + path.string() + "': no such file", ExitCode::failure,
                {path.string(), {}, {}});
  }
  try {
    return reporting_damage([&] { return h5::File::open_read(path); });
  } catch (const DamagedFileError&) {
    throw;
  } catch (const h5::Error&) {
    throw InputError(path.string() + ": not a results file (not an HDF5 file)");
  }
}

bool is_results_file(const std::filesystem::path& path) {
  const std::optional<h5::RootPeek> root = h5::peek_root(path, "source");
  return root && std::ranges::count(root->names, "format_version") == 1 && root->text &&
         root->text->starts_with("simulate ");
}

bool has_per_trial_data(const std::filesystem::path& path) {
  return reporting_damage([&] { return open_results_for_reading(path).root().has("trials"); });
}

namespace {

// The root attributes and the member coordinates of /accumulators, not the statistics.
RunInfo read_info_unchecked(const h5::File& file, const std::filesystem::path& path) {
  const Group root = file.root();
  const std::string where = path.string();
  if (!root.has_attr("format_version") || !root.has("accumulators")) {
    throw InputError(where + ": not a simulate results file (no format_version)");
  }
  int_attr(root, "format_version", RESULTS_FORMAT_VERSION, RESULTS_FORMAT_VERSION);
  RunInfo info;
  info.software_version = text_attr(root, "software_version");
  info.git_commit = text_attr(root, "git_commit");
  info.library_versions = text_attr(root, "library_versions");
  info.scenario_name = text_attr(root, "scenario_name");
  info.scenario_text = text_attr(root, "scenario_text");
  info.scenario_sha256 = text_attr(root, "scenario_sha256");
  info.seed = decimal_text_attr(root, "seed");
  info.trials_total = static_cast<std::uint64_t>(int_attr(root, "trials", 1, MAX_TRIALS));
  const auto total = static_cast<std::int64_t>(info.trials_total);
  info.trial_begin = static_cast<std::uint64_t>(int_attr(root, "trial_begin", 0, total - 1));
  info.trial_end = static_cast<std::uint64_t>(
      int_attr(root, "trial_end", static_cast<std::int64_t>(info.trial_begin) + 1, total));
  if (root.has_attr("until_se")) {  // files before --until-se: a fixed number of trials
    info.until_se = number_attr(root, "until_se");
    info.stopping_rule_met = int_attr(root, "stopping_rule_met", 0, 1) != 0;
  }
  info.start_year = static_cast<int>(int_attr(root, "start_year", YEAR_MIN, YEAR_MAX));
  info.end_year = static_cast<int>(
      int_attr(root, "end_year", info.start_year, info.start_year + MAX_HORIZON_YEARS - 1));
  info.targets.core_pct = number_attr(root, "core_target_pct");
  info.targets.related_cap_pct = number_attr(root, "related_cap_pct");
  info.targets.total_pct = number_attr(root, "total_target_pct");
  info.targets.target_year = static_cast<int>(int_attr(root, "target_year", YEAR_MIN, YEAR_MAX));
  info.targets.review_year = static_cast<int>(int_attr(root, "review_year", YEAR_MIN, YEAR_MAX));

  read_member_coordinates(root.open_group("accumulators"), info);
  return info;
}

LoadedResults read_results_unchecked(const std::filesystem::path& path) {
  h5::File file = open_results_for_reading(path);
  RunInfo info = read_info_unchecked(file, path);
  const Group g = file.root().open_group("accumulators");
  OutcomeStats stats(coordinates_model(info));
  stats.set_trials(info.trial_end - info.trial_begin);
  for (std::size_t i = 0; i < STATISTICS.size(); ++i) {
    const std::string n = STATISTICS[i].name;
    if (STATISTICS[i].kept == Kept::count) {
      std::vector<std::uint64_t>& v = stats.counts(i);
      v = to_uint64(read_sized(g, n, v.size()));
    }
    if (STATISTICS[i].kept != Kept::histogram) continue;
    CellHistograms& h = stats.histogram(i);
    const auto cells = static_cast<std::size_t>(h.cells());
    const auto stride = static_cast<std::size_t>(h.stride());
    h = CellHistograms::from_raw(h.cells(), h.spec(), to_uint64(read_sized(g, n + "_count", cells)),
                                 to_uint64(read_sized(g, n + "_bins", cells * stride)),
                                 from_limbs(read_sized(g, n + "_sum", cells * 2)),
                                 from_limbs(read_sized(g, n + "_sum_sq", cells * 2)));
  }
  return {std::move(info), std::move(stats)};
}

}  // namespace

LoadedResults read_results_file(const std::filesystem::path& path) {
  return reporting_damage([&] { return read_results_unchecked(path); });
}

RunInfo read_run_info(const std::filesystem::path& path) {
  return reporting_damage(
      [&] { return read_info_unchecked(open_results_for_reading(path), path); });
}

}  // namespace rampup
