"""Peer of VertexEnsembleTiming: the forward-pass statistics of an ensemble of random ReLU networks
(width 256, depth 8, 1,000 networks, Gaussian weights N(0, C_W/fan_in) with C_W = 2, no biases, one
input x = (1, ..., 1)), in PyTorch float64 on one thread. For each network and layer it records the
statistics VertexEnsemble records: S = (1/n) sum z_i^2, the conditional variance G = C_W/fan_in |h|^2
and the mean z^4. Prints the median time over runs in seconds."""
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
WIDTH, DEPTH, NETWORKS, CW = 256, 8, 1000, 2.0
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
gen = torch.Generator().manual_seed(7)


def ensemble():
    stats = torch.empty(NETWORKS, DEPTH, 3)
    x = torch.ones(WIDTH)
    for net in range(NETWORKS):
        h = x
        for l in range(DEPTH):
            fan_in = h.shape[0]
            g = CW / fan_in * torch.dot(h, h)
            w = torch.randn(WIDTH, fan_in, generator=gen) * (CW / fan_in) ** 0.5
            z = w @ h
            stats[net, l, 0] = (z * z).mean()
            stats[net, l, 1] = g
            stats[net, l, 2] = (z ** 4).mean()
            h = torch.relu(z)
    return stats


times = []
for _ in range(runs):
    t0 = time.perf_counter()
    s = ensemble()
    times.append(time.perf_counter() - t0)
print(f"torch_vertex_ensemble_s={statistics.median(times):.3f} (runs {', '.join(f'{t:.2f}' for t in times)}; "
      f"mean S at layer 8 {s[:, -1, 0].mean().item():.4f})")
