package org.nabla.tensor.linalg;

import java.util.Arrays;
import java.util.function.Function;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Shared plumbing of the linear-algebra package (not public): shape checks with the error messages
 * of docs/design.md, decision 7, conversions between tensors and {@code double[][]} row arrays, small
 * dense kernels (triangular solves, norms), and the loop over the leading (batch) axes of a
 * (…, m, n) tensor.
 */
final class Matrices {
    /** Machine epsilon of IEEE double: ε = 2⁻⁵² ≈ 2.22e−16 (the spacing of doubles just above 1). */
    static final double EPS = Math.ulp(1.0);

    /**
     * Relative tolerance of the symmetry check of {@link Cholesky} and {@link SymmetricEigen}:
     * A is accepted as symmetric when |aᵢⱼ − aⱼᵢ| ≤ 1e−10 · maxₖₗ |aₖₗ| for all i, j.
     */
    static final double SYMMETRY_TOLERANCE = 1e-10;

    private Matrices() {
    }

    // ------------------------------------------------------------------ shape checks

    /** Requires rank ≥ 2: a matrix or a batch of matrices. */
    static void requireMatrix(Tensor a, String op) {
        if (a.rank() < 2) {
            throw new IllegalArgumentException(op + ": expected a matrix (at least 2 axes), got shape " + a.shape());
        }
    }

