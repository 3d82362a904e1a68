"""Peer of RfmLowRankTiming: the Recursive Feature Machine of Radhakrishnan et al. (Science 2024) on
their low-rank example at full size, written here in PyTorch float64 on one thread after the algorithm of
their notebook code (example_notebooks/rfm.py of github.com/aradha/recursive_feature_machines; not
copied): Laplace kernel K_M(x, z) = exp(-||x - z||_M / L), L = 10, ridge 1e-3, 5 updates of M, 6 fits.

Data: x ~ N(0, 0.25 I_20) from NumPy default_rng(2024).normal(scale=0.5), 4,000 training rows then
2,000 test rows (theory2.md's rfm_parity, ten times larger); y = x0 * x1 * 1[x5 > 0]. The inputs are
written to target/rfm_lowrank_x.npy, which the Java bench reads, so both time the same data.

Per round, as in the authors' code:
  distances by the expansion ||x||_M^2 + ||z||_M^2 - 2 x^T M z (clamped at 0), K = exp(-dist / L);
  alpha = solve(K + 1e-3 I, y) (LU, as numpy.linalg.solve);
  test MSE of K(test, train) alpha;
  gradients at the training points: grad f(x_j) = -(1/L) sum_i alpha_i K_ij / dist_ij * M (x_j - x_i),
  with K/dist set to 0 where dist < 1e-10; M <- (1/n) sum_j grad f(x_j) grad f(x_j)^T.
Prints the median wall time over runs, the time of each phase, the test MSE per round and sum(M)."""
import os
import statistics
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
N_TRAIN, N_TEST, D, L, REG, ITERS = 4000, 2000, 20, 10.0, 1e-3, 5
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1

x_all = np.random.default_rng(2024).normal(scale=0.5, size=(N_TRAIN + N_TEST, D))
os.makedirs("target", exist_ok=True)
np.save("target/rfm_lowrank_x.npy", x_all)


def target(x):
    return (x[:, 0] * x[:, 1] * (x[:, 5] > 0)).reshape(-1, 1)


X = torch.from_numpy(x_all[:N_TRAIN])
Xt = torch.from_numpy(x_all[N_TRAIN:])
y = torch.from_numpy(target(x_all[:N_TRAIN]))
yt = torch.from_numpy(target(x_all[N_TRAIN:]))


def distances(a, b, m):
    na = ((a @ m) * a).sum(dim=1, keepdim=True)
    nb = ((b @ m) * b).sum(dim=1, keepdim=True).T
    return (na + nb - 2 * (a @ m) @ b.T).clamp_min(0).sqrt()


def agop(x, alpha, k, dist, m):
    w = torch.where(dist < 1e-10, torch.zeros(()), k / torch.where(dist < 1e-10, torch.ones(()), dist))
    xm = x @ m
    c = alpha.shape[1]
    # grad f_c(x_j) = -(1/L) [ (sum_i w_ij alpha_ic) M x_j - sum_i w_ij alpha_ic M x_i ]
    s = w.T @ (alpha[:, :, None] * xm[:, None, :]).reshape(len(x), -1)          # (n, c*d)
    u = (alpha.T @ w).T                                                         # (n, c)
    g = -(u[:, :, None] * xm[:, None, :] - s.reshape(len(x), c, -1)) / L
    g = g.reshape(-1, x.shape[1])
    return g.T @ g / len(x)


def rfm(phase):
    m = torch.eye(D)
    mses = []
    for t in range(ITERS + 1):
        t0 = time.perf_counter()
        dist = distances(X, X, m)
        k = torch.exp(-dist / L)
        t1 = time.perf_counter()
        alpha = torch.linalg.solve(k + REG * torch.eye(N_TRAIN), y)
        t2 = time.perf_counter()
        pred = torch.exp(-distances(Xt, X, m) / L) @ alpha
        mses.append(((pred - yt) ** 2).mean().item())
        t3 = time.perf_counter()
        if t < ITERS:
            m = agop(X, alpha, k, dist, m)
        t4 = time.perf_counter()
        phase["kernel"] += t1 - t0
        phase["solve"] += t2 - t1
        phase["test"] += t3 - t2
        phase["agop"] += t4 - t3
    return m, mses


times = []
for _ in range(runs):
    phase = {"kernel": 0.0, "solve": 0.0, "test": 0.0, "agop": 0.0}
    t0 = time.perf_counter()
    m, mses = rfm(phase)
    times.append(time.perf_counter() - t0)
print("phases_s " + " ".join(f"{k}={v:.2f}" for k, v in phase.items()))
print("test_mse_per_round " + " ".join(f"{v:.6g}" for v in mses) + f"; sum(M) = {m.sum().item():.6g}")
print(f"torch_rfm_lowrank_s={statistics.median(times):.3f} (runs {[round(t, 2) for t in times]}; torch {torch.__version__})")
