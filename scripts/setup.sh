#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs (idempotent: installs only what is missing).
# Nothing is downloaded any other way. Run as root or with sudo available.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libboost-dev libboost-program-options-dev
  libtbb-dev
  libhdf5-dev hdf5-tools
  libnetcdf-dev      # netCDF-C: the file layer (sim/hdf5, docs/FORMAT.md "The file layer")
  libyaml-cpp-dev
  librandom123-dev
  libmd-dev          # SHA-256 of scenario text (sim/scenario/sha256.cpp), <sha2.h>
  libgtest-dev
  netcdf-bin
  python3 python3-h5py python3-xarray python3-netcdf4 python3-h5netcdf
  python3-matplotlib python3-scipy python3-pandas python3-pytest
  python3-statsmodels python3-sklearn
  # fuzzing and sanitizers (scripts/fuzz.sh, scripts/ci_sanitize.sh): clang 14 with libFuzzer
  # and its sanitizer runtimes; llvm-symbolizer for readable reports. gcc's ASan/UBSan/TSan
  # runtimes come with build-essential.
  clang libclang-rt-14-dev llvm
  # layout check of every C++ file (scripts/check_format.sh, ctest format_check)
  clang-format
  # HPC (docs/HPC.md): Open MPI for `mpirun simulate`, and a private one-node Slurm cluster
  # (munge + slurmctld + slurmd) that the slurm tests start and stop themselves
  openmpi-bin libopenmpi-dev slurmctld slurmd slurm-client munge
  # the compiled peer of the performance benchmark (bench/compare_peers.py)
  python3-numba
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} Debian packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
