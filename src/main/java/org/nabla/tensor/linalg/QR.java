package org.nabla.tensor.linalg;

import org.nabla.tensor.Tensor;

/**
 * QR factorization by Householder reflections: A = Q R.
 *
 * <p>For A ∈ ℝ^(m×n) and k = min(m, n): the <b>full</b> factorization has Q ∈ ℝ^(m×m) orthogonal
 * (QᵀQ = I) and R ∈ ℝ^(m×n) upper triangular; the <b>thin</b> (reduced) one keeps the first k
 * columns of Q (m×k, orthonormal columns) and the first k rows of R (k×n).
 *
 * <p>Algorithm (Trefethen &amp; Bau, <i>Numerical Linear Algebra</i>, Lecture 10, Algorithm 10.1;
 * Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §5.2): for j = 0, …, k−1 let
 * x = A[j:m, j] and
 * <pre>
 *   v = x + sign(x₁) ‖x‖₂ e₁,   v ← v / ‖v‖₂,   Hⱼ = I − 2 v vᵀ,   A[j:m, j:n] ← Hⱼ A[j:m, j:n],
 * </pre>
 * so that Hⱼ x = −sign(x₁) ‖x‖₂ e₁ (sign(0) = +1; adding, not subtracting, avoids cancellation).
 * Then R is what is left of A and Q = H₀ H₁ ⋯ H_{k−1}, formed only on request by applying the
 * reflections to the columns of I in reverse order ("backward accumulation", G&amp;VL §5.1).
 * As LAPACK's {@code dgeqrf} does, a column that is already of the form (α, 0, …, 0)ᵀ is left
 * alone (Hⱼ = I), so the diagonal of R has the same signs as that of {@code torch.linalg.qr}.
 *
 * <p>Cost: 2mn² − 2n³/3 flops for R; forming the thin Q costs about as much again.
 * Stability: backward stable — the computed Q R equals A + δA with ‖δA‖ = O(ε‖A‖), and the
 * computed Q is orthogonal to working precision whatever the conditioning of A
 * (Trefethen &amp; Bau, Lecture 16). Least squares by QR (Lecture 11, Algorithm 11.2) solves
 * R x = Qᵀ b and is backward stable as well.
 *
 * <p><b>Column pivoting</b> ({@link #withColumnPivoting}): A Π = Q R, where before step j the
 * remaining column of largest norm ‖A[j:m, c]‖₂ is swapped into position j (G&amp;VL §5.4;
 * Businger &amp; Golub, Numer. Math. 7, 1965). Then |r₀₀| ≥ |r₁₁| ≥ … and the diagonal of R reveals the
 * numerical rank in practice. The column norms are recomputed at every step (2(m−j)(n−j) flops) rather
 * than downdated, which costs about half as much again as the factorization but can never lose
 * accuracy to cancellation. {@link SVD} uses it as a preconditioner.
 */
public final class QR {
    private final int m;
    private final int n;
    private final int k;
    /** After construction: R on and above the diagonal, zeros below. */
    private final double[][] r;
    /** v[j]: unit Householder vector of length m − j, or null when Hⱼ = I. */
    private final double[][] v;
    /** Column j of A Π is column perm[j] of A (the identity without pivoting). */
    private final int[] perm;

    /** Factorizes a (owned: it is overwritten) without pivoting. */
    QR(double[][] a, int m, int n) {
        this(a, m, n, false);
    }

