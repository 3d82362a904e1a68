package org.nabla.tensor.linalg;

import java.util.Arrays;
import org.nabla.tensor.Tensor;

/**
 * Eigendecomposition of a real symmetric matrix: A = V Λ Vᵀ (torch.linalg.eigh).
 *
 * <p>For A = Aᵀ ∈ ℝ^(n×n) there is an orthogonal V (VᵀV = I) and real λ₁ ≤ λ₂ ≤ … ≤ λₙ with
 * A vᵢ = λᵢ vᵢ, i.e. A V = V Λ (the spectral theorem; Golub &amp; Van Loan, <i>Matrix Computations</i>,
 * 4th ed., §8.1). Eigenvalues are returned in ascending order with their eigenvectors as the
 * columns of V. An eigenvector is unique only up to sign, and for a repeated eigenvalue only its
 * eigenspace is unique: any orthonormal basis of it is a correct answer.
 *
 * <p>Algorithm, in two phases:
 * <ol>
 *   <li>Householder tridiagonalization (G&amp;VL §8.3, Algorithm 8.3.1): T = Qᵀ A Q with
 *       Q = H₀ H₁ ⋯ H_{n−3}, where Hⱼ = I − β v vᵀ zeroes column j below the subdiagonal; each step
 *       updates the trailing block as B ← B − v wᵀ − w vᵀ with p = β B v, w = p − (β pᵀv / 2) v.</li>
 *   <li>Implicit symmetric QR steps with the Wilkinson shift (G&amp;VL §8.3, Algorithms 8.3.2–8.3.3;
 *       Parlett, <i>The Symmetric Eigenvalue Problem</i>, ch. 8):
 *       the shift μ is the eigenvalue of the trailing 2×2 block of T closer to its last diagonal entry,
 *       μ = tₙₙ − t²ₙ,ₙ₋₁ / (δ + sign(δ) √(δ² + t²ₙ,ₙ₋₁)), δ = (tₙ₋₁,ₙ₋₁ − tₙₙ)/2; a Givens rotation
 *       determined by the first column of T − μI is applied and the resulting bulge chased down the
 *       band. An off-diagonal entry is set to zero (deflation) when |tᵢ₊₁,ᵢ| ≤ ε (|tᵢᵢ| + |tᵢ₊₁,ᵢ₊₁|).
 *       The rotations are accumulated into Q.</li>
 * </ol>
 * Convergence is cubic for almost all matrices (and at least quadratic), about 2 steps per eigenvalue.
 * Repeated eigenvalues need no special care: the accumulated V is orthogonal to working precision.
 *
 * <p>Cost: 4n³/3 flops for T, 4n³/3 to form Q, about 6n³ for the QR steps with vectors (about 2 steps
 * per eigenvalue, each rotating two rows of length n per position); about 4n³/3 in total without
 * vectors ({@link #eigenvalues(Tensor)}). Stability: backward stable — the computed eigenpairs are
 * exact for A + δA with ‖δA‖₂ = O(ε‖A‖₂), so each computed eigenvalue is within O(ε‖A‖₂) of an exact
 * one (Weyl); eigenvectors are accurate to O(ε‖A‖₂ / gap) (G&amp;VL §8.1 and §8.3).
 *
 * <p>Symmetry is checked with the tolerance |aᵢⱼ − aⱼᵢ| ≤ 1e−10 · max|aₖₗ|; then only the lower
 * triangle is read (as LAPACK's {@code dsyevd} and {@code torch.linalg.eigh} with UPLO='L'). The matrix
 * is divided by a power of two near max|aᵢⱼ| first (exact), to keep squares from overflowing.
 */
public final class SymmetricEigen {
    private final int n;
    private final double[] values;
    /** Row i is the eigenvector of values[i] (i.e. the rows of Vᵀ). */
    private final double[][] vectorRows;

    private SymmetricEigen(int n, double[] values, double[][] vectorRows) {
        this.n = n;
        this.values = values;
        this.vectorRows = vectorRows;
    }

