#!/usr/bin/env bash
# Times one LeNet-5 training epoch (10,000 random 28x28 images, batch 64, forward + backward + SGD)
# in Nabla and in PyTorch (float64, one thread) and prints
#   lenet10k nabla=<s>s torch=<s>s ratio=<nabla/torch>
# Needs python3-torch (apt-get install -y python3-torch). Run from anywhere; builds with Maven first.
set -euo pipefail
# the Debian package installs torch for the system interpreter; a pyenv python3 first on PATH may lack it
py=python3
if ! python3 -c 'import torch' 2>/dev/null && [ -x /usr/bin/python3 ]; then
  py=/usr/bin/python3
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
cp="target/classes:$(cat target/bench-classpath.txt)"
out="$root/target/bench-classes"
mkdir -p "$out"
javac -cp "$cp" -d "$out" src/bench/java/org/nabla/bench/LeNetTiming.java
nabla_line="$(java -Dnabla.threads="${NABLA_THREADS:-1}" -Xmx2g -cp "$cp:$out" org.nabla.bench.LeNetTiming)"
echo "$nabla_line" >&2
torch_line="$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH="${PEER_LD_LIBRARY_PATH:-}" $py src/bench/python/lenet.py)"
echo "$torch_line" >&2
nabla="$(echo "$nabla_line" | sed -E 's/^nabla_seconds=([0-9.]+).*/\1/')"
torch="$(echo "$torch_line" | sed -E 's/^torch_seconds=([0-9.]+).*/\1/')"
ratio="$($py -c "print(f'{$nabla / $torch:.2f}')")"
echo "lenet10k nabla=${nabla}s torch=${torch}s ratio=${ratio}"
