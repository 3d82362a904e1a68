# Provisions what src/bench/run-all.sh needs besides Java and Maven, sourced by it (bash):
#
#   the peer's BLAS  libopenblas0-pthread (Debian), always extracted with `apt-get download` and
#                    `dpkg -x` into target/peer/root and put first on the peer's LD_LIBRARY_PATH
#                    only: the system's BLAS (its libblas.so.3 alternative) is never changed
#   PyTorch          python3-torch for $PEER_PYTHON: used as it is when `import torch` works; else
#                    installed with apt-get when running as root (and BENCH_PROVISION is not
#                    "extract"); else extracted into target/peer/root with the packages it needs
#                    that are not installed, and found there through PYTHONPATH and LD_LIBRARY_PATH
#   Fashion-MNIST    dataset-fashion-mnist: $FASHION_MNIST if set (then it must hold the files);
#                    else /usr/share/datasets/fashion-mnist; else installed (root) or extracted
#
# Anything that cannot be had stops the run at once with a message saying what is missing and how
# to provide it. After it: DATA (the Fashion-MNIST directory), PEER (the command that runs a peer
# script), PEER_BLAS (the BLAS library the peer loaded) and PEER_TORCH (its version) are set.
#
# Variables: PEER_PYTHON (default /usr/bin/python3), PEER_LD_LIBRARY_PATH (a directory holding the
# libblas.so.3 to use instead of the extracted OpenBLAS), FASHION_MNIST, BENCH_PROVISION=extract
# (never apt-get install, even as root), BENCH_SYSTEM_DATA (where the Debian package puts the data;
# default /usr/share/datasets/fashion-mnist; for testing the provisioning).

PEER_ROOT=$PWD/target/peer/root
PEER_DEBS=$PWD/target/peer/debs
FASHION_FILES="train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz"

# die MESSAGE...: prints the message on standard error and stops the run
die() {
  echo "run-all.sh: $*" >&2
  exit 1
}

# can_install: whether packages may be installed on the system (root, apt-get, not BENCH_PROVISION=extract)
can_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null && [ "${BENCH_PROVISION:-}" != extract ]
}

# missing_packages PACKAGE: PACKAGE and the packages it depends on that are not installed at all
# (packages installed in another version are left alone: extracting a second libc would break)
missing_packages() {
  echo "$1"
  apt-get install -s --no-install-recommends "$1" 2> /dev/null | sed -n 's/^Inst \([^ ]*\) (.*/\1/p' | grep -vx "$1" || true
}

# extract PACKAGE...: downloads the packages and unpacks them into $PEER_ROOT (no root needed)
extract() {
  command -v apt-get > /dev/null && command -v dpkg > /dev/null \
    || die "cannot extract $* without apt-get and dpkg (a Debian or Ubuntu machine); install them by other means"
  mkdir -p "$PEER_DEBS" "$PEER_ROOT"
  echo "   extracting $* into $PEER_ROOT"
  (cd "$PEER_DEBS" && apt-get download "$@" > download.log 2>&1) \
    || die "apt-get download $* failed (no network or no such package?):
$(tail -n 5 "$PEER_DEBS/download.log")
Run 'apt-get update' (as root) or provide the package by other means."
  for p in "$@"; do
    deb=$(ls -t "$PEER_DEBS/${p}_"*.deb 2> /dev/null | head -n 1)
    [ -n "$deb" ] || die "apt-get download $p left no .deb in $PEER_DEBS"
    dpkg -x "$deb" "$PEER_ROOT" || die "dpkg -x $deb failed"
  done
}

# has_fashion DIR: whether DIR holds the four files of Fashion-MNIST
has_fashion() {
  for f in $FASHION_FILES; do
    [ -s "$1/$f" ] || return 1
  done
}

provision_data() {
  local system=${BENCH_SYSTEM_DATA:-/usr/share/datasets/fashion-mnist}
  if [ -n "${FASHION_MNIST:-}" ]; then
    has_fashion "$FASHION_MNIST" || die "FASHION_MNIST=$FASHION_MNIST does not hold the Fashion-MNIST files ($FASHION_FILES).
Unset FASHION_MNIST to have them provisioned from the Debian package dataset-fashion-mnist."
    DATA=$FASHION_MNIST
    return
  fi
  local extracted=$PEER_ROOT/usr/share/datasets/fashion-mnist
  if has_fashion "$system"; then
    DATA=$system
  elif has_fashion "$extracted"; then
    DATA=$extracted
  else
    echo "   Fashion-MNIST not found in $system"
    if can_install && [ "$system" = /usr/share/datasets/fashion-mnist ]; then
      echo "   apt-get install -y dataset-fashion-mnist"
      apt-get install -y -q dataset-fashion-mnist > "$PWD/target/peer-apt.log" 2>&1 \
        || die "apt-get install dataset-fashion-mnist failed: $(tail -n 3 "$PWD/target/peer-apt.log")"
      DATA=$system
    else
      extract dataset-fashion-mnist
      DATA=$extracted
    fi
    has_fashion "$DATA" || die "the package dataset-fashion-mnist did not give $DATA/{$FASHION_FILES}"
  fi
}

