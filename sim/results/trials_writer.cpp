#include "sim/results/trials_writer.h"

#include <limits>
#include <stdexcept>
#include <variant>

#include "sim/results/layout.h"

namespace rampup {

namespace {
using Appendable = std::variant<h5::AppendableVariable<float>, h5::AppendableVariable<std::uint8_t>,
                                h5::AppendableVariable<std::int32_t>>;
}  // namespace

struct TrialsWriter::Variables {
  h5::AppendableVariable<std::int64_t> trial_id;
  std::vector<Appendable> columns;  // one per TrialBlock column, in its order
};

TrialsWriter::TrialsWriter(h5::Group& root, const RunInfo& info, int deflate_level,
                           std::span<const Statistic> table) {
  h5::Group g = root.create_group(
      "trials",
      {{"description", std::string("per-trial paths and sampled inputs (--save-trials)")}});
  add_member_year_dimensions(g, info);
  g.add_unlimited_dimension("trial");
  const h5::Compression c{deflate_level, {}};
  vars_.reset(new Variables{
      g.create_appendable<std::int64_t>("trial_id", {"trial"},
                                        {{"long_name", std::string("global trial index")}}, c),
      {}});
  for (const Statistic& s : table) {
    if (s.trial_type == TrialType::none) continue;
    std::vector<std::string> dims{"trial"};
    for (std::string& d : cell_dimensions(s.cells)) dims.push_back(std::move(d));
    const std::vector<h5::Attr> attrs{{"long_name", std::string(s.long_name)},
                                      {"units", std::string(s.units)}};
    switch (s.trial_type) {
      case TrialType::float32: {
        std::vector<h5::Attr> with_fill = attrs;
        with_fill.push_back({"_FillValue", std::numeric_limits<float>::quiet_NaN()});
        vars_->columns.emplace_back(g.create_appendable<float>(s.name, dims, with_fill, c));
        break;
      }
      case TrialType::uint8:
        vars_->columns.emplace_back(g.create_appendable<std::uint8_t>(s.name, dims, attrs, c));
        break;
      case TrialType::int32:
        vars_->columns.emplace_back(g.create_appendable<std::int32_t>(s.name, dims, attrs, c));
        break;
      case TrialType::none:
        break;
    }
  }
}

TrialsWriter::~TrialsWriter() = default;

void TrialsWriter::write(const TrialBlock& b) {
  if (b.columns.size() != vars_->columns.size()) {  // before anything is appended
    throw std::invalid_argument("TrialsWriter::write: a block of another statistics table");
  }
  vars_->trial_id.append(b.trial_id.data(), b.rows);
  for (std::size_t i = 0; i < b.columns.size(); ++i) {
    std::visit(
        [&]<class T>(h5::AppendableVariable<T>& variable) {
          variable.append(b.columns[i].values<T>(), b.rows);
        },
        vars_->columns[i]);
  }
}

}  // namespace rampup
