package org.nabla.optim;

import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/** The test objectives of optim.json, written with Variable operations. */
final class Objectives {
    private Objectives() {
    }

    /** f(x) = ½ xᵀQx + cᵀx. */
    static Variable quadratic(Variable x, Tensor q, Tensor c) {
        int n = x.shape().dims()[0];
        Variable qx = Variable.constant(q).matmul(x.reshape(n, 1)).reshape(n);
        return x.mul(qx).sum().mul(0.5).add(Variable.constant(c).mul(x).sum());
    }

    /** f(x) = Σ_{i=1}^{n−1} (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)². */
    static Variable rosenbrock(Variable x) {
        int n = x.shape().dims()[0];
        Variable head = x.slice(0, 0, n - 1);
        Variable tail = x.slice(0, 1, n);
        return head.rsub(1).square().add(tail.sub(head.square()).square().mul(100)).sum();
    }

    /** The minimiser of the quadratic: solves Qx = −c by Gaussian elimination with partial pivoting. */
    static double[] quadraticMinimizer(double[][] q, double[] c) {
        int n = c.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(q[i], 0, a[i], 0, n);
            a[i][n] = -c[i];
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[p][k])) {
                    p = i;
                }
            }
            double[] tmp = a[k];
            a[k] = a[p];
            a[p] = tmp;
            for (int i = k + 1; i < n; i++) {
                double f = a[i][k] / a[k][k];
                for (int j = k; j <= n; j++) {
                    a[i][j] -= f * a[k][j];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = a[i][n];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * x[j];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }
}
