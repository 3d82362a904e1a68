package org.nabla.theory;

import java.util.List;
import org.nabla.tensor.Tensor;

/**
 * A kernel machine f(x) = Σᵢ αᵢ K_M(x, xᵢ) ∈ ℝᶜ fitted by ridge regression on (X, Y), the predictor
 * of one round of a Recursive Feature Machine (Radhakrishnan et al., Science 383, 2024, Algorithm 1):
 * <pre>
 *   α = (K_M(X, X) + λI)⁻¹ Y,      K_M(x, z) = k(‖x − z‖²_M)       (see {@link RfmKernel})
 *   ∇f_c(x) = Σᵢ α_ic ∇ₓK_M(x, xᵢ) = −M Σᵢ α_ic wᵢ(x) (x − xᵢ) = −M (u_c(x) x − S_c(x))
 *   u_c(x) = Σᵢ wᵢ(x) α_ic,   S_c(x) = Σᵢ wᵢ(x) α_ic xᵢ,   wᵢ(x) = w(‖x − xᵢ‖²_M)
 * </pre>
 * with w the kernel's gradient weight ({@link RfmKernel#gradientWeight}).
 * The gradient is the closed form above, not a finite difference. Squared distances come from the
 * expansion ‖x‖²_M + ‖z‖²_M − 2xᵀMz (one matrix product, or for sparse centres one pass over their
 * non-zeros); a squared distance at or below
 * 1e-12 (‖x‖²_M + ‖z‖²_M), the expansion's rounding residue, is a coincident point and set to 0
 * exactly, and on the training kernel's diagonal it is 0 by construction and the matrix is made exactly
 * symmetric. At a coincident point a Laplace kernel's gradient weight is taken as 0, as in the authors'
 * code (theory2.md explains the ~1e-8 their own residue leaves).
 *
 * <p>For one-hot or other sparse inputs the sums S_c(x) are computed column by column: for each
 * coordinate k, with Iₖ = {i : x_ik ≠ 0}, S[k, c, :] = (x_{Iₖ,k} ⊙ α_{Iₖ,c})ᵀ Wᵀ[Iₖ, :], a product
 * costing q·|Iₖ|·c, so q·nnz(X)·c in all rather than q·n·c·d (for the p = 61 grokking task, 1/61 of
 * the dense cost); the rows of Wᵀ are copied whole (for the training points W is symmetric). The
 * AGOP is then (1/q) M (Σ_{j,c} h_jc h_jcᵀ) M with h_jc = u_jc zⱼ − S_jc (centred over j when asked):
 * one d×(q·c) Gram product.
 */
public final class KernelPredictor {
    /** Squared distances at or below this fraction of ‖x‖²_M + ‖z‖²_M are coincident points. */
    static final double COINCIDENT = 1e-12;

    private final Tensor x;
    private final Tensor alpha;
    private final Tensor m;
    private final RfmKernel kernel;
    private final double[] trainR2;
    private final Tensor trainKernel;

    private KernelPredictor(Tensor x, Tensor alpha, Tensor m, RfmKernel kernel, double[] trainR2, Tensor trainKernel) {
        this.x = x;
        this.alpha = alpha;
        this.m = m;
        this.kernel = kernel;
        this.trainR2 = trainR2;
        this.trainKernel = trainKernel;
    }

