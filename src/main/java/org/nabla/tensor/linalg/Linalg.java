package org.nabla.tensor.linalg;

import java.util.Arrays;
import java.util.Locale;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The linear-algebra operations of {@code torch.linalg} / {@code numpy.linalg}, as static methods on
 * tensors. Each is computed by one of the decomposition classes of this package — {@link LU},
 * {@link QR}, {@link Cholesky}, {@link SVD}, {@link SymmetricEigen} — whose Javadoc gives the
 * definition, algorithm, cost and source.
 *
 * <p><b>Batches.</b> Methods that take "(…, m, n)" accept a matrix or any stack of matrices (leading
 * axes) and loop over the stack, as {@code torch.linalg} does; the results have the same leading axes.
 * Methods returning a Java number ({@link #matrixRank}, {@link #cond}) take a single matrix.
 *
 * <p><b>Errors</b> ({@link IllegalArgumentException}) name the operation and the shapes:
 * {@code det: expected a square matrix, got shape [3, 4]};
 * {@code det: expected a matrix (at least 2 axes), got shape [3]};
 * {@code inverse: matrix is singular (pivot 2 is 0.0)}; for a matrix of a batch the message ends with
 * its batch index, e.g. {@code (in matrix [1] of the batch of shape [2, 3, 3])}.
 */
public final class Linalg {
    private Linalg() {
    }

    /** The sign and the logarithm of the absolute value of det A: det A = sign · exp(logAbsDet). */
    public record SignLogDet(Tensor sign, Tensor logAbsDet) {
    }

    /** Eigenvalues (ascending, shape (…, n)) and eigenvectors (the columns of shape (…, n, n)). */
    public record EighResult(Tensor eigenvalues, Tensor eigenvectors) {
    }

    /** A = U diag(s) Vᵀ: U (…, m, m or k), s (…, k) descending, V (…, n, n or k). */
    public record SvdResult(Tensor u, Tensor s, Tensor v) {
        /** Vᵀ (as {@code torch.linalg.svd} returns it, under the name Vh). */
        public Tensor vt() {
            return v.transpose();
        }
    }

    /** A = Q R. */
    public record QrResult(Tensor q, Tensor r) {
    }

    /** P A = L U (textbook convention; note {@code torch.linalg.lu} returns Pᵀ, with A = Pᵀ L U). */
    public record LuResult(Tensor p, Tensor l, Tensor u) {
    }

    // ------------------------------------------------------------------ solving

    /**
     * Solves A X = B for a square nonsingular A by LU with partial pivoting ({@link LU}).
     *
     * <p>Shapes (as {@code torch.linalg.solve}): A is (…, n, n); B is a vector (n), a batch of vectors
     * (…, n) with exactly A's leading axes, or a matrix (…, n, k) whose leading axes broadcast with A's.
     * The result has the shape of B, with broadcast leading axes.
     *
     * @throws IllegalArgumentException when A is not square, the shapes do not match (both are named),
     *     or A is singular: {@code solve: matrix is singular (pivot 2 is 0.0)}
     */
    public static Tensor solve(Tensor a, Tensor b) {
        Matrices.requireSquare(a, "solve");
        return solveLike(a, b, "solve", (am, bm, m, n) -> new LU(am, m, n).solveRows(bm, "solve"));
    }

    /**
     * The least-squares solution of A X ≈ B: x minimizes ‖A x − b‖₂, and among the minimizers has the
     * least ‖x‖₂ (the minimum-norm solution x = A⁺ b). The cutoff rcond = max(m, n) · ε is used
     * (see {@link #lstsq(Tensor, Tensor, double)}, which documents the method).
     */
    public static Tensor lstsq(Tensor a, Tensor b) {
        Matrices.requireMatrix(a, "lstsq");
        return lstsq(a, b, Math.max(a.dim(-1), a.dim(-2)) * Matrices.EPS);
    }

    /**
     * The minimum-norm least-squares solution x = A⁺ b of A x ≈ b, treating singular values
     * σᵢ ≤ rcond · σ₁ as zero (NumPy's {@code lstsq(a, b, rcond)}).
     *
     * <p>Method (G&amp;VL §5.3 and §5.5; Trefethen &amp; Bau, Lecture 11):
     * <ul>
     *   <li>m ≥ n: Householder QR, A = Q R, then the singular values of the n×n R (those of A).
     *       If A has full column rank (σ_n &gt; rcond · σ₁): x = R⁻¹ (Qᵀb)[0:n] by back substitution —
     *       the unique least-squares solution, computed backward-stably.
     *       Otherwise (rank-deficient): x = R⁺ (Qᵀb)[0:n] by the SVD of R, the minimum-norm solution.</li>
     *   <li>m &lt; n (underdetermined; rank ≤ m &lt; n): x = A⁺ b by the SVD of A, the minimum-norm
     *       solution.</li>
     * </ul>
     * Shapes as {@link #solve}, with A of shape (…, m, n) and B with m rows; X has n rows.
     */
    public static Tensor lstsq(Tensor a, Tensor b, double rcond) {
        Matrices.requireMatrix(a, "lstsq");
        return solveLike(a, b, "lstsq", (am, bm, m, n) -> lstsqRows(am, bm, m, n, rcond));
    }

    private static double[][] lstsqRows(double[][] a, double[][] b, int m, int n, double rcond) {
        int k = b.length == 0 ? 0 : b[0].length;
        if (m >= n) {
            QR qr = new QR(a, m, n);
            double[][] r = qr.rRows();
            double[][] rSquare = new double[n][];
            for (int i = 0; i < n; i++) {
                rSquare[i] = r[i].clone();
            }
            double[] sigma = SVD.values(rSquare, n, n, "lstsq");
            boolean fullRank = n == 0 || sigma[n - 1] > rcond * sigma[0];
            if (fullRank) {
                return qr.solveRows(b, "lstsq");
            }
            double[][] c = qr.applyQTranspose(b);
            double[][] top = Arrays.copyOf(c, n);
            return multiply(SVD.compute(rSquare, n, n, "lstsq").pinvRows(rcond), top, n, n, k);
        }
        return multiply(SVD.compute(a, m, n, "lstsq").pinvRows(rcond), b, n, m, k);
    }

    private static double[][] multiply(double[][] x, double[][] y, int rows, int inner, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int p = 0; p < inner; p++) {
                double xip = x[i][p];
                if (xip != 0) {
                    double[] yp = y[p];
                    double[] oi = out[i];
                    for (int j = 0; j < cols; j++) {
                        oi[j] += xip * yp[j];
                    }
                }
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface MatrixSolver {
        double[][] solve(double[][] a, double[][] b, int m, int n);
    }

    /** The shape rules of torch.linalg.solve: B a vector, a batch of vectors, or a batch of matrices. */
    private static Tensor solveLike(Tensor a, Tensor b, String op, MatrixSolver solver) {
        int m = a.dim(-2);
        int n = a.dim(-1);
        int[] aBatch = Arrays.copyOf(a.dims(), a.rank() - 2);
        boolean vectorRhs = b.rank() == 1
                || (b.rank() == a.rank() - 1 && Arrays.equals(b.dims(), Arrays.copyOf(a.dims(), a.rank() - 1)));
        if (b.rank() == 0 || (vectorRhs ? b.dim(-1) != m : b.dim(-2) != m)) {
            throw new IllegalArgumentException(op + ": A has shape " + a.shape() + " but B has shape " + b.shape()
                    + " (expected B of shape [" + m + "], [..., " + m + "] or [..., " + m + ", k]: " + m
                    + " rows as A)");
        }
        Tensor b3 = vectorRhs ? b.unsqueeze(-1) : b;
        int k = b3.dim(-1);
        int[] bBatch = Arrays.copyOf(b3.dims(), b3.rank() - 2);
        Shape batch;
        try {
            batch = Shape.broadcast(Shape.of(aBatch), Shape.of(bBatch), op);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": the leading (batch) axes of A " + a.shape() + " and B "
                    + b.shape() + " cannot be broadcast", e);
        }
        int[] bd = batch.dims();
        double[] av = a.broadcastTo(Shape.of(concat(bd, m, n))).toArray();
        double[] bv = b3.broadcastTo(Shape.of(concat(bd, m, k))).toArray();
        int nb = batch.size();
        double[] out = new double[nb * n * k];
        for (int t = 0; t < nb; t++) {
            double[][] x;
            try {
                x = solver.solve(Matrices.rows(av, t * m * n, m, n), Matrices.rows(bv, t * m * k, m, k), m, n);
            } catch (IllegalArgumentException e) {
                if (bd.length == 0) {
                    throw e;
                }
                throw new IllegalArgumentException(e.getMessage() + " (in matrix "
                        + Arrays.toString(Matrices.unravel(t, bd)) + " of the batch of shape " + a.shape() + ")", e);
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(x[i], 0, out, (t * n + i) * k, k);
            }
        }
        Tensor r = Tensor.of(Shape.of(concat(bd, n, k)), out);
        return vectorRhs ? r.squeeze(-1) : r;
    }

    private static int[] concat(int[] head, int... tail) {
        int[] r = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }

    // ------------------------------------------------------------------ inverse and determinants

    /**
     * A⁻¹ of a square nonsingular (…, n, n) A, by LU with partial pivoting (solving A X = I).
     *
     * @throws IllegalArgumentException {@code inverse: matrix is singular (pivot 2 is 0.0)} when a pivot
     *     of the LU factorization is exactly zero
     */
    public static Tensor inverse(Tensor a) {
        Matrices.requireSquare(a, "inverse");
        int n = a.dim(-1);
        return Matrices.mapBatch1(a, new int[] {n, n},
                x -> Matrices.flatten(new LU(x, n, n).inverseRows("inverse"), n, n));
    }

    /** det A of a square (…, n, n) A by LU: (−1)^(row swaps) Π uⱼⱼ; shape (…). 0 for a singular matrix. */
    public static Tensor det(Tensor a) {
        Matrices.requireSquare(a, "det");
        int n = a.dim(-1);
        return Matrices.mapBatch1(a, new int[0], x -> new double[] {new LU(x, n, n).det()});
    }

    /**
     * sign(det A) and log|det A| of a square (…, n, n) A by LU; for a singular matrix the sign is 0 and
     * the logarithm −∞ (as NumPy and PyTorch). Use it where det A would overflow or underflow.
     */
    public static SignLogDet slogdet(Tensor a) {
        Matrices.requireSquare(a, "slogdet");
        int n = a.dim(-1);
        Tensor[] r = Matrices.mapBatch(a, new int[][] {{}, {}}, x -> {
            LU lu = new LU(x, n, n);
            return new double[][] {{lu.detSign()}, {lu.logAbsDet()}};
        });
        return new SignLogDet(r[0], r[1]);
    }

    // ------------------------------------------------------------------ decompositions

    /** P A = L U of (…, m, n) A with partial pivoting ({@link LU}). */
    public static LuResult lu(Tensor a) {
        Matrices.requireMatrix(a, "lu");
        int m = a.dim(-2);
        int n = a.dim(-1);
        int k = Math.min(m, n);
        Tensor[] r = Matrices.mapBatch(a, new int[][] {{m, m}, {m, k}, {k, n}}, x -> {
            LU lu = new LU(x, m, n);
            return new double[][] {lu.p().dataView(), lu.l().dataView(), lu.u().dataView()};
        });
        return new LuResult(r[0], r[1], r[2]);
    }

    /** The thin (reduced) QR of (…, m, n) A: Q (…, m, k), R (…, k, n), k = min(m, n) ({@link QR}). */
    public static QrResult qr(Tensor a) {
        return qr(a, false);
    }

    /**
     * QR of (…, m, n) A by Householder reflections ({@link QR}); {@code complete} gives Q (…, m, m) and
     * R (…, m, n), otherwise the thin factors. R's diagonal has LAPACK's (and PyTorch's) signs.
     */
    public static QrResult qr(Tensor a, boolean complete) {
        Matrices.requireMatrix(a, "qr");
        int m = a.dim(-2);
        int n = a.dim(-1);
        int k = complete ? m : Math.min(m, n);
        Tensor[] r = Matrices.mapBatch(a, new int[][] {{m, k}, {k, n}}, x -> {
            QR qr = new QR(x, m, n);
            Tensor q = complete ? qr.qFull() : qr.q();
            Tensor rr = complete ? qr.rFull() : qr.r();
            return new double[][] {q.dataView(), rr.dataView()};
        });
        return new QrResult(r[0], r[1]);
    }

    /**
     * The lower-triangular Cholesky factor L of a symmetric positive definite (…, n, n) A = L Lᵀ
     * ({@link Cholesky}).
     *
     * @throws IllegalArgumentException naming the pivot index and value when A is not positive definite,
     *     or the offending pair when it is not symmetric
     */
    public static Tensor cholesky(Tensor a) {
        Matrices.requireSquare(a, "cholesky");
        int n = a.dim(-1);
        return Matrices.mapBatch1(a, new int[] {n, n},
                x -> Matrices.flatten(new Cholesky(x, "cholesky").lRows(), n, n));
    }

    /**
     * Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric (…, n, n) A
     * ({@link SymmetricEigen}): A V = V diag(λ).
     */
    public static EighResult eigh(Tensor a) {
        Matrices.requireSquare(a, "eigh");
        int n = a.dim(-1);
        Tensor[] r = Matrices.mapBatch(a, new int[][] {{n}, {n, n}}, x -> {
            SymmetricEigen e = SymmetricEigen.compute(x, true, "eigh");
            return new double[][] {e.valuesRaw(), Matrices.flatten(Matrices.transpose(e.vectorRowsRaw(), n, n), n, n)};
        });
        return new EighResult(r[0], r[1]);
    }

    /** The eigenvalues (ascending) of a symmetric (…, n, n) A, without eigenvectors. */
    public static Tensor eigvalsh(Tensor a) {
        Matrices.requireSquare(a, "eigvalsh");
        int n = a.dim(-1);
        return Matrices.mapBatch1(a, new int[] {n}, x -> SymmetricEigen.compute(x, false, "eigvalsh").valuesRaw());
    }

    /**
     * The thin SVD of (…, m, n) A (as {@code torch.linalg.svd(A, full_matrices=False)}): U (…, m, k),
     * s (…, k) descending, V (…, n, k), k = min(m, n) ({@link SVD}).
     */
    public static SvdResult svd(Tensor a) {
        return svd(a, false);
    }

    /** The SVD of (…, m, n) A; {@code fullMatrices} gives U (…, m, m) and V (…, n, n). */
    public static SvdResult svd(Tensor a, boolean fullMatrices) {
        Matrices.requireMatrix(a, "svd");
        int m = a.dim(-2);
        int n = a.dim(-1);
        int k = Math.min(m, n);
        int uc = fullMatrices ? m : k;
        int vc = fullMatrices ? n : k;
        Tensor[] r = Matrices.mapBatch(a, new int[][] {{m, uc}, {k}, {n, vc}}, x -> {
            SVD svd = SVD.compute(x, m, n, "svd");
            Tensor u = fullMatrices ? svd.uFull() : svd.u();
            Tensor v = fullMatrices ? svd.vFull() : svd.v();
            return new double[][] {u.dataView(), svd.sRaw(), v.dataView()};
        });
        return new SvdResult(r[0], r[1], r[2]);
    }

    /** The singular values (descending) of (…, m, n) A, shape (…, min(m, n)). */
    public static Tensor svdvals(Tensor a) {
        Matrices.requireMatrix(a, "svdvals");
        int m = a.dim(-2);
        int n = a.dim(-1);
        return Matrices.mapBatch1(a, new int[] {Math.min(m, n)}, x -> SVD.values(x, m, n, "svdvals"));
    }

    // ------------------------------------------------------------------ rank, condition, pseudo-inverse

    /**
     * The numerical rank of a matrix: the number of singular values σᵢ &gt; σ₁ · max(m, n) · ε
     * (NumPy's default tolerance).
     *
     * @param a an m×n matrix (2 axes)
     */
    public static int matrixRank(Tensor a) {
        Matrices.require2d(a, "matrixRank");
        double[] s = SVD.values(Matrices.rows(a), a.dim(0), a.dim(1), "matrixRank");
        double tol = s.length == 0 ? 0 : s[0] * Math.max(a.dim(0), a.dim(1)) * Matrices.EPS;
        return countAbove(s, tol);
    }

    /** The number of singular values of the m×n matrix a greater than the absolute tolerance {@code tol}. */
    public static int matrixRank(Tensor a, double tol) {
        Matrices.require2d(a, "matrixRank");
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("matrixRank: tolerance must be ≥ 0, got " + tol);
        }
        return countAbove(SVD.values(Matrices.rows(a), a.dim(0), a.dim(1), "matrixRank"), tol);
    }

    private static int countAbove(double[] s, double tol) {
        int r = 0;
        for (double x : s) {
            if (x > tol) {
                r++;
            }
        }
        return r;
    }

    /**
     * The 2-norm condition number κ₂(A) = ‖A‖₂ ‖A⁺‖₂ = σ₁ / σ_min(m,n) of an m×n matrix; +∞ when A is
     * rank-deficient (σ_min = 0). It bounds the relative sensitivity of A x = b: ‖δx‖/‖x‖ ≲ κ₂ ‖δb‖/‖b‖
     * (Trefethen &amp; Bau, Lecture 12).
     */
    public static double cond(Tensor a) {
        Matrices.require2d(a, "cond");
        if (a.size() == 0) {
            throw new IllegalArgumentException("cond: expected a non-empty matrix, got shape " + a.shape());
        }
        double[] s = SVD.values(Matrices.rows(a), a.dim(0), a.dim(1), "cond");
        double min = s[s.length - 1];
        return min == 0 ? Double.POSITIVE_INFINITY : s[0] / min;
    }

    /** The Moore–Penrose pseudo-inverse of (…, m, n) A with rcond = max(m, n) · ε (see {@link SVD#pinv(double)}). */
    public static Tensor pinv(Tensor a) {
        Matrices.requireMatrix(a, "pinv");
        return pinv(a, Math.max(a.dim(-1), a.dim(-2)) * Matrices.EPS);
    }

    /**
     * The Moore–Penrose pseudo-inverse A⁺ = V Σ⁺ Uᵀ of (…, m, n) A, shape (…, n, m): singular values
     * σᵢ ≤ rcond · σ₁ are treated as zero. A⁺ is the unique X with A X A = A, X A X = X, (A X)ᵀ = A X,
     * (X A)ᵀ = X A (Penrose, Proc. Cambridge Philos. Soc. 51, 1955; G&amp;VL §5.5).
     */
    public static Tensor pinv(Tensor a, double rcond) {
        Matrices.requireMatrix(a, "pinv");
        int m = a.dim(-2);
        int n = a.dim(-1);
        return Matrices.mapBatch1(a, new int[] {n, m},
                x -> Matrices.flatten(SVD.compute(x, m, n, "pinv").pinvRows(rcond), n, m));
    }

    // ------------------------------------------------------------------ norms

    /** The Frobenius norm of each matrix of (…, m, n) A, or the 2-norm of a vector. */
    public static Tensor norm(Tensor a) {
        requireVectorOrMatrix(a);
        if (a.rank() == 1) {
            return norm(a, 2.0);
        }
        return norm(a, "fro");
    }

    /**
     * A matrix norm of each matrix of (…, m, n) A (shape (…)), or a vector norm of a 1-d A (a scalar).
     * {@code ord} is one of:
     * <ul>
     *   <li>"fro": ‖A‖_F = √(Σᵢⱼ aᵢⱼ²) (computed with scaling, so it neither overflows nor underflows);</li>
     *   <li>"nuc": the nuclear norm ‖A‖_* = Σᵢ σᵢ;</li>
     *   <li>"1" / "-1": the largest / smallest column sum Σᵢ |aᵢⱼ| (‖A‖₁ is induced by the vector 1-norm);</li>
     *   <li>"inf" / "-inf": the largest / smallest row sum Σⱼ |aᵢⱼ| (‖A‖_∞);</li>
     *   <li>"2" / "-2": the largest / smallest singular value (‖A‖₂ = σ₁).</li>
     * </ul>
     * For a vector, "1", "2", "inf", "-inf" (and any number, see {@link #norm(Tensor, double)}) are the
     * vector norms. (G&amp;VL §2.3; Trefethen &amp; Bau, Lecture 3.) The norm of an empty matrix is 0.
     *
     * @throws IllegalArgumentException for an unknown ord, naming the valid ones, or "fro"/"nuc" on a vector
     */
    public static Tensor norm(Tensor a, String ord) {
        requireVectorOrMatrix(a);
        String o = ord.trim().toLowerCase(Locale.ROOT);
        if (o.equals("fro") || o.equals("nuc")) {
            if (a.rank() < 2) {
                throw new IllegalArgumentException("norm: ord \"" + ord
                        + "\" needs a matrix (at least 2 axes), got shape " + a.shape());
            }
            return matrixNorm(a, o);
        }
        double p;
        switch (o) {
            case "1": p = 1; break;
            case "-1": p = -1; break;
            case "2": p = 2; break;
            case "-2": p = -2; break;
            case "inf": p = Double.POSITIVE_INFINITY; break;
            case "-inf": p = Double.NEGATIVE_INFINITY; break;
            default:
                throw new IllegalArgumentException("norm: unknown ord \"" + ord
                        + "\" (expected \"fro\", \"nuc\", \"1\", \"-1\", \"2\", \"-2\", \"inf\" or \"-inf\")");
        }
        return norm(a, p);
    }

    /**
     * {@link #norm(Tensor, String)} with a numeric ord: for matrices ±1, ±2 and ±∞
     * ({@code Double.POSITIVE_INFINITY}); for a vector any p: ‖x‖_p = (Σ|xᵢ|ᵖ)^(1/p), ‖x‖_∞ = max|xᵢ|,
     * ‖x‖_{−∞} = min|xᵢ|, and p = 0 counts the nonzero entries (as NumPy).
     */
    public static Tensor norm(Tensor a, double ord) {
        requireVectorOrMatrix(a);
        if (a.rank() == 1) {
            return Tensor.scalar(vectorNorm(a.dataView(), ord));
        }
        String o;
        if (ord == 1) {
            o = "1";
        } else if (ord == -1) {
            o = "-1";
        } else if (ord == 2) {
            o = "2";
        } else if (ord == -2) {
            o = "-2";
        } else if (ord == Double.POSITIVE_INFINITY) {
            o = "inf";
        } else if (ord == Double.NEGATIVE_INFINITY) {
            o = "-inf";
        } else {
            throw new IllegalArgumentException("norm: ord " + ord + " is not a matrix norm (expected 1, -1, 2, -2, "
                    + "inf, -inf, \"fro\" or \"nuc\") for shape " + a.shape());
        }
        return matrixNorm(a, o);
    }

    private static void requireVectorOrMatrix(Tensor a) {
        if (a.rank() == 0) {
            throw new IllegalArgumentException("norm: expected a vector or a matrix, got shape " + a.shape());
        }
    }

    private static double vectorNorm(double[] x, double p) {
        if (x.length == 0) {
            return 0;
        }
        if (p == 2) {
            return Matrices.norm2(x, 0, x.length);
        }
        if (p == Double.POSITIVE_INFINITY || p == Double.NEGATIVE_INFINITY) {
            double r = Math.abs(x[0]);
            for (double v : x) {
                r = p > 0 ? Math.max(r, Math.abs(v)) : Math.min(r, Math.abs(v));
            }
            return r;
        }
        if (p == 0) {
            int c = 0;
            for (double v : x) {
                if (v != 0) {
                    c++;
                }
            }
            return c;
        }
        if (p == 1) {
            double s = 0;
            for (double v : x) {
                s += Math.abs(v);
            }
            return s;
        }
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (p > 0 && scale == 0) {
            return 0;
        }
        if (p > 0) {
            double s = 0;
            for (double v : x) {
                s += Math.pow(Math.abs(v) / scale, p);
            }
            return scale * Math.pow(s, 1 / p);
        }
        // p < 0: scaled by the smallest |xᵢ| (|xᵢ|ᵖ of a tiny xᵢ would overflow); a zero gives 0, as 0ᵖ = ∞
        double small = Double.POSITIVE_INFINITY;
        for (double v : x) {
            small = Math.min(small, Math.abs(v));
        }
        if (small == 0 || Double.isNaN(small) || Double.isInfinite(small)) {
            return small;
        }
        double s = 0;
        for (double v : x) {
            s += Math.pow(Math.abs(v) / small, p);
        }
        return small * Math.pow(s, 1 / p);
    }

    private static Tensor matrixNorm(Tensor a, String ord) {
        int m = a.dim(-2);
        int n = a.dim(-1);
        return Matrices.mapBatch1(a, new int[0], x -> new double[] {matrixNorm(x, m, n, ord)});
    }

    private static double matrixNorm(double[][] a, int m, int n, String ord) {
        if (m == 0 || n == 0) {
            return 0;
        }
        switch (ord) {
            case "fro": {
                double[] flat = Matrices.flatten(a, m, n);
                return Matrices.norm2(flat, 0, flat.length);
            }
            case "nuc": {
                double s = 0;
                for (double x : SVD.values(a, m, n, "norm")) {
                    s += x;
                }
                return s;
            }
            case "2":
                return SVD.values(a, m, n, "norm")[0];
            case "-2": {
                double[] s = SVD.values(a, m, n, "norm");
                return s[s.length - 1];
            }
            case "1":
            case "-1": {
                double best = ord.equals("1") ? 0 : Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) {
                        s += Math.abs(a[i][j]);
                    }
                    best = ord.equals("1") ? Math.max(best, s) : Math.min(best, s);
                }
                return best;
            }
            default: { // "inf", "-inf"
                double best = ord.equals("inf") ? 0 : Double.POSITIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += Math.abs(a[i][j]);
                    }
                    best = ord.equals("inf") ? Math.max(best, s) : Math.min(best, s);
                }
                return best;
            }
        }
    }
}