    /** Requires rank exactly 2. */
    static void require2d(Tensor a, String op) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(op + ": expected a matrix (2 axes), got shape " + a.shape());
        }
    }

    /** Requires rank ≥ 2 and the last two axes of equal size. */
    static void requireSquare(Tensor a, String op) {
        requireMatrix(a, op);
        if (a.dim(-1) != a.dim(-2)) {
            throw new IllegalArgumentException(op + ": expected a square matrix, got shape " + a.shape());
        }
    }

    /** Requires a square 2-d tensor. */
    static void requireSquare2d(Tensor a, String op) {
        require2d(a, op);
        requireSquare(a, op);
    }

    // ------------------------------------------------------------------ conversions

    /** The rows of a 2-d tensor (a fresh copy). */
    static double[][] rows(Tensor a) {
        return rows(a.dataView(), 0, a.dim(0), a.dim(1));
    }

    /** Rows of the m×n matrix stored row-major in {@code flat} from {@code offset}. */
    static double[][] rows(double[] flat, int offset, int m, int n) {
        double[][] r = new double[m][n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(flat, offset + i * n, r[i], 0, n);
        }
        return r;
    }

    /** An m×n tensor from rows (correct also when m = 0). */
    static Tensor tensor(double[][] rows, int m, int n) {
        return Tensor.of(Shape.of(m, n), flatten(rows, m, n));
    }

    static double[] flatten(double[][] rows, int m, int n) {
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(rows[i], 0, d, i * n, n);
        }
        return d;
    }

    /** The transpose of an m×n row array. */
    static double[][] transpose(double[][] a, int m, int n) {
        double[][] t = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** Rows of a vector (n) as an n×1 matrix, or of a matrix (n×k); callers have checked the rank. */
    static double[][] rhsRows(Tensor b) {
        return b.rank() == 1 ? rows(b.dataView(), 0, b.dim(0), 1) : rows(b);
    }

    /** The result of a solve for right-hand side {@code b}: a vector when b was a vector. */
    static Tensor rhsResult(double[][] x, int n, Tensor b) {
        if (b.rank() == 1) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = x[i][0];
            }
            return Tensor.of(v);
        }
        return tensor(x, n, b.dim(1));
    }

    /** Checks every entry is finite, naming the first that is not. */
    static void requireFinite(double[][] a, String op) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException(op + ": matrix has a non-finite entry A[" + i + ", " + j + "] = "
                            + a[i][j]);
                }
            }
        }
    }

    /** The largest |aᵢⱼ|. */
    static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double x : row) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    /**
     * Checks |aᵢⱼ − aⱼᵢ| ≤ {@link #SYMMETRY_TOLERANCE} · maxₖₗ |aₖₗ| (after checking that the entries
     * are finite); the message names the worst pair.
     */
    static void requireSymmetric(double[][] a, String op) {
        requireFinite(a, op);
        int n = a.length;
        double tol = SYMMETRY_TOLERANCE * maxAbs(a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > tol) {
                    throw new IllegalArgumentException(op + ": matrix is not symmetric (A[" + j + ", " + i + "] = "
                            + a[j][i] + " but A[" + i + ", " + j + "] = " + a[i][j] + ")");
                }
            }
        }
    }

    /**
     * A power of two 2ᵉ close to max|aᵢⱼ| (1 when the matrix is zero or empty). Dividing by it is
     * exact and brings the entries into [½, 2) · 2⁰ range, away from overflow and underflow.
     */
    static double powerOfTwoScale(double[][] a) {
        double m = maxAbs(a);
        if (m == 0 || !Double.isFinite(m)) {
            return 1.0;
        }
        return Math.scalb(1.0, Math.getExponent(m));
    }

    static void scale(double[][] a, double factor) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    // ------------------------------------------------------------------ small kernels

    /** ‖x‖₂ of x[from, to) without overflow or harmful underflow (scaled sum of squares). */
    static double norm2(double[] x, int from, int to) {
        double scale = 0;
        for (int i = from; i < to; i++) {
            scale = Math.max(scale, Math.abs(x[i]));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            double t = x[i] / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }

    /** Σ x[i] y[i] over [from, to). */
    static double dot(double[] x, double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /**
     * Solves R X = B in place for B (n×k rows), R upper triangular n×n with nonzero diagonal
     * (back substitution; Golub &amp; Van Loan §3.1.2).
     */
    static void backSubstitute(double[][] r, double[][] b, int n) {
        int k = n == 0 ? 0 : b[0].length;
        for (int i = n - 1; i >= 0; i--) {
            double[] bi = b[i];
            double[] ri = r[i];
            for (int j = i + 1; j < n; j++) {
                double rij = ri[j];
                if (rij != 0) {
                    double[] bj = b[j];
                    for (int c = 0; c < k; c++) {
                        bi[c] -= rij * bj[c];
                    }
                }
            }
            double d = ri[i];
            for (int c = 0; c < k; c++) {
                bi[c] /= d;
            }
        }
    }

    // ------------------------------------------------------------------ batches

    /**
     * Applies {@code f} to every matrix of a (…, m, n) tensor. {@code f} returns its results as
     * row-major arrays; result r of every matrix has the shape {@code outDims[r]}, and the tensor
     * returned for it has shape (…) + outDims[r]. An {@link IllegalArgumentException} thrown for one
     * matrix of a batch is rethrown with the matrix's batch index added to its message.
     */
    static Tensor[] mapBatch(Tensor a, int[][] outDims, Function<double[][], double[][]> f) {
        int r = a.rank();
        int m = a.dim(-2);
        int n = a.dim(-1);
        int[] batch = Arrays.copyOf(a.dims(), r - 2);
        int nb = Shape.of(batch).size();
        double[] flat = a.dataView();
        double[][] out = new double[outDims.length][];
        int[] outSizes = new int[outDims.length];
        for (int k = 0; k < outDims.length; k++) {
            outSizes[k] = Shape.of(outDims[k]).size();
            out[k] = new double[nb * outSizes[k]];
        }
        for (int t = 0; t < nb; t++) {
            double[][] res;
            try {
                res = f.apply(rows(flat, t * m * n, m, n));
            } catch (IllegalArgumentException e) {
                if (batch.length == 0) {
                    throw e;
                }
                throw new IllegalArgumentException(e.getMessage() + " (in matrix " + Arrays.toString(unravel(t, batch))
                        + " of the batch of shape " + a.shape() + ")", e);
            }
            for (int k = 0; k < outDims.length; k++) {
                System.arraycopy(res[k], 0, out[k], t * outSizes[k], outSizes[k]);
            }
        }
        Tensor[] result = new Tensor[outDims.length];
        for (int k = 0; k < outDims.length; k++) {
            int[] dims = Arrays.copyOf(batch, batch.length + outDims[k].length);
            System.arraycopy(outDims[k], 0, dims, batch.length, outDims[k].length);
            result[k] = Tensor.of(Shape.of(dims), out[k]);
        }
        return result;
    }

    /** {@link #mapBatch} for a function with one result. */
    static Tensor mapBatch1(Tensor a, int[] outDims, Function<double[][], double[]> f) {
        return mapBatch(a, new int[][] {outDims}, x -> new double[][] {f.apply(x)})[0];
    }

    /** The multi-index of linear index t in a row-major array of the given shape. */
    static int[] unravel(int t, int[] dims) {
        int[] idx = new int[dims.length];
        for (int k = dims.length - 1; k >= 0; k--) {
            idx[k] = t % dims[k];
            t /= dims[k];
        }
        return idx;
    }
}
