#include "sim/mpi/mpi_communicator.h"

#include <mpi.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <string>

#include "sim/error.h"

namespace rampup::mpi {

namespace {

void check(int code, const char* call) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw Error(std::string("MPI: ") + call + ": " + std::string(text, length), ExitCode::failure);
}

// Messages go in pieces below INT_MAX elements (MPI counts are int).
constexpr std::size_t MAX_PIECE = std::numeric_limits<int>::max() / 2;

class World final : public Communicator {
 public:
  World() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) check(MPI_Init(nullptr, nullptr), "MPI_Init");
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~World() override { MPI_Finalize(); }
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void max_all(std::vector<std::int64_t>& values) override {
    check(MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_INT64_T,
                        MPI_MAX, MPI_COMM_WORLD),
          "MPI_Allreduce");
  }

  void send(const std::vector<std::uint64_t>& words, int to_rank) override {
    for (std::size_t at = 0; at < words.size(); at += MAX_PIECE) {
      const int n = static_cast<int>(std::min(MAX_PIECE, words.size() - at));
      check(MPI_Send(words.data() + at, n, MPI_UINT64_T, to_rank, 0, MPI_COMM_WORLD), "MPI_Send");
    }
  }

  void receive(std::vector<std::uint64_t>& words, int from_rank) override {
    for (std::size_t at = 0; at < words.size(); at += MAX_PIECE) {
      const int n = static_cast<int>(std::min(MAX_PIECE, words.size() - at));
      check(MPI_Recv(words.data() + at, n, MPI_UINT64_T, from_rank, 0, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE),
            "MPI_Recv");
    }
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};

bool set(const char* name) { return std::getenv(name) != nullptr; }

}  // namespace

bool launched_by_mpi() {
  return set("OMPI_COMM_WORLD_SIZE") || set("PMIX_RANK") || set("PMI_RANK") || set("PMI_SIZE");
}

std::unique_ptr<Communicator> make_world() { return std::make_unique<World>(); }

}  // namespace rampup::mpi
