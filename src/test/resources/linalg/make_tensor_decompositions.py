"""NumPy reference values for Multilinear, TuckerDecomposition and CPDecomposition.

Run with Debian's /usr/bin/python3 (python3-numpy); writes tensor_decompositions.npz next to this
script. Everything is written from the definitions of Kolda & Bader, SIAM Review 51(3), 2009, with
NumPy only (no tensor library), independently of the Java code:
  unfold(X, n)   = reshape(moveaxis(X, n, 0), (I_n, -1), order='F')        (section 2.4)
  X x_n U        = fold(U @ unfold(X, n))                                    (section 2.5)
  A (.) B        = column-wise Kronecker products                            (section 2.6)
  HOSVD, HOOI    = Fig. 4.3 and Fig. 4.4 (leading left singular vectors by numpy.linalg.svd)
  CP-ALS         = Fig. 3.3 with numpy.linalg.pinv, from the start stored in cp.start<n>
"""
import os
import numpy as np

rng = np.random.default_rng(26)
out = {}


def unfold(x, n):
    return np.reshape(np.moveaxis(x, n, 0), (x.shape[n], -1), order="F")


def fold(m, n, dims):
    rest = [d for k, d in enumerate(dims) if k != n]
    return np.moveaxis(np.reshape(m, [dims[n]] + rest, order="F"), 0, n)


def mode(x, u, n):
    dims = list(x.shape)
    dims[n] = u.shape[0]
    return fold(u @ unfold(x, n), n, dims)


def khatri_rao(a, b):
    return np.einsum("ik,jk->ijk", a, b).reshape(a.shape[0] * b.shape[0], a.shape[1])


def kr_except(fs, n):
    r = None
    for k in range(len(fs) - 1, -1, -1):
        if k != n:
            r = fs[k] if r is None else khatri_rao(r, fs[k])
    return r


def lead(m, r):
    return np.linalg.svd(m, full_matrices=False)[0][:, :r]


def tucker_full(g, fs):
    for n, f in enumerate(fs):
        g = mode(g, f, n)
    return g


def rel(x, y):
    return np.linalg.norm(x - y) / np.linalg.norm(x)


# ---- unfoldings, mode products, Khatri-Rao
x = rng.standard_normal((4, 3, 5))
out["x"] = x
for n in range(3):
    out[f"unfold{n}"] = unfold(x, n)
    u = rng.standard_normal((2, x.shape[n]))
    out[f"u{n}"] = u
    out[f"mode{n}"] = mode(x, u, n)
a = rng.standard_normal((4, 3))
b = rng.standard_normal((5, 3))
out["kr.a"], out["kr.b"], out["kr"] = a, b, khatri_rao(a, b)

# ---- Tucker: a random full tensor truncated to (2, 3, 2); HOSVD and 20 HOOI sweeps
t = rng.standard_normal((6, 5, 4))
ranks = (2, 3, 2)
fs = [lead(unfold(t, n), ranks[n]) for n in range(3)]
core = tucker_full(t, [f.T for f in fs])
out["tucker.x"] = t
out["tucker.hosvd_error"] = np.array(rel(t, tucker_full(core, fs)))
for n in range(3):
    out[f"tucker.sv{n}"] = np.linalg.svd(unfold(t, n), compute_uv=False)
for it in range(20):
    for n in range(3):
        proj = [None if k == n else fs[k].T for k in range(3)]
        y = t
        for k, p in enumerate(proj):
            if p is not None:
                y = mode(y, p, k)
        fs[n] = lead(unfold(y, n), ranks[n])
core = tucker_full(t, [f.T for f in fs])
out["tucker.hooi_error"] = np.array(rel(t, tucker_full(core, fs)))
out["tucker.hooi_core_norm"] = np.array(np.linalg.norm(core))

# ---- CP-ALS: 30 sweeps of rank 2 on a random 5x4x3 tensor from a stored start
c = rng.standard_normal((5, 4, 3))
start = [rng.standard_normal((d, 2)) for d in c.shape]
out["cp.x"] = c
for n in range(3):
    out[f"cp.start{n}"] = start[n]
fs = [s.copy() for s in start]
for it in range(30):
    for n in range(3):
        v = np.ones((2, 2))
        for k in range(3):
            if k != n:
                v = v * (fs[k].T @ fs[k])
        an = unfold(c, n) @ kr_except(fs, n) @ np.linalg.pinv(v)
        lam = np.linalg.norm(an, axis=0)
        fs[n] = an / lam
full = fold(fs[0] * lam @ kr_except(fs, 0).T, 0, list(c.shape))
order = np.argsort(-lam)
out["cp.lambda"] = lam[order]
out["cp.error"] = np.array(rel(c, full))
for n in range(3):
    out[f"cp.factor{n}"] = fs[n][:, order]

np.savez(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tensor_decompositions.npz"), **out)
for k in ("tucker.hosvd_error", "tucker.hooi_error", "cp.error", "cp.lambda"):
    print(k, out[k])
