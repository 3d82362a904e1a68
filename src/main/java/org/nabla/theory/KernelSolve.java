package org.nabla.theory;

import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.LU;

/**
 * The direct solve of a kernel system (K + λI) α = Y, K symmetric positive semi-definite: a blocked
 * Cholesky factorization K + λI = L Lᵀ (right-looking, Golub &amp; Van Loan, <i>Matrix Computations</i>,
 * 4th ed., Algorithm 4.2.10), whose trailing updates A₂₂ ← A₂₂ − L₂₁L₂₁ᵀ are matrix products (most
 * of the n³/3 flops then run in the blocked matrix kernel; only the blocks on and below the diagonal
 * are formed), then forward and back substitution by blocks of rows, whose updates are products too. When
 * the matrix is not numerically positive definite (λ = 0 and nearly coincident points), it falls back
 * to LU with partial pivoting, the factorization {@code np.linalg.solve} uses.
 */
final class KernelSolve {
    /** Columns of a panel. */
    private static final int NB = 96;

    private KernelSolve() {
    }

    /** α = (K + λI)⁻¹ Y for K (n, n) symmetric and Y (n, c). */
    static Tensor solve(Tensor k, double ridge, Tensor y, String op) {
        int n = k.dim(0);
        if (k.rank() != 2 || k.dim(1) != n || y.rank() != 2 || y.dim(0) != n) {
            throw new IllegalArgumentException(op + ": expected K (n, n) and Y (n, c), got " + k.shape() + " and "
                    + y.shape());
        }
        double[] a = k.toArray();
        for (int i = 0; i < n; i++) {
            a[i * n + i] += ridge;
        }
        if (!factor(a, n)) {
            Tensor shifted = ridge == 0 ? k : k.add(Tensor.eye(n).mul(ridge));
            return LU.of(shifted).solve(y);
        }
        int c = y.dim(1);
        double[] x = y.contiguous().toArray();
        for (int i0 = 0; i0 < n; i0 += NB) { // L z = y, a block of rows at a time
            int i1 = Math.min(n, i0 + NB);
            if (i0 > 0) {
                subtract(x, c, i0, i1, rows(a, n, i0, i1, 0, i0).matmul(rows(x, c, 0, i0, 0, c)));
            }
            for (int i = i0; i < i1; i++) {
                int ri = i * c;
                for (int j = i0; j < i; j++) {
                    axpy(-a[i * n + j], x, j * c, x, ri, c);
                }
                scale(x, ri, c, 1 / a[i * n + i]);
            }
        }
        for (int i1 = n; i1 > 0; i1 -= NB) { // Lᵀ α = z, from the last block of rows up
            int i0 = Math.max(0, i1 - NB);
            if (i1 < n) {
                // rows i0..i1 of Lᵀ beyond the block are columns i0..i1 of L below it
                Tensor below = rows(a, n, i1, n, i0, i1);
                subtract(x, c, i0, i1, below.transpose().matmul(rows(x, c, i1, n, 0, c)));
            }
            for (int i = i1 - 1; i >= i0; i--) {
                int ri = i * c;
                for (int j = i + 1; j < i1; j++) {
                    axpy(-a[j * n + i], x, j * c, x, ri, c);
                }
                scale(x, ri, c, 1 / a[i * n + i]);
            }
        }
        return Tensor.of(new int[] {n, c}, x);
    }

    /** The block v[r0:r1, c0:c1] of a row-major matrix with {@code cols} columns, as a tensor. */
    private static Tensor rows(double[] v, int cols, int r0, int r1, int c0, int c1) {
        int w = c1 - c0;
        double[] out = new double[(r1 - r0) * w];
        for (int i = r0; i < r1; i++) {
            System.arraycopy(v, i * cols + c0, out, (i - r0) * w, w);
        }
        return Tensor.of(new int[] {r1 - r0, w}, out);
    }

    /** x[r0:r1, :] −= p. */
    private static void subtract(double[] x, int c, int r0, int r1, Tensor p) {
        double[] pv = p.toArray();
        for (int i = 0; i < (r1 - r0) * c; i++) {
            x[r0 * c + i] -= pv[i];
        }
    }

    private static void axpy(double f, double[] src, int so, double[] dst, int d0, int len) {
        if (f != 0) {
            for (int q = 0; q < len; q++) {
                dst[d0 + q] += f * src[so + q];
            }
        }
    }

    private static void scale(double[] v, int o, int len, double f) {
        for (int q = 0; q < len; q++) {
            v[o + q] *= f;
        }
    }

    /** Overwrites the lower triangle of a (row-major n×n) with L; false when a pivot is not positive. */
    private static boolean factor(double[] a, int n) {
        for (int k0 = 0; k0 < n; k0 += NB) {
            int kb = Math.min(NB, n - k0);
            int k1 = k0 + kb;
            for (int i = k0; i < n; i++) { // the diagonal block and the panel below it
                int ri = i * n;
                for (int j = k0; j < Math.min(i + 1, k1); j++) {
                    int rj = j * n;
                    double s = a[ri + j];
                    for (int q = k0; q < j; q++) {
                        s -= a[ri + q] * a[rj + q];
                    }
                    if (i == j) {
                        if (!(s > 0)) {
                            return false;
                        }
                        a[ri + i] = Math.sqrt(s);
                    } else {
                        a[ri + j] = s / a[rj + j];
                    }
                }
            }
            int m = n - k1;
            if (m == 0) {
                continue;
            }
            Tensor panel = rows(a, n, k1, n, k0, k1);
            for (int r0 = 0; r0 < m; r0 += NB) { // only the blocks on and below the diagonal
                int r1 = Math.min(m, r0 + NB);
                double[] u = panel.slice(0, r0, r1).matmul(panel.slice(0, 0, r1).transpose()).toArray();
                for (int i = r0; i < r1; i++) {
                    int ri = (k1 + i) * n + k1;
                    int ui = (i - r0) * r1;
                    for (int j = 0; j <= i; j++) {
                        a[ri + j] -= u[ui + j];
                    }
                }
            }
        }
        return true;
    }
}
