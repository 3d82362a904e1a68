package org.nabla.theory;

import org.nabla.tensor.Tensor;

/**
 * A positive semi-definite kernel k(x, z) on ℝᵈ as a value, with its Gram matrices, the kernels of
 * {@link KernelRidgeRegression} and {@link SupportVectorMachine} (Schölkopf &amp; Smola, <i>Learning
 * with Kernels</i>, MIT Press 2002, §2.3 and §13; Berlyand &amp; Jabin, <i>Mathematics of Deep
 * Learning</i>, De Gruyter 2023, the chapter on support vector machines and kernel methods). The
 * parameters and names are scikit-learn's ({@code sklearn.metrics.pairwise}, and those of
 * {@code SVC}/{@code KernelRidge}):
 * <pre>
 *   linear:      k(x, z) = ⟨x, z⟩
 *   polynomial:  k(x, z) = (γ⟨x, z⟩ + c)^d                 (γ &gt; 0, c ≥ 0, d ≥ 1 an integer)
 *   Gaussian:    k(x, z) = exp(−γ ‖x − z‖₂²)                (scikit-learn's "rbf", γ &gt; 0)
 *   Laplace:     k(x, z) = exp(−γ ‖x − z‖₁)                 (scikit-learn's "laplacian", γ &gt; 0)
 * </pre>
 * The Laplace kernel here uses the ℓ₁ distance, as scikit-learn's {@code laplacian_kernel} does; the
 * Laplace kernel of a Recursive Feature Machine ({@link RfmKernel.Laplace}) is exp(−‖x − z‖_M / L),
 * the (Mahalanobis) ℓ₂ distance. The Gram matrix of X (n, d) and Z (q, d) is G_ij = k(xᵢ, zⱼ), shape (n, q).
 */
public sealed interface Kernel {
    /** k(x, z) for two vectors of the same length. */
    double value(double[] x, double[] z);

    /** The Gram matrix G_ij = k(xᵢ, zⱼ) of the rows of X (n, d) and Z (q, d), shape (n, q). */
    default Tensor gram(Tensor x, Tensor z) {
        if (x.rank() != 2 || z.rank() != 2 || x.dim(1) != z.dim(1)) {
            throw new IllegalArgumentException("Kernel.gram: expected X (n, d) and Z (q, d) with the same d, got "
                    + x.shape() + " and " + z.shape());
        }
        int n = x.dim(0);
        int q = z.dim(0);
        int d = x.dim(1);
        double[] xv = x.contiguous().toArray();
        double[] zv = z.contiguous().toArray();
        double[] g = new double[n * q];
        double[] a = new double[d];
        double[] b = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(xv, i * d, a, 0, d);
            for (int j = 0; j < q; j++) {
                System.arraycopy(zv, j * d, b, 0, d);
                g[i * q + j] = value(a, b);
            }
        }
        return Tensor.of(new int[] {n, q}, g);
    }

    /** The Gram matrix K = k(X, X) of the rows of X, (n, n), exactly symmetric. */
    default Tensor gram(Tensor x) {
        Tensor g = gram(x, x);
        int n = x.dim(0);
        double[] v = g.toArray();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                v[j * n + i] = v[i * n + j];
            }
        }
        return Tensor.of(new int[] {n, n}, v);
    }

    /** The linear kernel ⟨x, z⟩ (scikit-learn's "linear"). */
    record Linear() implements Kernel {
        @Override
        public double value(double[] x, double[] z) {
            return dot(x, z);
        }
    }

    /**
     * The polynomial kernel (γ⟨x, z⟩ + c)^d (scikit-learn's "poly": {@code gamma}, {@code coef0},
     * {@code degree}).
     */
    record Polynomial(double gamma, double coef0, int degree) implements Kernel {
        /** Checks γ &gt; 0, c ≥ 0 and d ≥ 1. */
        public Polynomial {
            checkGamma("Polynomial", gamma);
            if (!(coef0 >= 0) || Double.isInfinite(coef0) || degree < 1) {
                throw new IllegalArgumentException("Kernel.Polynomial: expected c ≥ 0 finite and degree d ≥ 1, got c = "
                        + coef0 + ", d = " + degree);
            }
        }

        @Override
        public double value(double[] x, double[] z) {
            double base = gamma * dot(x, z) + coef0;
            double p = 1;
            for (int i = 0; i < degree; i++) {
                p *= base;
            }
            return p;
        }
    }

    /** The Gaussian (RBF) kernel exp(−γ‖x − z‖₂²) (scikit-learn's "rbf"; γ = 1/(2σ²)). */
    record Gaussian(double gamma) implements Kernel {
        /** Checks γ &gt; 0. */
        public Gaussian {
            checkGamma("Gaussian", gamma);
        }

        @Override
        public double value(double[] x, double[] z) {
            requireSameLength(x, z);
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                double t = x[i] - z[i];
                s += t * t;
            }
            return Math.exp(-gamma * s);
        }
    }

    /** The Laplace kernel exp(−γ‖x − z‖₁) (scikit-learn's "laplacian": the ℓ₁ distance). */
    record Laplace(double gamma) implements Kernel {
        /** Checks γ &gt; 0. */
        public Laplace {
            checkGamma("Laplace", gamma);
        }

        @Override
        public double value(double[] x, double[] z) {
            requireSameLength(x, z);
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += Math.abs(x[i] - z[i]);
            }
            return Math.exp(-gamma * s);
        }
    }

    private static void requireSameLength(double[] x, double[] z) {
        if (x.length != z.length) {
            throw new IllegalArgumentException("Kernel.value: expected two vectors of the same length, got "
                    + x.length + " and " + z.length);
        }
    }

    private static double dot(double[] x, double[] z) {
        requireSameLength(x, z);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * z[i];
        }
        return s;
    }

    private static void checkGamma(String kernel, double gamma) {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("Kernel." + kernel + ": γ must be positive and finite, got " + gamma);
        }
    }
}