    /** Factorizes a (owned: it is overwritten), with column pivoting when {@code pivoting}. */
    QR(double[][] a, int m, int n, boolean pivoting) {
        this.m = m;
        this.n = n;
        this.k = Math.min(m, n);
        this.r = a;
        this.v = new double[k][];
        this.perm = new int[n];
        for (int j = 0; j < n; j++) {
            perm[j] = j;
        }
        double[] w = new double[n];
        for (int j = 0; j < k; j++) {
            if (pivoting) {
                pivot(a, j, w);
            }
            int len = m - j;
            double[] x = new double[len];
            for (int i = 0; i < len; i++) {
                x[i] = a[j + i][j];
            }
            double tail = Matrices.norm2(x, 1, len);
            if (tail == 0.0) {
                continue; // already (α, 0, …, 0)ᵀ: Hⱼ = I, as LAPACK
            }
            double alpha = Matrices.norm2(x, 0, len);
            double s = x[0] >= 0 ? 1.0 : -1.0;
            x[0] += s * alpha;
            double vnorm = Matrices.norm2(x, 0, len);
            for (int i = 0; i < len; i++) {
                x[i] /= vnorm;
            }
            v[j] = x;
            // A[j:m, j+1:n] ← A − 2 v (vᵀ A), row by row for locality
            java.util.Arrays.fill(w, j + 1, n, 0.0);
            for (int i = 0; i < len; i++) {
                double vi = x[i];
                double[] row = a[j + i];
                for (int c = j + 1; c < n; c++) {
                    w[c] += vi * row[c];
                }
            }
            for (int i = 0; i < len; i++) {
                double vi2 = 2 * x[i];
                double[] row = a[j + i];
                for (int c = j + 1; c < n; c++) {
                    row[c] -= vi2 * w[c];
                }
            }
            a[j][j] = -s * alpha;
            for (int i = j + 1; i < m; i++) {
                a[i][j] = 0.0;
            }
        }
        for (int i = 1; i < m; i++) {
            for (int j = 0; j < Math.min(i, n); j++) {
                r[i][j] = 0.0;
            }
        }
    }

    /** Swaps the remaining column of largest norm into position j (w is scratch of length n). */
    private void pivot(double[][] a, int j, double[] w) {
        java.util.Arrays.fill(w, j, n, 0.0);
        for (int i = j; i < m; i++) {
            double[] row = a[i];
            for (int c = j; c < n; c++) {
                w[c] += row[c] * row[c];
            }
        }
        int p = j;
        for (int c = j + 1; c < n; c++) {
            if (w[c] > w[p]) {
                p = c;
            }
        }
        if (p != j) {
            for (int i = 0; i < m; i++) {
                double t = a[i][p];
                a[i][p] = a[i][j];
                a[i][j] = t;
            }
            int t = perm[p];
            perm[p] = perm[j];
            perm[j] = t;
        }
    }

    /**
     * QR with column pivoting: A Π = Q R with |r₀₀| ≥ |r₁₁| ≥ … (see the class documentation).
     *
     * @param a an m×n matrix (2 axes)
     */
    public static QR withColumnPivoting(Tensor a) {
        Matrices.require2d(a, "QR");
        return new QR(Matrices.rows(a), a.dim(0), a.dim(1), true);
    }

    /**
     * The column permutation: column j of A Π is column {@code columnPermutation()[j]} of A (the identity
     * without pivoting).
     */
    public int[] columnPermutation() {
        return perm.clone();
    }

    int[] permRaw() {
        return perm;
    }

    /** The n×n permutation matrix Π of A Π = Q R (π_perm[j], j = 1; the identity without pivoting). */
    public Tensor permutationMatrix() {
        double[][] p = new double[n][n];
        for (int j = 0; j < n; j++) {
            p[perm[j]][j] = 1.0;
        }
        return Matrices.tensor(p, n, n);
    }

    /**
     * Factorizes a matrix.
     *
     * @param a an m×n matrix (2 axes)
     * @throws IllegalArgumentException when a does not have 2 axes
     */
    public static QR of(Tensor a) {
        Matrices.require2d(a, "QR");
        return new QR(Matrices.rows(a), a.dim(0), a.dim(1));
    }

    /** Applies Hⱼ = I − 2vvᵀ to rows j.. of the given rows (all their columns from {@code fromCol}). */
    private void reflect(int j, double[][] b, int fromCol) {
        double[] x = v[j];
        if (x == null) {
            return;
        }
        int cols = b.length == 0 ? 0 : b[0].length;
        double[] w = new double[cols];
        for (int i = 0; i < x.length; i++) {
            double vi = x[i];
            double[] row = b[j + i];
            for (int c = fromCol; c < cols; c++) {
                w[c] += vi * row[c];
            }
        }
        for (int i = 0; i < x.length; i++) {
            double vi2 = 2 * x[i];
            double[] row = b[j + i];
            for (int c = fromCol; c < cols; c++) {
                row[c] -= vi2 * w[c];
            }
        }
    }

    /** The first {@code cols} columns of Q = H₀ ⋯ H_{k−1} (backward accumulation), as m×cols rows. */
    double[][] qRows(int cols) {
        double[][] q = new double[m][cols];
        for (int i = 0; i < Math.min(m, cols); i++) {
            q[i][i] = 1.0;
        }
        for (int j = k - 1; j >= 0; j--) {
            reflect(j, q, Math.min(j, cols));
        }
        return q;
    }

