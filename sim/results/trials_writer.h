// --save-trials: streams each block of per-trial records (sim/engine/trial_block.h) into the
// group /trials, one appendable (trial, ...) variable per statistic with a per-trial type
// (sim/engine/statistics.h). Nothing is buffered beyond the block being written.
#pragma once

#include <memory>
#include <span>

#include "sim/engine/trial_block.h"
#include "sim/hdf5/group.h"
#include "sim/results/run_info.h"

namespace rampup {

class TrialsWriter : public TrialSink {
 public:
  // Creates /trials in `root`; deflate_level 0 = uncompressed, 1..9 = shuffle + deflate.
  TrialsWriter(h5::Group& root, const RunInfo& info, int deflate_level,
               std::span<const Statistic> table = STATISTICS);
  ~TrialsWriter() override;
  void write(const TrialBlock& block) override;

 private:
  struct Variables;
  std::unique_ptr<Variables> vars_;
};

}  // namespace rampup
