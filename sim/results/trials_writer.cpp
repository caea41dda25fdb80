#include "sim/results/trials_writer.h"

#include <limits>

#include "sim/results/layout.h"

namespace rampup {

namespace {
using h5::Attr;
const std::vector<std::string> TMY{"trial", "member", "year"}, TY{"trial", "year"},
    TM{"trial", "member"};
std::vector<Attr> described(const std::string& long_name, const std::string& units) {
  return {{"long_name", long_name}, {"units", units}};
}
}  // namespace

struct TrialsWriter::Variables {
  h5::AppendableVariable<std::int64_t> trial_id;
  h5::AppendableVariable<float> core_share, total_share, spending, will, growth;
  h5::AppendableVariable<std::uint8_t> government_change, reclassified, recession;
  h5::AppendableVariable<float> threat, alliance_spending, alliance_share;
  h5::AppendableVariable<std::int32_t> first_year_core;
  h5::AppendableVariable<std::uint8_t> regime;
  h5::AppendableVariable<std::int32_t> param_row;
  h5::AppendableVariable<std::uint8_t> at_core_target, alliance_at_core_target;
};

TrialsWriter::TrialsWriter(h5::Group& root, const RunInfo& info, int deflate_level) {
  h5::Group g = root.create_group(
      "trials",
      {{"description", std::string("per-trial paths and sampled inputs (--save-trials)")}});
  add_member_year_dimensions(g, info);
  g.add_unlimited_dimension("trial");
  const h5::Compression c{deflate_level, {}};
  const Attr nan_f{"_FillValue", std::numeric_limits<float>::quiet_NaN()};
  auto f32 = [&](const std::string& name, const std::vector<std::string>& dims,
                 std::vector<Attr> attrs) {
    attrs.push_back(nan_f);
    return g.create_appendable<float>(name, dims, attrs, c);
  };
  vars_.reset(new Variables{
      g.create_appendable<std::int64_t>("trial_id", {"trial"},
                                        {{"long_name", std::string("global trial index")}}, c),
      f32("core_share", TMY, described("core defence spending as a share of GDP", "percent")),
      f32("total_share", TMY,
          described("core plus counted related spending as a share of GDP", "percent")),
      f32("spending", TMY,
          described("core defence spending", "billion US dollars (constant prices)")),
      f32("will", TMY,
          described("political will for defence (model v1) or plan credibility kappa (model v2)",
                    "1")),
      f32("growth", TMY, described("realised real GDP growth (sampled input)", "percent")),
      g.create_appendable<std::uint8_t>(
          "government_change", TMY,
          described("1 if an election changed the government (sampled input)", "1"), c),
      g.create_appendable<std::uint8_t>(
          "reclassified", TMY,
          described("1 in the year of the one-off reclassification (model v1) or of a compliance "
                    "jump (model v2) (sampled input)",
                    "1"),
          c),
      g.create_appendable<std::uint8_t>(
          "recession", TY, described("1 in an alliance-wide recession year (sampled input)", "1"),
          c),
      f32("threat", TY,
          described("alliance threat shock on will, logit units, 0 = none (sampled input)", "1")),
      f32("alliance_spending", TY,
          described("alliance core defence spending", "billion US dollars (constant prices)")),
      f32("alliance_share", TY,
          described("alliance core spending as a share of alliance GDP", "percent")),
      g.create_appendable<std::int32_t>(
          "first_year_core", TM, described("first year with core share >= target, 0 = never", "1"),
          c),
      g.create_appendable<std::uint8_t>(
          "regime", TY,
          described("threat regime, 0 calm, 1 elevated, 2 acute (model v2; sampled input)", "1"),
          c),
      g.create_appendable<std::int32_t>(
          "param_row", {"trial"},
          described("row of the calibration file used by the trial (model v2; sampled input)", "1"),
          c),
      g.create_appendable<std::uint8_t>(
          "at_core_target", TMY,
          described("1 if the core share meets the core target as NATO rounds it (>= target - "
                    "0.005 pp), as the model judged it in double precision; 0 without armed forces",
                    "1"),
          c),
      g.create_appendable<std::uint8_t>(
          "alliance_at_core_target", TY,
          described("1 if the alliance core share meets the core target as NATO rounds it, as the "
                    "model judged it",
                    "1"),
          c),
  });
}

TrialsWriter::~TrialsWriter() = default;

void TrialsWriter::write(const TrialBlock& b) {
  Variables& v = *vars_;
  v.trial_id.append(b.trial_id.data(), b.rows);
  v.core_share.append(b.core_share_pct.data(), b.rows);
  v.total_share.append(b.total_share_pct.data(), b.rows);
  v.spending.append(b.spending_usd_bn.data(), b.rows);
  v.will.append(b.will.data(), b.rows);
  v.growth.append(b.growth_pct.data(), b.rows);
  v.government_change.append(b.government_change.data(), b.rows);
  v.reclassified.append(b.reclassified.data(), b.rows);
  v.recession.append(b.recession.data(), b.rows);
  v.threat.append(b.threat_logit.data(), b.rows);
  v.alliance_spending.append(b.alliance_spending_usd_bn.data(), b.rows);
  v.alliance_share.append(b.alliance_share_pct.data(), b.rows);
  v.first_year_core.append(b.first_year_core.data(), b.rows);
  v.regime.append(b.regime.data(), b.rows);
  v.param_row.append(b.param_row.data(), b.rows);
  v.at_core_target.append(b.at_core_target.data(), b.rows);
  v.alliance_at_core_target.append(b.alliance_at_core_target.data(), b.rows);
}

}  // namespace rampup