    /** Q X = H₀ ⋯ H_{k−1} X for X given as m rows (overwritten and returned). */
    double[][] applyQ(double[][] x) {
        for (int j = k - 1; j >= 0; j--) {
            reflect(j, x, 0);
        }
        return x;
    }

    /** Qᵀ B = H_{k−1} ⋯ H₀ B for B given as m rows (overwritten and returned). */
    double[][] applyQTranspose(double[][] b) {
        for (int j = 0; j < k; j++) {
            reflect(j, b, 0);
        }
        return b;
    }

    /** R as rows (the upper-trapezoidal m×n array; shared, do not modify). */
    double[][] rRows() {
        return r;
    }

    /** The thin Q: m×min(m, n) with orthonormal columns. */
    public Tensor q() {
        return Matrices.tensor(qRows(k), m, k);
    }

    /** The full Q: m×m orthogonal. */
    public Tensor qFull() {
        return Matrices.tensor(qRows(m), m, m);
    }

    /** The thin R: min(m, n)×n upper triangular (trapezoidal when m &lt; n). */
    public Tensor r() {
        return rOf(k);
    }

    /** The full R: m×n upper triangular (rows k.. are zero). */
    public Tensor rFull() {
        return rOf(m);
    }

    private Tensor rOf(int rowsWanted) {
        double[][] out = new double[rowsWanted][n];
        for (int i = 0; i < Math.min(rowsWanted, m); i++) {
            System.arraycopy(r[i], 0, out[i], 0, n);
        }
        return Matrices.tensor(out, rowsWanted, n);
    }

    /**
     * The least-squares solution x = argmin ‖A x − b‖₂ of a full-column-rank A (m ≥ n): x = R⁻¹ (Qᵀ b)[0:n]
     * (Trefethen &amp; Bau, Algorithm 11.2), or x = Π R⁻¹ (Qᵀ b)[0:n] with column pivoting. For a
     * rank-deficient A use {@code Linalg.lstsq}, which returns the minimum-norm solution.
     *
     * @param b a vector (m) or a matrix (m×k)
     * @throws IllegalArgumentException when m &lt; n, b does not have m rows, or some rⱼⱼ is exactly 0
     */
    public Tensor solve(Tensor b) {
        if (m < n) {
            throw new IllegalArgumentException("QR.solve: least squares by QR needs at least as many rows as columns,"
                    + " got shape [" + m + ", " + n + "] (use Linalg.lstsq for the minimum-norm solution)");
        }
        if (b.rank() < 1 || b.rank() > 2 || b.dim(0) != m) {
            throw new IllegalArgumentException("QR.solve: A has shape [" + m + ", " + n + "] but b has shape "
                    + b.shape() + " (expected b of shape [" + m + "] or [" + m + ", k])");
        }
        return Matrices.rhsResult(solveRows(Matrices.rhsRows(b), "QR.solve"), n, b);
    }

    /** Least squares for m ≥ n and B as m rows (overwritten): returns x as n rows. */
    double[][] solveRows(double[][] b, String op) {
        for (int j = 0; j < n; j++) {
            if (r[j][j] == 0.0) {
                throw new IllegalArgumentException(op + ": R is singular (r[" + j + ", " + j + "] = 0.0), so A does"
                        + " not have full column rank (use Linalg.lstsq for the minimum-norm solution)");
            }
        }
        applyQTranspose(b);
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            y[i] = b[i];
        }
        Matrices.backSubstitute(r, y, n);
        double[][] x = new double[n][]; // x = Π y
        for (int i = 0; i < n; i++) {
            x[perm[i]] = y[i];
        }
        return x;
    }

    /**
     * Extends orthonormal columns to more orthonormal columns: given an m×r array whose columns are
     * orthonormal, returns the m×(r + count) array whose first r columns are those and whose other
     * columns are orthonormal and orthogonal to them — columns r, …, r+count−1 of the full Q of the
     * Householder QR of the given columns.
     */
    static double[][] completeBasis(double[][] cols, int m, int r, int count) {
        double[][] copy = new double[m][];
        for (int i = 0; i < m; i++) {
            copy[i] = cols[i].clone();
        }
        QR qr = new QR(copy, m, r);
        double[][] q = qr.qRows(r + count);
        double[][] out = new double[m][r + count];
        for (int i = 0; i < m; i++) {
            System.arraycopy(cols[i], 0, out[i], 0, r);
            System.arraycopy(q[i], r, out[i], r, count);
        }
        return out;
    }
}
