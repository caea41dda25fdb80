// MPI (the only MPI user): when `simulate` is started by mpirun/mpiexec or srun, its processes
// become the ranks of one run (sim/run/communicator.h). Built only when CMake finds MPI.
#pragma once

#include <memory>

#include "sim/run/communicator.h"

namespace rampup::mpi {

// True if a launcher started this process as one of several ranks (Open MPI, PMIx/Slurm, PMI
// environment variables), so a plain `simulate` never pays for MPI start-up.
bool launched_by_mpi();

// Initialises MPI (MPI_Finalize on destruction) and returns MPI_COMM_WORLD's ranks.
std::unique_ptr<Communicator> make_world();

}  // namespace rampup::mpi
