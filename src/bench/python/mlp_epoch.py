"""One training epoch of the Fashion-MNIST MLP in PyTorch: the peer of MlpEpochTiming.java.

784 -> 256 -> 128 -> 10 (ReLU), cross-entropy, Adam(lr=1e-3), mini-batches of 64, shuffled,
float64, one thread (torch.set_num_threads(1)). Data loading is not timed. Prints
    torch wall=<s> cpu=<s> loss=<mean training loss> steps=<n> rss_before=<MiB> rss_peak=<MiB> maxrss=<MiB>

Memory, measured as PeakMemory.java measures the JVM's resident set (Linux): just before the epoch the
kernel's high-water mark of the resident set is reset (echo 5 > /proc/self/clear_refs) and the
resident set read (rss_before, VmRSS of /proc/self/status); after it, the high-water mark is read
(rss_peak, VmHWM): the peak resident set during the epoch. maxrss is resource.getrusage's
ru_maxrss, the peak over the whole process (data loading included). PyTorch frees a tensor as soon
as its last reference goes (reference counting), so its resident set holds little garbage.

Usage: /usr/bin/python3 src/bench/python/mlp_epoch.py [directory] [images] [float64|float32]
(float32: the same epoch in single precision, the "Nabla float64 against PyTorch float32" line)
"""
import gc
import gzip
import os
import resource
import sys
import time

import numpy as np
import torch


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def find(directory, name):
    for candidate in (name + ".gz", name):
        p = os.path.join(directory, candidate)
        if os.path.isfile(p):
            return p
    raise FileNotFoundError(f"{directory}: expected {name}.gz or {name}")


def status_mib(key):
    """A line of /proc/self/status such as 'VmHWM:  123456 kB', in MiB; nan when unavailable."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def reset_peak_rss():
    """Resets the kernel's high-water mark of the resident set to the current resident set (Linux)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    images = idx(find(directory, "train-images-idx3-ubyte"))
    labels = idx(find(directory, "train-labels-idx1-ubyte"))
    n = int(sys.argv[2]) if len(sys.argv) > 2 else images.shape[0]
    dtype = sys.argv[3] if len(sys.argv) > 3 else "float64"
    if dtype not in ("float64", "float32"):
        raise SystemExit(f"mlp_epoch.py: dtype must be float64 or float32, got {dtype}")
    x = torch.from_numpy(images[:n].reshape(n, -1).astype(np.float64) / 255.0).to(getattr(torch, dtype))
    y = torch.from_numpy(labels[:n].astype(np.int64))

    torch.set_num_threads(1)
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10)).to(getattr(torch, dtype))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    order = torch.randperm(n, generator=torch.Generator().manual_seed(1))

    gc.collect()
    reset_peak_rss()
    rss_before = status_mib("VmRSS")
    c0, t0 = time.process_time(), time.perf_counter()
    loss_sum, steps = 0.0, 0
    for start in range(0, n, 64):
        i = order[start:start + 64]
        optimizer.zero_grad()
        loss = loss_fn(model(x[i]), y[i])
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * len(i)
        steps += 1
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_peak = max(rss_before, status_mib("VmHWM"))  # the two are read at different moments
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"torch dtype={dtype} wall={wall:.3f} cpu={cpu:.3f} loss={loss_sum / n:.4f} steps={steps} "
          f"rss_before={rss_before:.1f} rss_peak={rss_peak:.1f} maxrss={maxrss:.1f}")


if __name__ == "__main__":
    main()
