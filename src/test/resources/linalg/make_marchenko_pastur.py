"""SciPy reference values for org.nabla.compress.MarchenkoPastur and RandomMatrixPruning.

Run with Debian's /usr/bin/python3 (python3-numpy, python3-scipy); writes marchenko_pastur.npz next to
this script. Independent of the Java code: the MP distribution function by scipy.integrate.quad of the
density, its quantiles by scipy.optimize.brentq, the eigenvalues by numpy.linalg.eigvalsh.
  cdf.<g>      F(x) of MP(gamma, 1.3) at the points cdf.x.<g>, for gamma in {0.25, 1}
  w            a 200 x 80 matrix: N(0, 0.7^2) noise plus sqrt(200) * d * u v^T for d = 1.5, 2.5
  sigma2, edge, kept    the BEMA fit (alpha = 0.2, beta = 0.05, t = 0.9793) of w
"""
import os
import numpy as np
from scipy import integrate, optimize

rng = np.random.default_rng(2310)
out = {}


def density(x, g, s2):
    lo, hi = s2 * (1 - np.sqrt(g)) ** 2, s2 * (1 + np.sqrt(g)) ** 2
    if x <= lo or x >= hi:
        return 0.0
    return np.sqrt((hi - x) * (x - lo)) / (2 * np.pi * s2 * g * x)


def cdf(x, g, s2):
    lo, hi = s2 * (1 - np.sqrt(g)) ** 2, s2 * (1 + np.sqrt(g)) ** 2
    if x <= lo:
        return 0.0
    if x >= hi:
        return 1.0
    return integrate.quad(density, lo, x, args=(g, s2), epsabs=1e-14, epsrel=1e-13, limit=200)[0]


def quantile(u, g):
    lo, hi = (1 - np.sqrt(g)) ** 2, (1 + np.sqrt(g)) ** 2
    if u <= 0:
        return lo
    return optimize.brentq(lambda x: cdf(x, g, 1.0) - u, lo, hi, xtol=1e-14)


for g, name in ((0.25, "0.25"), (1.0, "1")):
    lo, hi = 1.3 * (1 - np.sqrt(g)) ** 2, 1.3 * (1 + np.sqrt(g)) ** 2
    xs = np.linspace(lo, hi, 9)[1:-1]
    out["cdf.x." + name] = xs
    out["cdf." + name] = np.array([cdf(x, g, 1.3) for x in xs])

n, p, sigma = 200, 80, 0.7
w = sigma * rng.standard_normal((n, p))
q1, _ = np.linalg.qr(rng.standard_normal((n, 2)))
q2, _ = np.linalg.qr(rng.standard_normal((p, 2)))
for k, d in enumerate((1.5, 2.5)):
    w += np.sqrt(n) * d * np.outer(q1[:, k], q2[:, k])
out["w"] = w
ev = np.sort(np.linalg.eigvalsh(w.T @ w / n))
g = p / n
alpha, t = 0.2, 0.9793
idx = range(int(alpha * p), int((1 - alpha) * p))
q = np.array([quantile(i / p, g) for i in idx])
lam = ev[list(idx)]
s2 = q @ lam / (q @ q)
r = 1 + np.sqrt(g)
edge = s2 * (r * r + t * n ** (-2 / 3) * g ** (-1 / 6) * r ** (4 / 3))
out["sigma2"] = np.array(s2)
out["edge"] = np.array(edge)
out["kept"] = np.array(float(np.sum(ev > edge)))
np.savez(os.path.join(os.path.dirname(os.path.abspath(__file__)), "marchenko_pastur.npz"), **out)
print("sigma2", s2, "edge", edge, "kept", np.sum(ev > edge), "top", ev[-4:])
