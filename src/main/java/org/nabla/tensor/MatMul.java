package org.nabla.tensor;

/**
 * The matrix-multiplication kernel C = A B for row-major blocks of arrays.
 *
 * <p>Cᵢⱼ = Σₚ Aᵢₚ Bₚⱼ, computed in i-p-j order so that the innermost loop runs over contiguous
 * rows of B and C (a loop the JIT vectorizes). The order of summation over p is fixed, so results do
 * not depend on how work is split.
 */
final class MatMul {
    private MatMul() {
    }

    /** C[cOff …] = A[aOff …] (m×k) · B[bOff …] (k×n); C must be zero on entry. */
    static void multiply(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int ai = aOff + i * k;
            for (int p = 0; p < k; p++) {
                double aip = a[ai + p];
                if (aip == 0.0) {
                    continue;
                }
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
