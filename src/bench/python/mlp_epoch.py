"""One training epoch of the Fashion-MNIST MLP in PyTorch: the peer of MlpEpochTiming.java.

784 -> 256 -> 128 -> 10 (ReLU), cross-entropy, Adam(lr=1e-3), mini-batches of 64, shuffled,
float64, one thread (torch.set_num_threads(1)). Data loading is not timed. Prints
    torch wall=<s> cpu=<s> loss=<mean training loss> steps=<n>

Usage: /usr/bin/python3 src/bench/python/mlp_epoch.py [directory] [images]
"""
import gzip
import os
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


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    images = idx(find(directory, "train-images-idx3-ubyte"))
    labels = idx(find(directory, "train-labels-idx1-ubyte"))
    n = int(sys.argv[2]) if len(sys.argv) > 2 else images.shape[0]
    x = torch.from_numpy(images[:n].reshape(n, -1).astype(np.float64) / 255.0)
    y = torch.from_numpy(labels[:n].astype(np.int64))

    torch.set_num_threads(1)
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10)).double()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    order = torch.randperm(n, generator=torch.Generator().manual_seed(1))

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
    print(f"torch wall={wall:.3f} cpu={cpu:.3f} loss={loss_sum / n:.4f} steps={steps}")


if __name__ == "__main__":
    main()
