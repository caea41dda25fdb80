#include "sim/run/communicator.h"

namespace rampup {

OutcomeStats sum_on_root(OutcomeStats local, Communicator& comm) {
  const int rank = comm.rank(), size = comm.size();
  for (int step = 1; step < size; step *= 2) {
    if (rank % (2 * step) == step) {  // hand the partial sum down the tree and stop
      comm.send(local.words(), rank - step);
      return local;
    }
    if (rank + step < size) {
      std::vector<std::uint64_t> words(local.words().size());
      comm.receive(words, rank + step);
      local.merge_words(words);
    }
  }
  return local;
}

int agree_on_failure(Communicator& comm, int exit_code, int& reporter) {
  // One maximum finds the lowest failing rank and its code: (size - rank) * 256 + code.
  const std::int64_t size = comm.size();
  std::vector<std::int64_t> mine{exit_code == 0 ? 0
                                                : (size - comm.rank()) * 256 + (exit_code & 255)};
  comm.max_all(mine);
  if (mine[0] == 0) return 0;
  reporter = static_cast<int>(size - mine[0] / 256);
  return static_cast<int>(mine[0] % 256);
}

std::pair<std::uint64_t, std::uint64_t> rank_range(std::uint64_t begin, std::uint64_t end, int rank,
                                                   int size) {
  const auto bound = [&](int k) {
    return begin + static_cast<std::uint64_t>(static_cast<uint128>(end - begin) *
                                              static_cast<std::uint64_t>(k) /
                                              static_cast<std::uint64_t>(size));
  };
  return {bound(rank), bound(rank + 1)};
}

}  // namespace rampup