    /**
     * Fits α = (K_M(X, X) + λI)⁻¹ Y by {@link KernelRidgeRegression#solve}, the library's one kernel
     * ridge solve (blocked Cholesky; LU when the matrix is not numerically positive definite).
     *
     * @param x training inputs (n, d)
     * @param y targets (n) or (n, c)
     * @param m the feature matrix (d, d), symmetric positive semi-definite
     */
    public static KernelPredictor fit(Tensor x, Tensor y, Tensor m, RfmKernel kernel, double ridge) {
        if (x.rank() != 2 || m.rank() != 2 || m.dim(0) != x.dim(1) || m.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException("KernelPredictor.fit: expected X (n, d) and M (d, d), got X " + x.shape()
                    + " and M " + m.shape());
        }
        Tensor y2 = y.rank() == 1 ? y.reshape(y.dim(0), 1) : y;
        if (y2.rank() != 2 || y2.dim(0) != x.dim(0)) {
            throw new IllegalArgumentException("KernelPredictor.fit: Y " + y.shape() + " must have one row per row of X "
                    + x.shape());
        }
        if (!(ridge >= 0)) {
            throw new IllegalArgumentException("KernelPredictor.fit: the ridge must be ≥ 0, got " + ridge);
        }
        int n = x.dim(0);
        double[] r2 = squaredDistances(x, x, m);
        for (int i = 0; i < n; i++) {
            r2[i * n + i] = 0.0;
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (r2[i * n + j] + r2[j * n + i]);
                r2[i * n + j] = v;
                r2[j * n + i] = v;
            }
        }
        Tensor k = kernelOf(r2, n, n, kernel);
        Tensor alpha = KernelRidgeRegression.solve(k, ridge, y2, "KernelPredictor.fit");
        return new KernelPredictor(x, alpha, m, kernel, r2, k);
    }

    /** The coefficients α (n, c). */
    public Tensor coefficients() {
        return alpha;
    }

    /** The feature matrix M. */
    public Tensor featureMatrix() {
        return m;
    }

    /** The kernel. */
    public RfmKernel kernel() {
        return kernel;
    }

    /** The training inputs X. */
    public Tensor centres() {
        return x;
    }

    /** K_M(X, X), without the ridge. */
    public Tensor trainKernel() {
        return trainKernel;
    }

    /** f at the training points, K_M(X, X) α (n, c). */
    public Tensor trainPredictions() {
        return trainKernel.matmul(alpha);
    }

    /** The kernel matrix K_M(Z, X) (q, n). */
    public Tensor kernelMatrix(Tensor z) {
        requirePoints(z, "kernelMatrix");
        return kernelOf(squaredDistances(z, x, m), z.dim(0), x.dim(0), kernel);
    }

    /** f(Z) = K_M(Z, X) α, shape (q, c). */
    public Tensor predict(Tensor z) {
        return kernelMatrix(z).matmul(alpha);
    }

    /** The exact gradients ∇f_c(zⱼ), shape (c, q, d) (the layout of {@link Agop#ofGradients}). */
    public Tensor gradients(Tensor z) {
        requirePoints(z, "gradients");
        int q = z.dim(0);
        int c = alpha.dim(1);
        int d = x.dim(1);
        Tensor w = weights(squaredDistances(z, x, m), null);
        Tensor h = hTerms(w, w.transpose(), z, false);
        return h.transpose().matmul(m).mul(-1.0).reshape(c, q, d);
    }

    /** AGOP(f) over the points Z, (1/q) Σⱼ Σ_c ∇f_c(zⱼ)∇f_c(zⱼ)ᵀ (centred over j when asked). */
    public Tensor agop(Tensor z, boolean centered) {
        requirePoints(z, "agop");
        Tensor w = weights(squaredDistances(z, x, m), null);
        return agopOf(hTerms(w, w.transpose(), z, centered), z.dim(0));
    }

    /** The AGOP over the training points themselves (reusing the training distances and kernel). */
    public Tensor trainAgop(boolean centered) {
        Tensor w = weights(trainR2.clone(), trainKernel.toArray()); // symmetric: Wᵀ = W
        return agopOf(hTerms(w, w, x, centered), x.dim(0));
    }

    /** (1/q) M (H Hᵀ) M for H (d, c·q); H Hᵀ from its two row halves, H₂H₁ᵀ formed once. */
    private Tensor agopOf(Tensor h, int q) {
        int d = h.dim(0);
        int a = d / 2;
        Tensor gram;
        if (a == 0) {
            gram = h.matmul(h.transpose());
        } else {
            Tensor h1 = h.slice(0, 0, a);
            Tensor h2 = h.slice(0, a, d);
            Tensor c21 = h2.matmul(h1.transpose());
            gram = Tensor.concat(0, List.of(Tensor.concat(1, List.of(h1.matmul(h1.transpose()), c21.transpose())),
                    Tensor.concat(1, List.of(c21, h2.matmul(h2.transpose())))));
        }
        return m.matmul(gram).matmul(m).div(q);
    }

    /** W (q, n) of gradient weights wᵢ(zⱼ) from squared distances (overwritten) and kernel values (or null). */
    private Tensor weights(double[] r2, double[] k) {
        boolean smooth = kernel.smoothAtZero();
        for (int i = 0; i < r2.length; i++) {
            double s = r2[i];
            r2[i] = s == 0 && !smooth ? 0.0 : kernel.gradientWeight(s, k == null ? kernel.value(s) : k[i]);
        }
        return Tensor.of(new int[] {r2.length / x.dim(0), x.dim(0)}, r2);
    }

    /**
     * H (d, c·q) with column (c, j) = h_jc = u_jc zⱼ − S_jc, so that ∇f_c(zⱼ) = −M h_jc; centred over j
     * when asked. {@code wt} is Wᵀ (n, q); for the training points W is symmetric and Wᵀ = W.
     */
    private Tensor hTerms(Tensor w, Tensor wt, Tensor z, boolean centered) {
        int q = z.dim(0);
        int n = x.dim(0);
        int c = alpha.dim(1);
        int d = x.dim(1);
        double[] xv = x.contiguous().toArray();
        double[] av = alpha.contiguous().toArray();
        double[] wtv = wt.contiguous().toArray();
        int nnz = 0;
        for (double v : xv) {
            nnz += v != 0 ? 1 : 0;
        }
        double[] s; // S[k][e][j]
        if (4L * nnz <= (long) n * d) {
            s = new double[d * c * q];
            for (int k = 0; k < d; k++) {
                int nk = 0;
                for (int i = 0; i < n; i++) {
                    nk += xv[i * d + k] != 0 ? 1 : 0;
                }
                if (nk == 0) {
                    continue;
                }
                double[] at = new double[c * nk]; // (x_ik α_i)ᵀ over i ∈ Iₖ
                double[] rows = new double[nk * q]; // Wᵀ[Iₖ, :]
                for (int i = 0, r = 0; i < n; i++) {
                    double v = xv[i * d + k];
                    if (v != 0) {
                        for (int e = 0; e < c; e++) {
                            at[e * nk + r] = v * av[i * c + e];
                        }
                        System.arraycopy(wtv, i * q, rows, r * q, q);
                        r++;
                    }
                }
                double[] sk = Tensor.of(new int[] {c, nk}, at).matmul(Tensor.of(new int[] {nk, q}, rows)).toArray();
                System.arraycopy(sk, 0, s, k * c * q, c * q);
            }
        } else {
            double[] zeta = new double[d * c * n]; // Zᵀ[(k, e)][i] = x_ik α_ie
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    double xik = xv[i * d + k];
                    for (int e = 0; e < c; e++) {
                        zeta[(k * c + e) * n + i] = xik * av[i * c + e];
                    }
                }
            }
            s = Tensor.of(new int[] {d * c, n}, zeta).matmul(Tensor.of(new int[] {n, q}, wtv)).toArray();
        }
        double[] u = w.matmul(alpha).toArray();
        double[] zv = z.contiguous().toArray();
        for (int k = 0; k < d; k++) {
            for (int e = 0; e < c; e++) {
                int o = (k * c + e) * q;
                double mean = 0;
                for (int j = 0; j < q; j++) {
                    double h = u[j * c + e] * zv[j * d + k] - s[o + j];
                    s[o + j] = h;
                    mean += h;
                }
                if (centered) {
                    mean /= q;
                    for (int j = 0; j < q; j++) {
                        s[o + j] -= mean;
                    }
                }
            }
        }
        return Tensor.of(new int[] {d, c * q}, s);
    }

    /**
     * ‖zⱼ − xᵢ‖²_M for all pairs, a row-major q×n array, from ‖z‖²_M + ‖x‖²_M − 2zᵀMx; values at or
     * below 1e-12 (‖z‖²_M + ‖x‖²_M) (rounding residue, and any negative value) are set to 0.
     */
    static double[] squaredDistances(Tensor z, Tensor x, Tensor m) {
        int q = z.dim(0);
        int n = x.dim(0);
        int d = x.dim(1);
        Tensor zm = z.matmul(m);
        double[] zz = zm.mul(z).sum(1).toArray();
        double[] xx = x.matmul(m).mul(x).sum(1).toArray();
        double[] xv = x.contiguous().toArray();
        int nnz = 0;
        for (double v : xv) {
            nnz += v != 0 ? 1 : 0;
        }
        double[] g;
        if (4L * nnz <= (long) n * d) { // sparse centres: (ZM)Xᵀ from the non-zeros of each xᵢ
            int[] start = new int[n + 1];
            int[] col = new int[nnz];
            double[] val = new double[nnz];
            for (int i = 0, r = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    if (xv[i * d + k] != 0) {
                        col[r] = k;
                        val[r++] = xv[i * d + k];
                    }
                }
                start[i + 1] = r;
            }
            double[] zmv = zm.toArray();
            g = new double[q * n];
            for (int j = 0; j < q; j++) {
                int zo = j * d;
                int go = j * n;
                for (int i = 0; i < n; i++) {
                    double acc = 0;
                    for (int r = start[i]; r < start[i + 1]; r++) {
                        acc += zmv[zo + col[r]] * val[r];
                    }
                    g[go + i] = acc;
                }
            }
        } else {
            g = zm.matmul(x.transpose()).toArray();
        }
        for (int j = 0; j < q; j++) {
            int row = j * n;
            for (int i = 0; i < n; i++) {
                double scale = zz[j] + xx[i];
                double v = scale - 2 * g[row + i];
                g[row + i] = v <= COINCIDENT * scale ? 0.0 : v;
            }
        }
        return g;
    }

    private static Tensor kernelOf(double[] r2, int rows, int cols, RfmKernel kernel) {
        double[] k = new double[r2.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = kernel.value(r2[i]);
        }
        return Tensor.of(new int[] {rows, cols}, k);
    }

    private void requirePoints(Tensor z, String op) {
        if (z.rank() != 2 || z.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException("KernelPredictor." + op + ": points must be (q, " + x.dim(1) + "), got "
                    + z.shape());
        }
    }
}
