#!/usr/bin/env bash
# Submit a sharded run: a job array of N shards and a merge job that waits for all of them.
#
#   scripts/slurm/submit.sh [SCENARIO [TRIALS [SHARDS [OUTDIR]]]]
#
# Defaults: scenarios/hague.yaml, the scenario's run.trials, 4 shards, results. SIMULATE is the
# program (default: build/sim/cli/simulate of this checkout if built, else simulate on the
# PATH); SIMULATE_ARGS / MERGE_ARGS pass extra options; SBATCH_ARGS extra sbatch options for
# both jobs (e.g. "--partition=short --time=1:00:00"). Paths are made absolute, so the jobs do
# not depend on the folder they start in. Prints "array job: ID" and "merge job: ID"; the
# result is OUTDIR/STEM.h5, logs are in OUTDIR/logs.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCENARIO=$(realpath "${1:-${SCENARIO:-scenarios/hague.yaml}}")
TRIALS=${2:-${TRIALS:-}}
SHARDS=${3:-${SHARDS:-4}}
OUTDIR=$(realpath -m "${4:-${OUTDIR:-results}}")
BUILT=$HERE/../../build/sim/cli/simulate
[ -x "$BUILT" ] && DEFAULT_SIM=$(realpath "$BUILT") || DEFAULT_SIM=simulate
SIMULATE=${SIMULATE:-$DEFAULT_SIM}
[[ $SIMULATE == */* ]] && SIMULATE=$(realpath "$SIMULATE")
export SIMULATE SIMULATE_ARGS=${SIMULATE_ARGS:-} MERGE_ARGS=${MERGE_ARGS:-}
mkdir -p "$OUTDIR/logs"
# shellcheck disable=SC2086  # SBATCH_ARGS is split into options on purpose
array=$(sbatch --parsable --array="1-$SHARDS" -o "$OUTDIR/logs/shard-%A_%a.log" ${SBATCH_ARGS:-} \
        "$HERE/shards.sbatch" "$SCENARIO" "$TRIALS" "$OUTDIR")
array=${array%%;*}   # --parsable prints "id;cluster" on multi-cluster set-ups
# shellcheck disable=SC2086
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
        -o "$OUTDIR/logs/merge-%j.log" ${SBATCH_ARGS:-} \
        "$HERE/merge.sbatch" "$SCENARIO" "$SHARDS" "$OUTDIR")
echo "array job: $array"
echo "merge job: ${merge%%;*}"
