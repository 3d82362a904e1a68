package org.nabla.theory;

import org.nabla.tensor.Tensor;

/**
 * Kernel ridge regression (Schölkopf &amp; Smola, <i>Learning with Kernels</i>, MIT Press 2002, §4.2 and
 * Problem 4.15; Berlyand &amp; Jabin, <i>Mathematics of Deep Learning</i>, De Gruyter 2023, the chapter on
 * kernel methods): the minimizer over the reproducing-kernel Hilbert space of k of
 * <pre>
 *   Σᵢ (f(xᵢ) − yᵢ)² + λ ‖f‖²_H    is    f(x) = Σᵢ αᵢ k(x, xᵢ),   α = (K + λI)⁻¹ y,   K_ij = k(xᵢ, xⱼ)
 * </pre>
 * (the representer theorem). The ridge λ is scikit-learn's {@code KernelRidge(alpha=λ)} and α its
 * {@code dual_coef_}. The solve is a blocked Cholesky factorization of K + λI, falling back to LU with
 * partial pivoting when the matrix is not numerically positive definite; it is the one solve of the
 * library's kernel machines: the predictor of a Recursive Feature Machine ({@link KernelPredictor})
 * calls {@link #solve}.
 */
public final class KernelRidgeRegression {
    private final Tensor x;
    private final Tensor alpha;
    private final Kernel kernel;
    private final double ridge;

    private KernelRidgeRegression(Tensor x, Tensor alpha, Kernel kernel, double ridge) {
        this.x = x;
        this.alpha = alpha;
        this.kernel = kernel;
        this.ridge = ridge;
    }

    /**
     * Fits α = (k(X, X) + λI)⁻¹ y.
     *
     * @param x training inputs (n, d)
     * @param y targets (n) or (n, c); α and the predictions have the same rank
     * @param ridge λ ≥ 0
     */
    public static KernelRidgeRegression fit(Tensor x, Tensor y, Kernel kernel, double ridge) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("KernelRidgeRegression.fit: expected X (n, d), got " + x.shape());
        }
        Tensor alpha = solve(kernel.gram(x), ridge, y, "KernelRidgeRegression.fit");
        return new KernelRidgeRegression(x, alpha, kernel, ridge);
    }

    /**
     * α = (K + λI)⁻¹ Y for a symmetric positive semi-definite K (n, n) and Y (n) or (n, c), λ ≥ 0.
     */
    public static Tensor solve(Tensor k, double ridge, Tensor y) {
        return solve(k, ridge, y, "KernelRidgeRegression.solve");
    }

    /** {@link #solve(Tensor, double, Tensor)}, with the operation named in its errors. */
    static Tensor solve(Tensor k, double ridge, Tensor y, String op) {
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException(op + ": the ridge λ must be ≥ 0 and finite, got " + ridge);
        }
        if (k.rank() != 2 || k.dim(0) != k.dim(1) || (y.rank() != 1 && y.rank() != 2) || y.dim(0) != k.dim(0)) {
            throw new IllegalArgumentException(op + ": expected K (n, n) and y (n) or Y (n, c), got K " + k.shape()
                    + " and y " + y.shape());
        }
        if (y.rank() == 1) {
            return KernelSolve.solve(k, ridge, y.reshape(y.dim(0), 1), op).reshape(y.dim(0));
        }
        return KernelSolve.solve(k, ridge, y, op);
    }

    /** The dual coefficients α, shaped like y (scikit-learn's {@code dual_coef_}). */
    public Tensor coefficients() {
        return alpha;
    }

    /** The training inputs X. */
    public Tensor centres() {
        return x;
    }

    /** The kernel k. */
    public Kernel kernel() {
        return kernel;
    }

    /** The ridge λ. */
    public double ridge() {
        return ridge;
    }

    /** f(Z) = k(Z, X) α at the rows of Z (q, d): shape (q) for a vector y, (q, c) otherwise. */
    public Tensor predict(Tensor z) {
        if (z.rank() != 2 || z.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException("KernelRidgeRegression.predict: points must be (q, " + x.dim(1)
                    + "), got " + z.shape());
        }
        return kernel.gram(z, x).matmul(alpha);
    }
}
