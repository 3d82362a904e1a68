#!/bin/sh
# Every side-by-side workload of docs/benchmarks.md in one run: for each workload Nabla, then its peer
# right after it (so that both see about the same load on a shared machine), then the next workload.
#
#   op chain      1,000 tiny elementwise ops, forward + backward   OpChainTiming    op_chain.py
#   matmul        C = A B, n = 128, 512, 1024 (float64)            MatMulTiming     matmul_bench.py
#                 (in one JVM, alternating: Nabla 1 and 2 threads, EJML 1 thread and EJML's 2-thread ops)
#   MLP epoch     Fashion-MNIST 784-256-128-10, Adam, batch 64     MlpEpochTiming   mlp_epoch.py
#                 (time, peak memory; Nabla again with 2 threads)
#   LeNet-5       10,000 images, batch 64, SGD                     LeNetTiming      lenet.py
#   LSTM          N=32, T=100, D=32, H=128, forward + backward     LstmTiming       lstm.py
#
# Peers: PyTorch float64 on one thread (torch.set_num_threads(1), OMP/OPENBLAS_NUM_THREADS=1); EJML for
# matmul; Nabla on 1 thread for the "threads" lines. Nabla runs with -Dnabla.threads=1 unless a line says
# otherwise. Prints one line per workload,
#   WORKLOAD nabla=<value><unit> peer=<value><unit> ratio=<nabla/peer> [more key=value]
# (times, or MiB for mlp_epoch_peak_rss: below 1 means Nabla is faster or smaller), and writes
# target/bench/results.txt (those lines), target/bench/results.json and target/bench/ratios.png.
#
# Needs: Maven (builds target/benchmarks.jar with -Pbench), /usr/bin/python3 with torch (Debian's
# python3-torch), the Fashion-MNIST files (Debian's dataset-fashion-mnist, or FASHION_MNIST=dir).
#   PEER_LD_LIBRARY_PATH  directory with an optimized libblas.so.3 for PyTorch (see docs/benchmarks.md)
#   MLP_IMAGES            images in the MLP epoch (default 60000; fewer for a quick check)
#   PEER_PYTHON           the interpreter with torch (default /usr/bin/python3)
# Takes about 4 minutes on 2 cores.
set -eu
cd "$(dirname "$0")/../.."
DATA=${FASHION_MNIST:-/usr/share/datasets/fashion-mnist}
IMAGES=${MLP_IMAGES:-60000}
OUT=target/bench
mkdir -p "$OUT"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "== $START, load average $LOAD_START, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"

mvn -q -B -Pbench package -DskipTests
NABLA="java -cp target/benchmarks.jar -Dnabla.threads=1"
PEER="env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH=${PEER_LD_LIBRARY_PATH:-} ${PEER_PYTHON:-/usr/bin/python3}"
: > "$OUT/results.txt"

# field LINE KEY: the value of KEY=value in LINE
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
# result NAME NABLA PEER UNIT [key=value ...]: prints the line and appends it to results.txt
result() {
  name=$1 a=$2 b=$3 unit=$4
  shift 4
  awk -v w="$name" -v a="$a" -v b="$b" -v u="$unit" -v rest="$*" \
    'BEGIN { printf "%s nabla=%.4g%s peer=%.4g%s ratio=%.3f%s\n", w, a, u, b, u, a / b, (rest == "" ? "" : " " rest) }' \
    | tee -a "$OUT/results.txt"
}
# gflops N MS: 2n³ / time
gflops() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.2f", 2 * n * n * n / (ms * 1e6) }'; }

echo "== op chain"
N_OP=$($NABLA org.nabla.bench.OpChainTiming | tail -n 1 | sed -n 's/.*median \([0-9.]*\).*/\1/p')
T_OP=$($PEER src/bench/python/op_chain.py | tail -n 1 | sed -n 's/.*median \([0-9.]*\).*/\1/p')
result op_chain "$N_OP" "$T_OP" us peer_is=torch-1t