    /**
     * Eigenvalues and eigenvectors of a symmetric matrix.
     *
     * @param a an n×n symmetric matrix with finite entries
     * @throws IllegalArgumentException when a is not square, has a non-finite entry or is not symmetric
     */
    public static SymmetricEigen of(Tensor a) {
        Matrices.requireSquare2d(a, "eigh");
        return compute(Matrices.rows(a), true, "eigh");
    }

    /**
     * The eigenvalues alone, ascending (no eigenvectors are accumulated, which is about 5× cheaper).
     *
     * @param a an n×n symmetric matrix with finite entries
     */
    public static Tensor eigenvalues(Tensor a) {
        Matrices.requireSquare2d(a, "eigvalsh");
        return Tensor.of(compute(Matrices.rows(a), false, "eigvalsh").values);
    }

    /** The eigenvalues λ₁ ≤ … ≤ λₙ. */
    public Tensor values() {
        return Tensor.of(values);
    }

    /** The eigenvectors as the columns of an orthogonal n×n matrix V (A V = V Λ). */
    public Tensor vectors() {
        return Matrices.tensor(Matrices.transpose(vectorRows, n, n), n, n);
    }

    double[] valuesRaw() {
        return values;
    }

    double[][] vectorRowsRaw() {
        return vectorRows;
    }

