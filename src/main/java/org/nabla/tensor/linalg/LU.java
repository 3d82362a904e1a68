package org.nabla.tensor.linalg;

import org.nabla.tensor.Tensor;

/**
 * LU factorization with partial pivoting: P A = L U.
 *
 * <p>For A ∈ ℝ^(m×n) and k = min(m, n): P ∈ ℝ^(m×m) is a permutation matrix, L ∈ ℝ^(m×k) is unit lower
 * triangular (lᵢᵢ = 1) with |lᵢⱼ| ≤ 1, and U ∈ ℝ^(k×n) is upper triangular.
 *
 * <p>Algorithm (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §3.4, Algorithm 3.4.1,
 * outer-product Gaussian elimination with partial pivoting; Trefethen &amp; Bau, Lecture 21):
 * for j = 0, …, k−1, bring the row p = argmax_{i≥j} |aᵢⱼ| to position j, then for i &gt; j set
 * lᵢⱼ = aᵢⱼ / aⱼⱼ and subtract lᵢⱼ times row j from row i. A column whose candidates are all
 * exactly 0 is skipped: its pivot uⱼⱼ is 0 and the factorization still exists. {@link #solve} and
 * {@link #inverse} then report the matrix as singular, naming the (0-based) pivot:
 * {@code matrix is singular (pivot 2 is 0.0)}. Only exact zeros count as singular, as LAPACK's
 * {@code dgetrf} reports them; an ill-conditioned matrix is solved, with a backward error of order ε‖A‖.
 *
 * <p>Cost: about 2n³/3 flops for n×n (mn² − n³/3 for m ≥ n); a solve with k right-hand sides costs
 * 2n²k more. Stability: backward stable in practice; the growth factor max|uᵢⱼ| / max|aᵢⱼ| is at most
 * 2ⁿ⁻¹ but is small for almost every matrix met in practice (G&amp;VL §3.4; Trefethen &amp; Bau,
 * <i>Numerical Linear Algebra</i>, Lecture 22).
 *
 * <p>Determinant: det A = det(Pᵀ) · Π uⱼⱼ = (−1)^(number of row swaps) · Π uⱼⱼ.
 * The product may overflow or underflow for large n; {@link #logAbsDet()} and {@link #detSign()}
 * give it as sign · exp(log|det A|), as {@code Linalg.slogdet} does.
 */
public final class LU {
    private final int m;
    private final int n;
    /** L strictly below the diagonal (unit diagonal implied), U on and above it. */
    private final double[][] lu;
    /** Row i of P A is row perm[i] of A. */
    private final int[] perm;
    private final int swapSign;

    /** Factorizes a (owned: it is overwritten). */
    LU(double[][] a, int m, int n) {
        this.m = m;
        this.n = n;
        this.lu = a;
        this.perm = new int[m];
        for (int i = 0; i < m; i++) {
            perm[i] = i;
        }
        int sign = 1;
        int k = Math.min(m, n);
        for (int j = 0; j < k; j++) {
            int p = j;
            double best = Math.abs(a[j][j]);
            for (int i = j + 1; i < m; i++) {
                double v = Math.abs(a[i][j]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            if (p != j) {
                double[] tmp = a[p];
                a[p] = a[j];
                a[j] = tmp;
                int t = perm[p];
                perm[p] = perm[j];
                perm[j] = t;
                sign = -sign;
            }
            double pivot = a[j][j];
            if (pivot == 0.0) {
                continue; // the whole column below is 0: nothing to eliminate
            }
            double[] rowJ = a[j];
            for (int i = j + 1; i < m; i++) {
                double[] rowI = a[i];
                double l = rowI[j] / pivot;
                rowI[j] = l;
                if (l != 0.0) {
                    for (int c = j + 1; c < n; c++) {
                        rowI[c] -= l * rowJ[c];
                    }
                }
            }
        }
        this.swapSign = sign;
    }

    /**
     * Factorizes a matrix.
     *
     * @param a an m×n matrix (2 axes)
     * @throws IllegalArgumentException when a does not have 2 axes
     */
    public static LU of(Tensor a) {
        Matrices.require2d(a, "LU");
        return new LU(Matrices.rows(a), a.dim(0), a.dim(1));
    }

    /** The unit lower-triangular factor L, m×min(m, n). */
    public Tensor l() {
        int k = Math.min(m, n);
        double[][] l = new double[m][k];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < Math.min(i, k); j++) {
                l[i][j] = lu[i][j];
            }
            if (i < k) {
                l[i][i] = 1.0;
            }
        }
        return Matrices.tensor(l, m, k);
    }

