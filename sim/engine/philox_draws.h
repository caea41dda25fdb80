// Counter-based random draws for one trial (docs/MODEL.md §6).
//
// Generator: Philox4x64-10 (Salmon et al., SC11), key = (seed, trial), counter =
// (member, calendar year, stream, block). A slot is one (member, year, stream); it serves 64-bit
// words in a fixed order, so every variate is a pure function of (seed, trial, member, year,
// stream, position in the slot) -- independent of thread count, shard split and of what other
// slots consume (common random numbers).
//
// Word order of a slot: the growth and will slots of a member-year first take fixed words of
// one shared block, counter (member, year, SHARED_BLOCK, 0): growth words 0-2 (its normal and
// up to four chi-squared uniforms, i.e. dof <= 8), will word 3 (model v1) or adjustment word 3
// (a polar Student-t needs one word 79% of the time; model v2 draws its growth, adjustment,
// election and compliance variates in lanes instead, member_year_draws.h). Then, like
// every other slot, they continue with their own blocks (member, year, stream, 0), (.., 1), ...
// This halves the Philox calls of a member-year without making any variate depend on another
// stream's consumption.
//
// Distributions: Boost.Random on top of the slot (a UniformRandomBitGenerator):
// normal_distribution is Boost's ziggurat (one 64-bit word per attempt, ~1% retries);
// uniforms take 32 bits each (two per word), shifted to the open interval (0, 1).
#pragma once

#include <Random123/philox.h>

#include <boost/random/normal_distribution.hpp>
#include <cstdint>
#include <limits>

#include "models/draws.h"
#include "models/member_year_variates.h"
#include "sim/engine/member_year_draws.h"

namespace rampup {

inline constexpr std::uint64_t SHARED_BLOCK = 255;  // stream id of the shared member-year block

class PhiloxSlot {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  PhiloxSlot(const r123::Philox4x64::key_type& key, std::uint64_t member, std::uint64_t year,
             Stream stream)
      : key_(key), ctr_{{member, year, static_cast<std::uint64_t>(stream), 0}} {}

  // Serves `count` (<= 3) fixed words first, then the slot's own blocks.
  void set_prefix(const std::uint64_t* words, int count) {
    for (int i = 0; i < count; ++i) prefix_[i] = words[i];
    prefix_left_ = count;
    prefix_next_ = 0;
  }

  [[gnu::always_inline]] result_type operator()() {
    if (prefix_left_ > 0) {
      --prefix_left_;
      return prefix_[prefix_next_++];
    }
    if (next_ == 4) refill();
    return block_.v[next_++];
  }

  // Uniform on (0, 1) from 32 bits k: (k + 0.5) / 2^32 (resolution 2.3e-10, ample for event
  // probabilities and chi-squared products). Two uniforms share one word: high half first.
  [[gnu::always_inline]] double uniform() {
    std::uint32_t k;
    if (half_left_) {
      k = static_cast<std::uint32_t>(half_word_);
      half_left_ = false;
    } else {
      half_word_ = (*this)();
      k = static_cast<std::uint32_t>(half_word_ >> 32);
      half_left_ = true;
    }
    return (static_cast<double>(k) + 0.5) * 0x1.0p-32;
  }

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
  std::uint64_t prefix_[3] = {0, 0, 0};
  int prefix_left_ = 0;
  int prefix_next_ = 0;
  std::uint64_t half_word_ = 0;
  bool half_left_ = false;
};

// The Draws of models/draws.h for one (seed, trial). Caches the shared block of the last
// member-year asked for (not thread-safe: one object per trial and thread).
class PhiloxDraws {
 public:
  using Slot = PhiloxSlot;
  PhiloxDraws(std::uint64_t seed, std::uint64_t trial) : key_{{seed, trial}} {}

  // Model v2's member-year variates, many at a time (sim/engine/member_year_draws.h).
  void member_year_variates(const MemberYearShape& shape, MemberYearVariates& out) const {
    draw_member_year_variates(key_.v[0], key_.v[1], shape, out);
  }

  PhiloxSlot slot(int member, int year, Stream stream) {
    const auto m = static_cast<std::uint64_t>(member);
    const auto y = static_cast<std::uint64_t>(year);
    PhiloxSlot slot(key_, m, y, stream);
    if (stream == Stream::growth || stream == Stream::will || stream == Stream::adjustment) {
      if (!cached_ || cached_member_ != m || cached_year_ != y) {
        shared_ = r123::Philox4x64{}({{m, y, SHARED_BLOCK, 0}}, key_);
        cached_ = true;
        cached_member_ = m;
        cached_year_ = y;
      }
      if (stream == Stream::growth) {
        slot.set_prefix(&shared_.v[0], 3);
      } else {  // will (model v1) or adjustment (model v2): never both in one model
        slot.set_prefix(&shared_.v[3], 1);
      }
    }
    return slot;
  }

 private:
  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type shared_{};
  bool cached_ = false;
  std::uint64_t cached_member_ = 0;
  std::uint64_t cached_year_ = 0;
};

}  // namespace rampup