    /** Decomposes a (n×n rows, not modified); vectors only when {@code wantVectors}. */
    static SymmetricEigen compute(double[][] a0, boolean wantVectors, String op) {
        int n = a0.length;
        Matrices.requireSymmetric(a0, op);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a0[i][j];
                a[j][i] = a0[i][j];
            }
        }
        double scale = Matrices.powerOfTwoScale(a);
        Matrices.scale(a, 1 / scale);
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        double[][] z = tridiagonalize(a, n, d, e, wantVectors);
        implicitQr(d, e, z, n, op);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(d[p], d[q]));
        double[] values = new double[n];
        double[][] rows = wantVectors ? new double[n][] : null;
        for (int i = 0; i < n; i++) {
            values[i] = d[order[i]] * scale;
            if (wantVectors) {
                rows[i] = z[order[i]];
            }
        }
        return new SymmetricEigen(n, values, rows);
    }

    /**
     * Householder tridiagonalization of the symmetric a (full storage, overwritten): fills the diagonal
     * d and subdiagonal e of T = Qᵀ A Q and returns Z = Qᵀ (rows), or null without vectors.
     */
    private static double[][] tridiagonalize(double[][] a, int n, double[] d, double[] e, boolean wantVectors) {
        double[][] vs = new double[Math.max(n - 2, 0)][];
        double[] betas = new double[Math.max(n - 2, 0)];
        for (int k = 0; k < n - 2; k++) {
            int len = n - k - 1;
            double[] v = new double[len];
            for (int i = 0; i < len; i++) {
                v[i] = a[k + 1 + i][k];
            }
            double tail = Matrices.norm2(v, 1, len);
            if (tail == 0) {
                continue; // column already tridiagonal: Hₖ = I
            }
            double alpha = Matrices.norm2(v, 0, len);
            double sgn = v[0] >= 0 ? 1.0 : -1.0;
            v[0] += sgn * alpha;
            double vnorm = Matrices.norm2(v, 0, len);
            for (int i = 0; i < len; i++) {
                v[i] /= vnorm;
            }
            double beta = 2.0; // v is a unit vector: H = I − 2vvᵀ
            vs[k] = v;
            betas[k] = beta;
            // trailing block B = a[k+1:, k+1:]: p = β B v; w = p − (β pᵀv / 2) v; B ← B − v wᵀ − w vᵀ
            double[] p = new double[len];
            for (int i = 0; i < len; i++) {
                double[] row = a[k + 1 + i];
                double s = 0;
                for (int j = 0; j < len; j++) {
                    s += row[k + 1 + j] * v[j];
                }
                p[i] = beta * s;
            }
            double ptv = Matrices.dot(p, v, 0, len);
            double f = beta * ptv / 2;
            for (int i = 0; i < len; i++) {
                p[i] -= f * v[i]; // p now holds w
            }
            for (int i = 0; i < len; i++) {
                double[] row = a[k + 1 + i];
                double vi = v[i];
                double wi = p[i];
                for (int j = 0; j < len; j++) {
                    row[k + 1 + j] -= vi * p[j] + wi * v[j];
                }
            }
            a[k + 1][k] = -sgn * alpha;
            a[k][k + 1] = -sgn * alpha;
            for (int i = k + 2; i < n; i++) {
                a[i][k] = 0;
                a[k][i] = 0;
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i][i];
        }
        for (int i = 0; i < n - 1; i++) {
            e[i] = a[i + 1][i];
        }
        if (!wantVectors) {
            return null;
        }
        // Q = H₀ ⋯ H_{n−3} by backward accumulation (G&VL §5.1), then Z = Qᵀ
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1.0;
        }
        for (int k = n - 3; k >= 0; k--) {
            double[] v = vs[k];
            if (v == null) {
                continue;
            }
            int len = v.length;
            int off = k + 1;
            double[] w = new double[n];
            for (int i = 0; i < len; i++) {
                double vi = v[i];
                double[] row = q[off + i];
                for (int c = off; c < n; c++) {
                    w[c] += vi * row[c];
                }
            }
            for (int i = 0; i < len; i++) {
                double bvi = betas[k] * v[i];
                double[] row = q[off + i];
                for (int c = off; c < n; c++) {
                    row[c] -= bvi * w[c];
                }
            }
        }
        return Matrices.transpose(q, n, n);
    }

    /**
     * Implicit symmetric QR with Wilkinson shift on the tridiagonal (d, e), accumulating the rotations
     * into the rows of z (z ← G z) when z is not null. On return d holds the eigenvalues (unsorted).
     */
    private static void implicitQr(double[] d, double[] e, double[][] z, int n, String op) {
        int maxIterations = 30 * Math.max(n, 1);
        int iterations = 0;
        int hi = n - 1;
        while (hi > 0) {
            // deflate negligible off-diagonal entries, find the unreduced block [lo, hi]
            for (int i = 0; i < hi; i++) {
                if (Math.abs(e[i]) <= Matrices.EPS * (Math.abs(d[i]) + Math.abs(d[i + 1]))
                        || Math.abs(e[i]) < Double.MIN_NORMAL) {
                    e[i] = 0.0;
                }
            }
            if (e[hi - 1] == 0.0) {
                hi--;
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && e[lo - 1] != 0.0) {
                lo--;
            }
            if (++iterations > maxIterations) {
                throw new ArithmeticException(op + ": the symmetric QR iteration did not converge in " + maxIterations
                        + " steps");
            }
            qrStep(d, e, z, lo, hi);
        }
    }

    /** One implicit symmetric QR step with Wilkinson shift on the block [lo, hi] (G&amp;VL Algorithm 8.3.2). */
    private static void qrStep(double[] d, double[] e, double[][] z, int lo, int hi) {
        double delta = (d[hi - 1] - d[hi]) / 2;
        double b = e[hi - 1];
        double denom = delta + (delta >= 0 ? 1.0 : -1.0) * Math.hypot(delta, b);
        double mu = d[hi] - b * (b / denom);
        double x = d[lo] - mu;
        double y = e[lo];
        for (int k = lo; k < hi; k++) {
            double r = Math.hypot(x, y);
            double c = r == 0 ? 1.0 : x / r;
            double s = r == 0 ? 0.0 : y / r;
            if (k > lo) {
                e[k - 1] = r;
            }
            // T ← G T Gᵀ on rows/columns k, k+1 with G = [c s; −s c]
            double dk = d[k];
            double dk1 = d[k + 1];
            double ek = e[k];
            d[k] = c * c * dk + 2 * c * s * ek + s * s * dk1;
            d[k + 1] = s * s * dk - 2 * c * s * ek + c * c * dk1;
            e[k] = c * s * (dk1 - dk) + (c * c - s * s) * ek;
            if (k < hi - 1) {
                x = e[k];
                y = s * e[k + 1]; // the bulge at (k+2, k)
                e[k + 1] = c * e[k + 1];
            }
            if (z != null) {
                double[] zk = z[k];
                double[] zk1 = z[k + 1];
                for (int i = 0; i < zk.length; i++) {
                    double p = zk[i];
                    double q = zk1[i];
                    zk[i] = c * p + s * q;
                    zk1[i] = -s * p + c * q;
                }
            }
        }
    }
}
