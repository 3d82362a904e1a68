#!/usr/bin/env bash
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
# target/bench/results.txt (those lines), target/bench/results.json and target/bench/ratios.png; the
# full output of every program goes to target/bench/logs/.
#
# Needs Java 17+ and Maven (builds target/benchmarks.jar with -Pbench) and a Debian-like machine:
# src/bench/provision.sh provides PyTorch (python3-torch), OpenBLAS for it (libopenblas0-pthread,
# extracted into target/peer, the system's BLAS untouched) and Fashion-MNIST (dataset-fashion-mnist),
# and stops the run with a message when one of them cannot be had.
#   MLP_IMAGES            images in the MLP epoch (default 60000; fewer for a quick check)
#   PEER_PYTHON           the interpreter with torch (default /usr/bin/python3)
#   PEER_LD_LIBRARY_PATH  a directory with the libblas.so.3 PyTorch should use instead
#   FASHION_MNIST         the directory of the four Fashion-MNIST files (instead of provisioning them)
# Argument --provision-only: stop after provisioning (and say what the run would use).
# Takes about 5 minutes on 2 cores (plus the downloads the first time).
set -euo pipefail
cd "$(dirname "$0")/../.."
IMAGES=${MLP_IMAGES:-60000}
OUT=target/bench
# shellcheck source=provision.sh
. src/bench/provision.sh
provision_tools
rm -rf "$OUT/logs"
mkdir -p "$OUT/logs"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "== $START, load average $LOAD_START, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"

echo "== provisioning the peer and the data"
provision_data
provision_blas
provision_torch
echo "   data $DATA; PyTorch $PEER_TORCH ($PEER_PYTHON) on $PEER_BLAS"
if [ "${1:-}" = --provision-only ]; then
  exit 0
fi

mvn -q -B -Pbench package -DskipTests > "$OUT/logs/build.log" 2>&1 \
  || die "the build (mvn -Pbench package -DskipTests) failed: $(tail -n 20 "$OUT/logs/build.log")"
NABLA="java -cp target/benchmarks.jar -Dnabla.threads=1"
# the heap of the MLP epoch (see docs/benchmarks.md, "Memory"): set from measurement
MLP_HEAP=${MLP_HEAP--Xmx640m -XX:MaxHeapFreeRatio=10 -XX:MinHeapFreeRatio=5 -XX:MaxNewSize=128m}
: > "$OUT/results.txt"

# run NAME COMMAND...: runs COMMAND with its output in $OUT/logs/NAME.log and prints its standard
# output; stops the whole run, showing the end of that log, if it fails
run() {
  local name=$1
  shift
  if ! "$@" > "$OUT/logs/$name.out" 2> "$OUT/logs/$name.err"; then
    cat "$OUT/logs/$name.out" "$OUT/logs/$name.err" > "$OUT/logs/$name.log"
    die "$name failed ($*):
$(tail -n 15 "$OUT/logs/$name.log")"
  fi
  cat "$OUT/logs/$name.out"
}
# field LINE KEY: the value of KEY=value in LINE
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
# positive WHAT VALUE: stops the run unless VALUE is a positive number
positive() {
  awk -v v="$2" 'BEGIN { exit !(v ~ /^[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$/ && v + 0 > 0) }' \
    || die "$1: expected a positive number, got '$2' (see $OUT/logs/)"
}
# result NAME NABLA PEER UNIT [key=value ...]: prints the line and appends it to results.txt
result() {
  local name=$1 a=$2 b=$3 unit=$4
  shift 4
  positive "$name: Nabla's figure" "$a"
  positive "$name: the peer's figure" "$b"
  awk -v w="$name" -v a="$a" -v b="$b" -v u="$unit" -v rest="$*" \
    'BEGIN { printf "%s nabla=%.4g%s peer=%.4g%s ratio=%.3f%s\n", w, a, u, b, u, a / b, (rest == "" ? "" : " " rest) }' \
    | tee -a "$OUT/results.txt"
}
# gflops N MS: 2n³ / time
gflops() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.2f", 2 * n * n * n / (ms * 1e6) }'; }

echo "== op chain"
N_OP=$(run op_chain_nabla $NABLA org.nabla.bench.OpChainTiming | tail -n 1 | sed -n 's/.*median \([0-9.]*\).*/\1/p')
T_OP=$(run op_chain_peer $PEER src/bench/python/op_chain.py | tail -n 1 | sed -n 's/.*median \([0-9.]*\).*/\1/p')
result op_chain "$N_OP" "$T_OP" us peer_is=torch-1t

