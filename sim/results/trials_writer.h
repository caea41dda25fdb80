// --save-trials: streams each block of per-trial records (sim/engine/trial_block.h) into the
// group /trials as appendable (trial, ...) variables, float32 where continuous. Nothing is
// buffered beyond the block being written.
#pragma once

#include <memory>

#include "sim/engine/trial_block.h"
#include "sim/hdf5/group.h"
#include "sim/results/run_info.h"

namespace rampup {

class TrialsWriter : public TrialSink {
 public:
  // Creates /trials in `root`; deflate_level 0 = uncompressed, 1..9 = shuffle + deflate.
  TrialsWriter(h5::Group& root, const RunInfo& info, int deflate_level);
  ~TrialsWriter() override;
  void write(const TrialBlock& block) override;

 private:
  struct Variables;
  std::unique_ptr<Variables> vars_;
};

}  // namespace rampup
