// Counter-based random draws for one trial (docs/MODEL.md §6).
//
// Layout: Philox4x64-10 (Salmon et al., SC11) with key = (seed, trial) and counter =
// (member, calendar year, stream, block). A slot is one (member, year, stream); it serves the
// 64-bit words of blocks 0, 1, 2, ... in order. Every variate is therefore a pure function of
// (seed, trial, member, year, stream, position in the slot): independent of thread count,
// shard split and of what other slots consume (common random numbers).
//
// Distributions: Boost.Random on top of the slot (a UniformRandomBitGenerator):
// normal_distribution is Boost's ziggurat (one 64-bit word per attempt, ~1% rejections);
// uniforms are the top 53 bits of a word, shifted to the open interval (0, 1).
#pragma once

#include <Random123/philox.h>

#include <boost/random/normal_distribution.hpp>
#include <cstdint>
#include <limits>

#include "models/draws.h"

namespace rampup {

class PhiloxSlot {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  PhiloxSlot(const r123::Philox4x64::key_type& key, std::uint64_t member, std::uint64_t year,
             Stream stream)
      : key_(key), ctr_{{member, year, static_cast<std::uint64_t>(stream), 0}} {}

  result_type operator()() {
    if (next_ == 4) refill();
    return block_.v[next_++];
  }

  // Uniform on (0, 1): (k + 0.5) / 2^53 for the top 53 bits k.
  double uniform() { return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53; }

  double normal() { return boost::random::normal_distribution<double>{}(*this); }

 private:
  void refill() {
    block_ = r123::Philox4x64{}(ctr_, key_);
    ++ctr_.v[3];
    next_ = 0;
  }

  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type ctr_;
  r123::Philox4x64::ctr_type block_{};
  int next_ = 4;
};

// The Draws of models/draws.h for one (seed, trial).
class PhiloxDraws {
 public:
  using Slot = PhiloxSlot;
  PhiloxDraws(std::uint64_t seed, std::uint64_t trial) : key_{{seed, trial}} {}

  PhiloxSlot slot(int member, int year, Stream stream) const {
    return PhiloxSlot(key_, static_cast<std::uint64_t>(member), static_cast<std::uint64_t>(year),
                      stream);
  }

 private:
  r123::Philox4x64::key_type key_;
};

}  // namespace rampup
