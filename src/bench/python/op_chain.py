"""Peer of org.nabla.bench.OpChainTiming: a chain of 1,000 elementwise ops (mul, add, tanh in turn)
on a 1-element float64 tensor, forward + backward, in PyTorch on one thread. Prints µs per op."""
import statistics
import time

import torch

torch.set_num_threads(1)
OPS = 1000


def forward_backward(x0):
    x = x0.clone().requires_grad_(True)
    y = x
    for i in range(OPS):
        if i % 3 == 0:
            y = y * 0.999
        elif i % 3 == 1:
            y = y + 0.001
        else:
            y = torch.tanh(y)
    y.sum().backward()
    return x.grad.item()


x0 = torch.tensor([0.5], dtype=torch.float64)
for _ in range(20):
    forward_backward(x0)
runs = []
for _ in range(11):
    t = time.perf_counter()
    for _ in range(10):
        forward_backward(x0)
    runs.append((time.perf_counter() - t) / (10 * OPS) * 1e6)
print("torch op chain: median %.4f µs/op (min %.4f, max %.4f)" % (statistics.median(runs), min(runs), max(runs)))
