"""PyTorch peer of PerExampleBench (docs/benchmarks.md, "Per-example derivatives"), float64.

(a) empirical NTK Gram of 200 inputs (d = 16) of a 16-512-10 ReLU network: functorch
    (vmap of jacrev over the parameters, then the contraction) vs the loop of n*c backward calls;
(b) per-example gradients of a batch of 64 for a 784-256-128-10 ReLU MLP with cross entropy:
    functorch vmap(grad) vs 64 single-example backward calls.
Prints milliseconds per call, median of the given number of rounds.
Usage: /usr/bin/python3 src/bench/python/per_example.py [rounds]
"""
import sys
import time

import torch
from functorch import grad, jacrev, make_functional, vmap

torch.set_default_dtype(torch.float64)
torch.manual_seed(24)
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3


def median_ms(f):
    f()
    ts = []
    for _ in range(rounds):
        t = time.perf_counter()
        f()
        ts.append((time.perf_counter() - t) * 1e3)
    ts.sort()
    return ts[len(ts) // 2]


net = torch.nn.Sequential(torch.nn.Linear(16, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10))
x = torch.randn(200, 16)
fnet, params = make_functional(net)


def ntk_functorch():
    jac = vmap(jacrev(lambda p, xi: fnet(p, xi.unsqueeze(0)).squeeze(0)), (None, 0))(params, x)
    flat = torch.cat([j.reshape(200 * 10, -1) for j in jac], dim=1)  # rows (point, output)
    return flat @ flat.T


def ntk_loop():
    y = net(x).reshape(-1)
    rows = []
    for r in range(y.numel()):
        g = torch.autograd.grad(y[r], list(net.parameters()), retain_graph=True)
        rows.append(torch.cat([t.reshape(-1) for t in g]))
    j = torch.stack(rows)
    return j @ j.T


mlp = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                          torch.nn.Linear(128, 10))
fmlp, mparams = make_functional(mlp)
xb = torch.rand(64, 784)
yb = torch.randint(0, 10, (64,))


def pe_functorch():
    def loss(p, xi, yi):
        return torch.nn.functional.cross_entropy(fmlp(p, xi.unsqueeze(0)), yi.unsqueeze(0), reduction="sum")
    g = vmap(grad(loss), (None, 0, 0))(mparams, xb, yb)
    return torch.cat([t.reshape(64, -1) for t in g], dim=1)


def pe_loop():
    rows = []
    for i in range(64):
        l = torch.nn.functional.cross_entropy(mlp(xb[i:i + 1]), yb[i:i + 1], reduction="sum")
        g = torch.autograd.grad(l, list(mlp.parameters()))
        rows.append(torch.cat([t.reshape(-1) for t in g]))
    return torch.stack(rows)


assert torch.allclose(ntk_functorch(), ntk_loop())
assert torch.allclose(pe_functorch(), pe_loop())
print(f"threads {torch.get_num_threads()}")
for name, f in [("ntk functorch", ntk_functorch), ("ntk loop", ntk_loop),
                ("per-example functorch", pe_functorch), ("per-example loop", pe_loop)]:
    print(f"{name}: {median_ms(f):.1f} ms")
