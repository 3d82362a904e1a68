"""NumPy reference values for org.nabla.compress.LowRankLinear (Eckart-Young).

Run with Debian's /usr/bin/python3 (python3-numpy); writes low_rank.npz next to this script:
w (7x5), its singular values (numpy.linalg.svd), and for r = 1..5 the Frobenius and spectral norms
of W - W_r computed on the truncated product U_r diag(s_r) V_r^T (not from the formula).
"""
import os
import numpy as np

rng = np.random.default_rng(2026)
w = rng.standard_normal((7, 5))
u, s, vt = np.linalg.svd(w, full_matrices=False)
out = {"w": w, "s": s}
for r in range(1, 6):
    wr = (u[:, :r] * s[:r]) @ vt[:r]
    out[f"fro{r}"] = np.array(np.linalg.norm(w - wr, "fro"))
    out[f"spec{r}"] = np.array(np.linalg.norm(w - wr, 2))
np.savez(os.path.join(os.path.dirname(os.path.abspath(__file__)), "low_rank.npz"), **out)
print("s", s)
