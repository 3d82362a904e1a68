package org.nabla.theory;

import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.LU;

/**
 * The direct solve of a kernel system (K + λI) α = Y, K symmetric positive semi-definite: a blocked
 * Cholesky factorization K + λI = L Lᵀ (right-looking, Golub &amp; Van Loan, <i>Matrix Computations</i>,
 * 4th ed., Algorithm 4.2.10), whose trailing updates A₂₂ ← A₂₂ − L₂₁L₂₁ᵀ are matrix products (most
 * of the n³/3 flops then run in the blocked matrix kernel), then forward and back substitution. When
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
        for (int i = 0; i < n; i++) { // L z = y
            int ri = i * c;
            for (int j = 0; j < i; j++) {
                double l = a[i * n + j];
                if (l != 0) {
                    int rj = j * c;
                    for (int q = 0; q < c; q++) {
                        x[ri + q] -= l * x[rj + q];
                    }
                }
            }
            double d = a[i * n + i];
            for (int q = 0; q < c; q++) {
                x[ri + q] /= d;
            }
        }
        for (int i = n - 1; i >= 0; i--) { // Lᵀ α = z
            int ri = i * c;
            for (int j = i + 1; j < n; j++) {
                double l = a[j * n + i];
                if (l != 0) {
                    int rj = j * c;
                    for (int q = 0; q < c; q++) {
                        x[ri + q] -= l * x[rj + q];
                    }
                }
            }
            double d = a[i * n + i];
            for (int q = 0; q < c; q++) {
                x[ri + q] /= d;
            }
        }
        return Tensor.of(new int[] {n, c}, x);
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
            double[] p = new double[m * kb];
            for (int i = 0; i < m; i++) {
                System.arraycopy(a, (k1 + i) * n + k0, p, i * kb, kb);
            }
            Tensor panel = Tensor.of(new int[] {m, kb}, p);
            double[] u = panel.matmul(panel.transpose()).toArray();
            for (int i = 0; i < m; i++) {
                int ri = (k1 + i) * n + k1;
                int ui = i * m;
                for (int j = 0; j <= i; j++) {
                    a[ri + j] -= u[ui + j];
                }
            }
        }
        return true;
    }
}
