#!/bin/sh
# One epoch of the Fashion-MNIST MLP (784-256-128-10 ReLU, Adam 1e-3, batch 64, float64, one thread)
# in Nabla and in PyTorch, side by side. Needs dataset-fashion-mnist and python3-torch (Debian).
# Usage: src/bench/run-mlp-epoch.sh [directory] [images]     (from the repository root)
# Prints both raw lines, then: mlp_epoch nabla=<wall s> torch=<wall s> ratio=<nabla/torch>
# and the same for CPU time (the machine may be shared: CPU time is the fairer figure then).
set -eu
cd "$(dirname "$0")/../.."
DIR="${1:-/usr/share/datasets/fashion-mnist}"
N="${2:-60000}"
mvn -q -B test-compile
mkdir -p target/bench-classes
javac -nowarn -cp target/classes -d target/bench-classes src/bench/java/org/nabla/bench/MlpEpochTiming.java \
  src/bench/java/org/nabla/bench/PeakMemory.java
SLF4J_VERSION=$(sed -n 's:.*<slf4j.version>\(.*\)</slf4j.version>.*:\1:p' pom.xml)
CP="target/classes:target/test-classes:target/bench-classes:$HOME/.m2/repository/org/slf4j/slf4j-api/$SLF4J_VERSION/slf4j-api-$SLF4J_VERSION.jar"
NABLA=$(java -Dnabla.threads="${NABLA_THREADS:-1}" -cp "$CP" org.nabla.bench.MlpEpochTiming "$DIR" "$N" | tail -n 1)
TORCH=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH="${PEER_LD_LIBRARY_PATH:-}" /usr/bin/python3 src/bench/python/mlp_epoch.py "$DIR" "$N" | tail -n 1)
echo "$NABLA"
echo "$TORCH"
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
NW=$(field "$NABLA" wall); NC=$(field "$NABLA" cpu)
TW=$(field "$TORCH" wall); TC=$(field "$TORCH" cpu)
awk -v a="$NW" -v b="$TW" 'BEGIN { printf "mlp_epoch nabla=%.2fs torch=%.2fs ratio=%.2f\n", a, b, a / b }'
awk -v a="$NC" -v b="$TC" 'BEGIN { printf "mlp_epoch_cpu nabla=%.2fs torch=%.2fs ratio=%.2f\n", a, b, a / b }'
