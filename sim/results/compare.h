// `simulate compare A.h5 B.h5`: the effect of going from scenario A to scenario B in the
// target year. Paired on trials (common random numbers) when both files hold /trials for the
// same seed and trials: each estimate is the mean of per-trial differences d = x_B - x_A with
// standard error sd(d) / sqrt(n). Otherwise the difference of the two summaries with
// sqrt(se_A^2 + se_B^2), and the output says why it is not paired.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace rampup {

struct Difference {
  double a = 0.0, b = 0.0;  // the estimate in A and in B
  double diff = 0.0;        // B - A
  double diff_se = 0.0;     // its standard error
};

struct MemberComparison {
  std::string iso3;
  bool armed = true;
  Difference p_core_target;   // P(core >= target in the target year)
  Difference core_share_pct;  // mean core share in the target year
};

struct Comparison {
  std::string scenario_a, scenario_b;
  bool paired = false;
  std::string not_paired_reason;  // empty when paired
  std::uint64_t trials = 0;       // trials compared (paired), or trials of A
  int target_year = 0;
  double core_target_a = 0.0, core_target_b = 0.0;  // each run is judged by its own target
  std::vector<MemberComparison> members;
  Difference alliance_share_pct;      // mean alliance core share in the target year
  Difference members_at_core_target;  // mean number of members at target
};

// Reads both files whole first (verify_results_file: DamagedFileError if either is damaged).
// Throws InputError if the files are not results files, are malformed, or describe different
// members or years (those cannot be compared at all).
Comparison compare_results(const std::filesystem::path& a, const std::filesystem::path& b);

// As a table for people, or as one JSON object (every number in full precision, NaN as null)
// for programs: analysis/compare.py reads it.
std::string format_comparison(const Comparison& c);
std::string format_comparison_json(const Comparison& c);

}  // namespace rampup
