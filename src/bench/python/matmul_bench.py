#!/usr/bin/env python3
"""The peer of org.nabla.bench.MatMulBench: C = A B for n×n float64 matrices of N(0, 1) draws.

Times PyTorch (torch.matmul, torch.set_num_threads(T)) and NumPy (A @ B, its BLAS limited to T
threads) with whichever of the two the interpreter has, and prints the same table as the Java side:
milliseconds per product (median of the timed repetitions) and GFLOP/s = 2n³ / time.

    python3 src/bench/python/matmul_bench.py --threads 1
    python3 src/bench/python/matmul_bench.py --threads 2 --sizes 128 512 1024
    python3 src/bench/python/matmul_bench.py --libraries torch      # PyTorch only (src/bench/run-all.sh)

The BLAS thread count is fixed through the environment before NumPy or PyTorch is imported, so the
script re-executes itself once with those variables set.
"""
import argparse
import os
import platform
import sys
import time

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def parse():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--sizes", type=int, nargs="+", default=[128, 512, 1024])
    p.add_argument("--seconds", type=float, default=2.0, help="time spent timing each size (after warm-up)")
    p.add_argument("--libraries", nargs="+", choices=["torch", "numpy"], default=["torch", "numpy"],
                   help="which of the two to time (default: both)")
    return p.parse_args()


def time_it(fn, seconds):
    """Median seconds per call over repetitions filling about `seconds`, after a warm-up."""
    t0 = time.perf_counter()
    fn()
    once = max(time.perf_counter() - t0, 1e-6)
    for _ in range(max(1, int(0.5 / once))):  # warm-up: about half a second
        fn()
    reps = max(5, int(seconds / once))
    samples = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    samples.sort()
    return samples[len(samples) // 2], samples[0]


def blas_name_numpy(np):
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return "%s %s" % (blas.get("name", "?"), blas.get("version", ""))
    except Exception:  # older NumPy: no mode="dicts"
        return "system BLAS (see numpy.show_config())"


def blas_name_torch(torch):
    cfg = torch.__config__.show()
    for part in cfg.replace("\n", ",").split(","):
        if "BLAS_INFO=" in part:
            return part[part.index("BLAS_INFO="):].strip()
    return "?"


def loaded_blas():
    """The BLAS shared libraries this process has mapped (Linux), e.g. to tell OpenBLAS from netlib."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted(libs)) or "none"
    except OSError:
        return "?"


def main():
    args = parse()
    want = str(args.threads)
    if any(os.environ.get(v) != want for v in THREAD_VARS):
        env = dict(os.environ)
        for v in THREAD_VARS:
            env[v] = want
        os.execve(sys.executable, [sys.executable] + sys.argv, env)

    rows = []
    print("# python %s (%s), %s, threads=%d" % (platform.python_version(), sys.executable, platform.machine(),
                                                 args.threads))
    np = torch = None
    if "numpy" in args.libraries:
        try:
            import numpy as np
        except ImportError:
            print("# numpy: not installed")
    if "torch" in args.libraries:
        try:
            import torch
        except ImportError:
            print("# torch: not installed")

    if torch is not None:
        torch.set_num_threads(args.threads)
        print("# torch %s, %s, get_num_threads()=%d" % (torch.__version__, blas_name_torch(torch),
                                                        torch.get_num_threads()))
        g = torch.Generator().manual_seed(42)
        for n in args.sizes:
            a = torch.randn(n, n, dtype=torch.float64, generator=g)
            b = torch.randn(n, n, dtype=torch.float64, generator=g)
            med, best = time_it(lambda: torch.matmul(a, b), args.seconds)
            rows.append(("torch.matmul", n, med, best))
    if np is not None:
        print("# numpy %s, %s" % (np.__version__, blas_name_numpy(np)))
        rng = np.random.default_rng(42)
        for n in args.sizes:
            a = rng.standard_normal((n, n))
            b = rng.standard_normal((n, n))
            med, best = time_it(lambda: a @ b, args.seconds)
            rows.append(("numpy.matmul", n, med, best))

    print("# BLAS libraries loaded: %s" % loaded_blas())
    print("| benchmark              |     n | threads | ms/op (median) | ms/op (best) | GFLOP/s (median) |")
    print("|------------------------|-------|---------|----------------|--------------|------------------|")
    for name, n, med, best in rows:
        print("| %-22s | %5d | %7d | %14.3f | %12.3f | %16.2f |" % (name, n, args.threads, med * 1e3, best * 1e3,
                                                                  2.0 * n ** 3 / med / 1e9))


if __name__ == "__main__":
    main()