provision_blas() {
  if [ -n "${PEER_LD_LIBRARY_PATH:-}" ]; then
    [ -e "$PEER_LD_LIBRARY_PATH/libblas.so.3" ] \
      || die "PEER_LD_LIBRARY_PATH=$PEER_LD_LIBRARY_PATH holds no libblas.so.3 (unset it to have OpenBLAS extracted)"
    BLAS_DIR=$PEER_LD_LIBRARY_PATH
    return
  fi
  BLAS_DIR=$PEER_ROOT/usr/lib/x86_64-linux-gnu/openblas-pthread
  if [ ! -e "$BLAS_DIR/libblas.so.3" ]; then
    # shellcheck disable=SC2046
    extract $(missing_packages libopenblas0-pthread)
  fi
  [ -e "$BLAS_DIR/libblas.so.3" ] || die "the package libopenblas0-pthread did not give $BLAS_DIR/libblas.so.3"
}

# peer_env: the environment of a peer process (one thread, the extracted BLAS and packages first)
peer_env() {
  local ld=$BLAS_DIR
  [ -d "$PEER_ROOT/usr/lib/x86_64-linux-gnu" ] && ld=$ld:$PEER_ROOT/usr/lib/x86_64-linux-gnu
  local py=
  [ -d "$PEER_ROOT/usr/lib/python3/dist-packages" ] && py=$PEER_ROOT/usr/lib/python3/dist-packages
  PEER="env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 LD_LIBRARY_PATH=$ld${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  [ -n "$py" ] && PEER="$PEER PYTHONPATH=$py${PYTHONPATH:+:$PYTHONPATH}"
  PEER="$PEER $PEER_PYTHON"
}

provision_torch() {
  PEER_PYTHON=${PEER_PYTHON:-/usr/bin/python3}
  command -v "$PEER_PYTHON" > /dev/null \
    || die "no Python interpreter $PEER_PYTHON: install python3 (apt-get install python3) or set PEER_PYTHON"
  peer_env
  if ! $PEER -c 'import torch' > /dev/null 2>&1; then
    echo "   no torch for $PEER_PYTHON"
    if can_install && [ "$PEER_PYTHON" = /usr/bin/python3 ]; then
      echo "   apt-get install -y --no-install-recommends python3-torch"
      apt-get install -y -q --no-install-recommends python3-torch > "$PWD/target/peer-apt.log" 2>&1 \
        || die "apt-get install python3-torch failed: $(tail -n 3 "$PWD/target/peer-apt.log")"
    else
      # python3-torch's torch/lib links into libtorch1.13's files, so both come from the same place
      # shellcheck disable=SC2046
      extract $( (missing_packages python3-torch; echo libtorch1.13) | sort -u)
    fi
    peer_env
    $PEER -c 'import torch' > "$PWD/target/peer-import.log" 2>&1 \
      || die "PyTorch does not import for $PEER_PYTHON even after provisioning python3-torch:
$(tail -n 5 "$PWD/target/peer-import.log")
Set PEER_PYTHON to an interpreter with torch."
  fi
  # which BLAS the peer really loads (read back from its memory map after a float64 product)
  local probe
  probe=$($PEER -c '
import torch
a = torch.ones(64, 64, dtype=torch.float64)
(a @ a).sum().item()
blas = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.split()[-1] or "mkl" in l.split()[-1]})
print(torch.__version__, ",".join(blas) or "none")' 2> "$PWD/target/peer-probe.log" | tail -n 1) \
    || die "the PyTorch peer fails to run a product: $(tail -n 5 "$PWD/target/peer-probe.log")"
  [ -n "$probe" ] || die "the PyTorch peer printed nothing: $(tail -n 5 "$PWD/target/peer-probe.log")"
  PEER_TORCH=${probe%% *}
  PEER_BLAS=${probe#* }
  case "$PEER_BLAS" in
    */blas/libblas.so*) die "PyTorch loads the reference BLAS ($PEER_BLAS), which would flatter Nabla by about 2x;
set PEER_LD_LIBRARY_PATH to a directory with an optimized libblas.so.3, or unset it" ;;
  esac
}

provision_tools() {
  command -v java > /dev/null || die "no java on PATH: install a JDK 17 or later (apt-get install openjdk-17-jdk-headless)"
  command -v mvn > /dev/null || die "no mvn on PATH: install Maven (apt-get install maven)"
  mkdir -p "$PWD/target"
}
