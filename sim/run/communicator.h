// The processes of one run: a single process (SerialCommunicator) or the ranks of an MPI job
// (sim/mpi/, the only MPI user). The staged run splits trials and combines statistics through
// this interface alone, so the run logic is the same with and without MPI.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/engine/outcome_stats.h"

namespace rampup {

class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Element-wise maximum over all ranks, left in `values` on every rank (all ranks pass the
  // same length).
  virtual void max_all(std::vector<std::int64_t>& values) = 0;
  // Point-to-point transfer of `words`; the receiver sizes `words` beforehand.
  virtual void send(const std::vector<std::uint64_t>& words, int to_rank) = 0;
  virtual void receive(std::vector<std::uint64_t>& words, int from_rank) = 0;
};

class SerialCommunicator final : public Communicator {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void max_all(std::vector<std::int64_t>&) override {}
  void send(const std::vector<std::uint64_t>&, int) override { no_peers(); }
  void receive(std::vector<std::uint64_t>&, int) override { no_peers(); }

 private:
  [[noreturn]] static void no_peers() {
    throw std::logic_error("SerialCommunicator: a single process has no other rank");
  }
};

// The sum of every rank's statistics, complete on rank 0 (other ranks get a partial sum).
// A binomial tree, log2(size) steps; the sums are integers, so the result is exact and the same
// for any number of ranks.
OutcomeStats sum_on_root(OutcomeStats local, Communicator& comm);

// Collective: each rank passes its exit code (0 = fine). Returns 0 on every rank if all are 0;
// otherwise the code of the lowest failing rank, and sets `reporter` to that rank, which alone
// prints its message, so a job that fails everywhere says so once.
int agree_on_failure(Communicator& comm, int exit_code, int& reporter);

// Rank `rank`'s share [first, last) of trials [begin, end): contiguous, sizes differing by at
// most one, in rank order.
std::pair<std::uint64_t, std::uint64_t> rank_range(std::uint64_t begin, std::uint64_t end, int rank,
                                                   int size);

}  // namespace rampup
