#!/usr/bin/env bash
# Fails if any function of BINARY outside the AVX2 and AVX-512 copies of the lanes
# (namespaces rampup::avx2 and rampup::avx512, sim/engine/lanes.h) uses an AVX instruction
# (a VEX/EVEX-encoded one, or a ymm/zmm register). The lanes' files are compiled with -mavx2 or
# -mavx512f, and they include the models' and the standard library's inline functions: if the
# linker kept such a function's AVX copy for the whole program, a CPU without AVX would stop
# with SIGILL outside the dispatcher's choice.
#
#   check_isa_confinement.sh BINARY
set -euo pipefail
binary=$1
offenders=$(objdump -d --no-show-raw-insn -C "$binary" | awk '
  /^[0-9a-f]+ <.*>:$/ { fn = $0; next }
  /%[yz]mm|\tv[a-z0-9]+ +[^ ]*%xmm/ { if (fn !~ /rampup::avx(2|512)::/) print fn }' | sort -u)
if [ -n "$offenders" ]; then
  echo "check_isa_confinement: AVX code outside the lanes' AVX copies in $binary:"
  echo "$offenders" | head -20
  exit 1
fi
echo "check_isa_confinement: AVX code only in the lanes' AVX copies ($binary)"