echo "== matmul"
MM=$(java -cp target/benchmarks.jar org.nabla.bench.MatMulTiming 128 512 1024)
TM=$($PEER src/bench/python/matmul_bench.py --threads 1 --libraries torch)
for n in 128 512 1024; do
  L=$(echo "$MM" | grep "^matmul n=$n ")
  N1=$(field "$L" nabla_1t); N2=$(field "$L" nabla_2t); E1=$(field "$L" ejml_1t); EM=$(field "$L" ejml_mt)
  T1=$(echo "$TM" | awk -F'|' -v n="$n" '$2 ~ /torch.matmul/ && $3 + 0 == n { print $5 + 0 }')
  result "matmul$n" "$N1" "$T1" ms peer_is=torch-1t "nabla_gflops=$(gflops "$n" "$N1")" "peer_gflops=$(gflops "$n" "$T1")"
  result "matmul${n}_ejml" "$N1" "$E1" ms peer_is=ejml-1t "nabla_gflops=$(gflops "$n" "$N1")" "peer_gflops=$(gflops "$n" "$E1")"
  result "matmul${n}_ejml_mt" "$N2" "$EM" ms nabla_threads=2 peer_is=ejml-2t "nabla_gflops=$(gflops "$n" "$N2")" "peer_gflops=$(gflops "$n" "$EM")"
  result "matmul${n}_threads" "$N2" "$N1" ms nabla_threads=2 peer_is=nabla-1t "nabla_gflops=$(gflops "$n" "$N2")" "peer_gflops=$(gflops "$n" "$N1")"
done

echo "== MLP epoch ($IMAGES images)"
NM=$($NABLA org.nabla.bench.MlpEpochTiming "$DATA" "$IMAGES" | tail -n 1)
echo "$NM"
TMLP=$($PEER src/bench/python/mlp_epoch.py "$DATA" "$IMAGES" | tail -n 1)
echo "$TMLP"
NM2=$(java -cp target/benchmarks.jar -Dnabla.threads=2 org.nabla.bench.MlpEpochTiming "$DATA" "$IMAGES" | tail -n 1)
echo "$NM2 (2 threads)"
result mlp_epoch "$(field "$NM" wall)" "$(field "$TMLP" wall)" s peer_is=torch-1t \
  "nabla_cpu=$(field "$NM" cpu)" "peer_cpu=$(field "$TMLP" cpu)"
result mlp_epoch_threads "$(field "$NM2" wall)" "$(field "$NM" wall)" s nabla_threads=2 peer_is=nabla-1t
result mlp_epoch_peak_rss "$(field "$NM" rss_peak)" "$(field "$TMLP" rss_peak)" MiB peer_is=torch-1t \
  "nabla_heap_peak=$(field "$NM" heap_peak)" "nabla_heap_live_peak=$(field "$NM" heap_live_peak)" \
  "nabla_heap_before=$(field "$NM" heap_before)" "nabla_rss_before=$(field "$NM" rss_before)" \
  "peer_rss_before=$(field "$TMLP" rss_before)"

echo "== LeNet-5"
NL=$($NABLA -Xmx2g org.nabla.bench.LeNetTiming | tail -n 1)
TL=$($PEER src/bench/python/lenet.py | tail -n 1)
result lenet10k "$(field "$NL" nabla_seconds)" "$(field "$TL" torch_seconds)" s peer_is=torch-1t

echo "== LSTM"
NS=$($NABLA org.nabla.bench.LstmTiming | tail -n 1)
TS=$($PEER src/bench/python/lstm.py | tail -n 1)
result lstm_t100 "$(field "$NS" nabla_lstm_ms)" "$(field "$TS" torch_lstm_ms)" ms peer_is=torch-1t

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $LOAD_END"
{
  printf '{"date": "%s", "load_average_start": "%s", "load_average_end": "%s",\n' "$START" "$LOAD_START" "$LOAD_END"
  printf ' "machine": "%s cores, %s", "java": "%s",\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" \
    "$(java -version 2>&1 | head -n 1 | tr -d '"')"
  printf ' "ratio": "nabla / peer (time, or MiB for mlp_epoch_peak_rss); below 1: Nabla faster or smaller",\n "workloads": [\n'
  awk '{
    printf "%s  {\"name\": \"%s\"", (NR > 1 ? ",\n" : ""), $1
    for (i = 2; i <= NF; i++) {
      k = substr($i, 1, index($i, "=") - 1); v = substr($i, index($i, "=") + 1)
      if (k == "nabla" || k == "peer") { u = v; sub(/^[0-9.eE+-]+/, "", u); sub(/[a-zA-Z]+$/, "", v); unit = u }
      if (v ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) printf ", \"%s\": %s", k, v; else printf ", \"%s\": \"%s\"", k, v
    }
    printf ", \"unit\": \"%s\"}", unit
  }' "$OUT/results.txt"
  printf '\n]}\n'
} > "$OUT/results.json"
java -cp target/benchmarks.jar org.nabla.bench.BenchChart "$OUT/results.txt" "$OUT/ratios.png"
echo "wrote $OUT/results.txt, $OUT/results.json and $OUT/ratios.png"