echo "== matmul"
MM=$(run matmul_nabla java -cp target/benchmarks.jar org.nabla.bench.MatMulTiming 128 512 1024)
TM=$(run matmul_peer $PEER src/bench/python/matmul_bench.py --threads 1 --libraries torch)
for n in 128 512 1024; do
  L=$(echo "$MM" | grep "^matmul n=$n " || true)
  N1=$(field "$L" nabla_1t); N2=$(field "$L" nabla_2t); E1=$(field "$L" ejml_1t); EM=$(field "$L" ejml_mt)
  T1=$(echo "$TM" | awk -F'|' -v n="$n" '$2 ~ /torch.matmul/ && $3 + 0 == n { print $5 + 0 }')
  result "matmul$n" "$N1" "$T1" ms peer_is=torch-1t "nabla_gflops=$(gflops "$n" "$N1")" "peer_gflops=$(gflops "$n" "$T1")"
  result "matmul${n}_ejml" "$N1" "$E1" ms peer_is=ejml-1t "nabla_gflops=$(gflops "$n" "$N1")" "peer_gflops=$(gflops "$n" "$E1")"
  result "matmul${n}_ejml_mt" "$N2" "$EM" ms nabla_threads=2 peer_is=ejml-2t "nabla_gflops=$(gflops "$n" "$N2")" "peer_gflops=$(gflops "$n" "$EM")"
  result "matmul${n}_threads" "$N2" "$N1" ms nabla_threads=2 peer_is=nabla-1t "nabla_gflops=$(gflops "$n" "$N2")" "peer_gflops=$(gflops "$n" "$N1")"
done

echo "== MLP epoch ($IMAGES images)"
NM=$(run mlp_nabla $NABLA $MLP_HEAP org.nabla.bench.MlpEpochTiming "$DATA" "$IMAGES" | tail -n 1)
echo "   $NM"
TMLP=$(run mlp_peer $PEER src/bench/python/mlp_epoch.py "$DATA" "$IMAGES" | tail -n 1)
echo "   $TMLP"
TMLP32=$(run mlp_peer_f32 $PEER src/bench/python/mlp_epoch.py "$DATA" "$IMAGES" float32 | tail -n 1)
echo "   $TMLP32"
NM2=$(run mlp_nabla_2t java -cp target/benchmarks.jar -Dnabla.threads=2 $MLP_HEAP org.nabla.bench.MlpEpochTiming "$DATA" "$IMAGES" | tail -n 1)
echo "   $NM2 (2 threads)"
result mlp_epoch "$(field "$NM" wall)" "$(field "$TMLP" wall)" s peer_is=torch-1t \
  "nabla_cpu=$(field "$NM" cpu)" "peer_cpu=$(field "$TMLP" cpu)"
result mlp_epoch_threads "$(field "$NM2" wall)" "$(field "$NM" wall)" s nabla_threads=2 peer_is=nabla-1t
result mlp_epoch_peak_rss "$(field "$NM" rss_peak)" "$(field "$TMLP" rss_peak)" MiB peer_is=torch-1t \
  "nabla_heap_peak=$(field "$NM" heap_peak)" "nabla_heap_live_peak=$(field "$NM" heap_live_peak)" \
  "nabla_heap_before=$(field "$NM" heap_before)" "nabla_rss_before=$(field "$NM" rss_before)" \
  "peer_rss_before=$(field "$TMLP" rss_before)" "nabla_flags=${MLP_HEAP// /,}"
result mlp_epoch_f32 "$(field "$NM" wall)" "$(field "$TMLP32" wall)" s peer_is=torch-1t-float32 nabla_dtype=float64

echo "== LeNet-5"
NL=$(run lenet_nabla $NABLA -Xmx2g org.nabla.bench.LeNetTiming | tail -n 1)
TL=$(run lenet_peer $PEER src/bench/python/lenet.py | tail -n 1)
TL32=$(run lenet_peer_f32 $PEER src/bench/python/lenet.py float32 | tail -n 1)
result lenet10k "$(field "$NL" nabla_seconds)" "$(field "$TL" torch_seconds)" s peer_is=torch-1t
result lenet10k_f32 "$(field "$NL" nabla_seconds)" "$(field "$TL32" torch_seconds)" s peer_is=torch-1t-float32 nabla_dtype=float64

echo "== LSTM"
NS=$(run lstm_nabla $NABLA org.nabla.bench.LstmTiming | tail -n 1)
TS=$(run lstm_peer $PEER src/bench/python/lstm.py | tail -n 1)
result lstm_t100 "$(field "$NS" nabla_lstm_ms)" "$(field "$TS" torch_lstm_ms)" ms peer_is=torch-1t

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $LOAD_END"
{
  printf '{"date": "%s", "load_average_start": "%s", "load_average_end": "%s",\n' "$START" "$LOAD_START" "$LOAD_END"
  printf ' "peer": "PyTorch %s on %s", "data": "%s",\n' "$PEER_TORCH" "$PEER_BLAS" "$DATA"
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
run chart java -cp target/benchmarks.jar org.nabla.bench.BenchChart "$OUT/results.txt" "$OUT/ratios.png"
echo "wrote $OUT/results.txt, $OUT/results.json and $OUT/ratios.png"