    /** The upper-triangular factor U, min(m, n)×n. */
    public Tensor u() {
        int k = Math.min(m, n);
        double[][] u = new double[k][n];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < n; j++) {
                u[i][j] = lu[i][j];
            }
        }
        return Matrices.tensor(u, k, n);
    }

    /** The m×m permutation matrix P of P A = L U (pᵢ,perm[i] = 1). */
    public Tensor p() {
        double[][] p = new double[m][m];
        for (int i = 0; i < m; i++) {
            p[i][perm[i]] = 1.0;
        }
        return Matrices.tensor(p, m, m);
    }

    /** The row permutation: row i of P A is row {@code pivots()[i]} of A. */
    public int[] pivots() {
        return perm.clone();
    }

    /** True when some pivot uⱼⱼ (j &lt; min(m, n)) is exactly 0. */
    public boolean isSingular() {
        return firstZeroPivot() >= 0;
    }

    private int firstZeroPivot() {
        for (int j = 0; j < Math.min(m, n); j++) {
            if (lu[j][j] == 0.0) {
                return j;
            }
        }
        return -1;
    }

    private void requireSquare(String op) {
        if (m != n) {
            throw new IllegalArgumentException(op + ": expected a square matrix, got shape [" + m + ", " + n + "]");
        }
    }

    void requireNonsingular(String op) {
        requireSquare(op);
        int j = firstZeroPivot();
        if (j >= 0) {
            throw new IllegalArgumentException(op + ": matrix is singular (pivot " + j + " is " + (lu[j][j] + 0.0)
                    + ")");
        }
    }

    /** det A = (−1)^(swaps) Π uⱼⱼ; 0 for a singular matrix. */
    public double det() {
        requireSquare("det");
        double d = swapSign;
        for (int j = 0; j < n; j++) {
            d *= lu[j][j];
        }
        return d;
    }

    /** The sign of det A: −1, 0 or +1. */
    public double detSign() {
        requireSquare("slogdet");
        double s = swapSign;
        for (int j = 0; j < n; j++) {
            s *= Math.signum(lu[j][j]);
        }
        return s;
    }

    /** log|det A| = Σⱼ log|uⱼⱼ|; −∞ for a singular matrix. */
    public double logAbsDet() {
        requireSquare("slogdet");
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.log(Math.abs(lu[j][j]));
        }
        return s;
    }

    /**
     * Solves A X = B for B given as rows (n×k), overwriting nothing: x = U⁻¹ L⁻¹ P b (forward then
     * back substitution).
     */
    double[][] solveRows(double[][] b, String op) {
        requireNonsingular(op);
        int k = n == 0 ? 0 : b[0].length;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = b[perm[i]].clone();
        }
        for (int i = 0; i < n; i++) {
            double[] xi = x[i];
            double[] li = lu[i];
            for (int j = 0; j < i; j++) {
                double lij = li[j];
                if (lij != 0) {
                    double[] xj = x[j];
                    for (int c = 0; c < k; c++) {
                        xi[c] -= lij * xj[c];
                    }
                }
            }
        }
        Matrices.backSubstitute(lu, x, n);
        return x;
    }

    /**
     * Solves A x = b for a square nonsingular A.
     *
     * @param b a vector (n) or a matrix (n×k) of right-hand sides
     * @return x with the shape of b
     * @throws IllegalArgumentException when A is not square, b's first axis is not n, or A is singular
     */
    public Tensor solve(Tensor b) {
        requireSquare("solve");
        if (b.rank() < 1 || b.rank() > 2 || b.dim(0) != n) {
            throw new IllegalArgumentException("solve: A has shape [" + n + ", " + n + "] but b has shape " + b.shape()
                    + " (expected b of shape [" + n + "] or [" + n + ", k])");
        }
        return Matrices.rhsResult(solveRows(Matrices.rhsRows(b), "solve"), n, b);
    }

    double[][] inverseRows(String op) {
        requireNonsingular(op);
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1.0;
        }
        return solveRows(id, op);
    }

    /**
     * A⁻¹, computed by solving A X = I.
     *
     * @throws IllegalArgumentException {@code inverse: matrix is singular (pivot 2 is 0.0)}
     */
    public Tensor inverse() {
        return Matrices.tensor(inverseRows("inverse"), n, n);
    }
}
