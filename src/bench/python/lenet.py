"""PyTorch peer of src/bench/java/org/nabla/bench/LeNetTiming.java.

One training epoch of LeNet-5 (conv 6@5x5 pad 2 -> ReLU -> maxpool 2 -> conv 16@5x5 -> ReLU -> maxpool 2
-> 120 -> 84 -> 10) over 10,000 random 1x28x28 images, batch 64, float64, one thread: forward,
cross-entropy, backward, plain SGD step (lr 0.01). One warm-up pass over 20 batches first, as the Java
side. Prints torch_seconds=...  Argument: [float64|float32] (float32: the same epoch in single precision).
"""
import sys
import time

import torch
import torch.nn as nn

IMAGES = 10_000
BATCH = 64


def epoch(model, opt, images, labels, n):
    loss_fn = nn.CrossEntropyLoss()
    total = 0.0
    for start in range(0, n, BATCH):
        x = images[start:start + BATCH]
        y = labels[start:start + BATCH]
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        total += loss.item()
    return total


def main():
    dtype = sys.argv[1] if len(sys.argv) > 1 else "float64"
    if dtype not in ("float64", "float32"):
        raise SystemExit(f"lenet.py: dtype must be float64 or float32, got {dtype}")
    torch.set_num_threads(1)
    torch.manual_seed(1)
    images = torch.randn(IMAGES, 1, 28, 28, dtype=torch.float64).to(getattr(torch, dtype))
    labels = torch.randint(0, 10, (IMAGES,))
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10)).to(getattr(torch, dtype))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    sink = epoch(model, opt, images, labels, 20 * BATCH)
    t0 = time.perf_counter()
    sink += epoch(model, opt, images, labels, IMAGES)
    secs = time.perf_counter() - t0
    print(f"torch_seconds={secs:.3f} (LeNet-5, {IMAGES} images, batch {BATCH}, {dtype}, 1 thread; checksum {sink:.4f})")


if __name__ == "__main__":
    main()
