#!/usr/bin/env bash
# Times C = A B (n×n, float64) for Nabla (JMH, 1 and 2 threads) and for the peers (PyTorch, NumPy;
# src/bench/python/matmul_bench.py) in one run, and prints the machine it ran on.
#
#   src/bench/run-matmul.sh                  # all of it (about 6 minutes)
#   PYTHONS="/usr/bin/python3 python3" src/bench/run-matmul.sh
#   PEER_LD_LIBRARY_PATH=/path/to/openblas src/bench/run-matmul.sh   # the BLAS the peers load
#   src/bench/run-matmul.sh -p n=1024        # JMH options are passed on
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHONS=${PYTHONS:-python3}

echo "== machine"
date -u +"%Y-%m-%d %H:%M UTC"
echo "nproc: $(nproc)"
grep -m1 "model name" /proc/cpuinfo || true
java -version 2>&1
uptime

echo "== Nabla (JMH)"
mvn -Pbench -B -q package -DskipTests
java -cp target/benchmarks.jar org.nabla.bench.MatMulBench "$@"

for py in $PYTHONS; do
  for t in 1 2; do
    echo "== peers: $py, $t thread(s)"
    LD_LIBRARY_PATH=${PEER_LD_LIBRARY_PATH:-${LD_LIBRARY_PATH:-}} "$py" src/bench/python/matmul_bench.py --threads "$t" \
      || echo "($py failed)"
  done
done
uptime
