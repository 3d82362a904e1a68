#!/bin/sh
# One command for the side-by-side workloads: Nabla and PyTorch (float64, one thread each), run in turn
# on this machine. Prints `WORKLOAD nabla=… peer=… ratio=…` per workload, writes target/bench/results.json
# and target/bench/ratios.png. Needs python3-torch and dataset-fashion-mnist (Debian); the matmul
# table with JMH is the separate src/bench/run-matmul.sh (minutes of JMH iterations).
# PEER_LD_LIBRARY_PATH: a directory with an optimized libblas.so.3 for PyTorch (see docs/benchmarks.md).
set -eu
cd "$(dirname "$0")/../.."
mvn -q -B test-compile
OUT=target/bench
mkdir -p "$OUT" target/bench-classes
SLF4J_VERSION=$(sed -n 's:.*<slf4j.version>\(.*\)</slf4j.version>.*:\1:p' pom.xml)
CP="target/classes:target/test-classes:target/bench-classes:$HOME/.m2/repository/org/slf4j/slf4j-api/$SLF4J_VERSION/slf4j-api-$SLF4J_VERSION.jar"
javac -nowarn -cp target/classes:target/test-classes -d target/bench-classes \
  src/bench/java/org/nabla/bench/OpChainTiming.java src/bench/java/org/nabla/bench/BenchChart.java
PEER="env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH=${PEER_LD_LIBRARY_PATH:-} /usr/bin/python3"

num() { echo "$1" | sed -n "s/.*$2[^0-9]*\([0-9.]*\).*/\1/p"; }

N_OP=$(num "$(java -Dnabla.threads=1 -cp "$CP" org.nabla.bench.OpChainTiming | tail -n 1)" "median")
T_OP=$(num "$($PEER src/bench/python/op_chain.py | tail -n 1)" "median")
MLP=$(sh src/bench/run-mlp-epoch.sh | grep '^mlp_epoch ')
LENET=$(bash src/bench/run-lenet.sh 2>&1 | grep -E '(nabla|torch)_seconds=' || true)
N_MLP=$(num "$MLP" "nabla="); T_MLP=$(num "$MLP" "torch=")
N_LE=$(num "$LENET" "nabla_seconds="); T_LE=$(num "$LENET" "torch_seconds=")

line() { awk -v w="$1" -v a="$2" -v b="$3" -v u="$4" 'BEGIN { printf "%s nabla=%.4g%s peer=%.4g%s ratio=%.3f\n", w, a, u, b, u, a / b }'; }
line op_chain_us_per_op "$N_OP" "$T_OP" "us" | tee "$OUT/results.txt"
line mlp_epoch "$N_MLP" "$T_MLP" "s" | tee -a "$OUT/results.txt"
line lenet10k "$N_LE" "$T_LE" "s" | tee -a "$OUT/results.txt"
{
  echo "{\"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"machine\": \"$(nproc) cores, $(uname -m)\", \"workloads\": ["
  awk '{ split($2,a,"="); split($3,b,"="); split($4,c,"="); sub(/[a-z]+$/,"",a[2]); sub(/[a-z]+$/,"",b[2]);
         printf "%s{\"name\": \"%s\", \"nabla\": %s, \"peer\": %s, \"ratio\": %s}", (NR>1?", ":""), $1, a[2], b[2], c[2] }' "$OUT/results.txt"
  echo "]}"
} > "$OUT/results.json"
java -cp "$CP" org.nabla.bench.BenchChart "$OUT/ratios.png" $(awk '{ split($4,c,"="); printf "%s=%s ", $1, c[2] }' "$OUT/results.txt")
echo "wrote $OUT/results.json and $OUT/ratios.png"
