// Ranks as threads for tests of code that runs on every rank of an MPI job: an in-process
// Communicator passing messages through shared mailboxes, max_all through a barrier.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "sim/run/communicator.h"

namespace rampup::testing {

class ThreadRanks {
 public:
  explicit ThreadRanks(int size) : size_(size), values_(size) {}
  class Rank final : public Communicator {
   public:
    Rank(ThreadRanks& all, int rank) : all_(all), rank_(rank) {}
    int rank() const override { return rank_; }
    int size() const override { return all_.size_; }
    void max_all(std::vector<std::int64_t>& v) override { all_.max_all(rank_, v); }
    void send(const std::vector<std::uint64_t>& w, int to) override {
      std::lock_guard lock(all_.mutex_);
      all_.mail_[{rank_, to}].push_back(w);  // in order, as MPI delivers between two ranks
      all_.changed_.notify_all();
    }
    void receive(std::vector<std::uint64_t>& w, int from) override {
      std::unique_lock lock(all_.mutex_);
      auto& queue = all_.mail_[{from, rank_}];
      all_.changed_.wait(lock, [&] { return !queue.empty(); });
      w = std::move(queue.front());
      queue.pop_front();
    }

   private:
    ThreadRanks& all_;
    int rank_;
  };

 private:
  void max_all(int rank, std::vector<std::int64_t>& v) {
    std::unique_lock lock(mutex_);
    values_[rank] = v;
    const std::uint64_t round = round_;
    if (++arrived_ == size_) {
      result_ = values_[0];
      for (const auto& other : values_) {
        for (std::size_t i = 0; i < v.size(); ++i) result_[i] = std::max(result_[i], other[i]);
      }
      arrived_ = 0;
      ++round_;
      changed_.notify_all();
    } else {
      changed_.wait(lock, [&] { return round_ != round; });
    }
    v = result_;
  }
  int size_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::pair<int, int>, std::deque<std::vector<std::uint64_t>>> mail_;
  std::vector<std::vector<std::int64_t>> values_;
  std::vector<std::int64_t> result_;
  int arrived_ = 0;
  std::uint64_t round_ = 0;
};

}  // namespace rampup::testing
