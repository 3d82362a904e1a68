package org.nabla.tensor.linalg;

import org.nabla.tensor.Tensor;

/**
 * Cholesky factorization of a symmetric positive definite matrix: A = L Lᵀ.
 *
 * <p>For A ∈ ℝ^(n×n) symmetric (A = Aᵀ) and positive definite (xᵀAx &gt; 0 for x ≠ 0) there is exactly
 * one lower-triangular L with positive diagonal such that A = L Lᵀ (Golub &amp; Van Loan,
 * <i>Matrix Computations</i>, 4th ed., §4.2). Row by row (the Cholesky–Banachiewicz order;
 * Trefethen &amp; Bau, <i>Numerical Linear Algebra</i>, Lecture 23):
 * <pre>
 *   lᵢⱼ = (aᵢⱼ − Σ_{k&lt;j} lᵢₖ lⱼₖ) / lⱼⱼ           (j &lt; i)
 *   lⱼⱼ = √(aⱼⱼ − Σ_{k&lt;j} lⱼₖ²)
 * </pre>
 * The quantity under the square root is the j-th pivot: it is positive for every j exactly when A is
 * positive definite (it equals det A[0:j+1, 0:j+1] / det A[0:j, 0:j]). When it is not, the matrix is
 * rejected with {@code cholesky: matrix is not positive definite (pivot 2 is -0.5)}, naming the
 * 0-based index j and the value.
 *
 * <p>Symmetry is checked first, with the tolerance |aᵢⱼ − aⱼᵢ| ≤ 1e−10 · max|aₖₗ| (a matrix that is
 * symmetric up to rounding is accepted); then only the lower triangle is read, as LAPACK's
 * {@code dpotrf} and {@code torch.linalg.cholesky} do.
 *
 * <p>Cost: n³/3 flops, half of LU; no pivoting is needed. Stability: backward stable — the computed L
 * satisfies L Lᵀ = A + δA with ‖δA‖ = O(ε‖A‖) (Trefethen &amp; Bau, Lecture 23).
 */
public final class Cholesky {
    private final int n;
    private final double[][] l;

    Cholesky(double[][] a, String op) {
        int n = a.length;
        Matrices.requireSymmetric(a, op);
        this.n = n;
        this.l = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] li = l[i];
            for (int j = 0; j <= i; j++) {
                double[] lj = l[j];
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(s > 0.0)) {
                        throw new IllegalArgumentException(op + ": matrix is not positive definite (pivot " + j + " is "
                                + (s + 0.0) + "): the leading " + (j + 1) + "×" + (j + 1)
                                + " block has a non-positive determinant");
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
    }

    /**
     * Factorizes a symmetric positive definite matrix.
     *
     * @param a an n×n symmetric positive definite matrix
     * @throws IllegalArgumentException when a is not a square matrix, has a non-finite entry, is not
     *     symmetric, or is not positive definite (the message names the pivot index and value)
     */
    public static Cholesky of(Tensor a) {
        Matrices.requireSquare2d(a, "cholesky");
        return new Cholesky(Matrices.rows(a), "cholesky");
    }

    double[][] lRows() {
        return l;
    }

    /** The lower-triangular factor L (positive diagonal). */
    public Tensor l() {
        return Matrices.tensor(l, n, n);
    }

    /** log det A = 2 Σⱼ log lⱼⱼ (det A &gt; 0 for a positive definite matrix). */
    public double logDet() {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.log(l[j][j]);
        }
        return 2 * s;
    }

    /**
     * Solves A x = b by L y = b (forward substitution) and Lᵀ x = y (back substitution): 2n²k flops
     * for k right-hand sides.
     *
     * @param b a vector (n) or a matrix (n×k)
     */
    public Tensor solve(Tensor b) {
        if (b.rank() < 1 || b.rank() > 2 || b.dim(0) != n) {
            throw new IllegalArgumentException("Cholesky.solve: A has shape [" + n + ", " + n + "] but b has shape "
                    + b.shape() + " (expected b of shape [" + n + "] or [" + n + ", k])");
        }
        double[][] x = Matrices.rhsRows(b);
        int k = n == 0 ? 0 : x[0].length;
        for (int i = 0; i < n; i++) {
            double[] xi = x[i];
            for (int j = 0; j < i; j++) {
                double lij = l[i][j];
                for (int c = 0; c < k; c++) {
                    xi[c] -= lij * x[j][c];
                }
            }
            for (int c = 0; c < k; c++) {
                xi[c] /= l[i][i];
            }
        }
        Matrices.backSubstitute(Matrices.transpose(l, n, n), x, n);
        return Matrices.rhsResult(x, n, b);
    }
}
