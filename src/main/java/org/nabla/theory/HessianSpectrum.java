package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SymmetricEigen;

/**
 * The spectrum of the Hessian H = ∇²L(θ) of a loss over a parameter vector θ ∈ ℝᴾ, seen only
 * through Hessian-vector products Hv = ∇_θ(∇_θL · v) (Pearlmutter, "Fast exact multiplication by the
 * Hessian", Neural Computation 6, 1994), and slices of the loss landscape.
 *
 * <ul>
 *   <li>Lanczos (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §10.1, with full
 *       reorthogonalization, §10.3.1): from a random unit q₁, βⱼqⱼ₊₁ = Hqⱼ − αⱼqⱼ − βⱼ₋₁qⱼ₋₁,
 *       αⱼ = qⱼᵀHqⱼ, each new vector re-orthogonalized against all previous ones (twice); the
 *       eigenvalues (Ritz values) of the tridiagonal T_m = tridiag(β, α, β) approximate the extreme
 *       eigenvalues of H — the spectral-density approach of Ghorbani, Krishnan &amp; Xiao (ICML 2019).</li>
 *   <li>The full Hessian, one Hessian-vector product per basis vector, then its eigenvalues (eigh).</li>
 *   <li>Hutchinson's estimator tr H ≈ (1/m) Σₖ zₖᵀ H zₖ, zₖ with independent Rademacher ±1 entries
 *       (Hutchinson, Commun. Statist. Simul. Comput. 18, 1989): unbiased, variance 2 Σ_{i≠j} Hᵢⱼ².</li>
 *   <li>The loss on the segment L((1 − t)θ₀ + tθ₁), t ∈ [0, 1] (Goodfellow, Vinyals &amp; Saxe, ICLR 2015).</li>
 * </ul>
 * The loss is a function of one parameter vector θ (shape (P)); {@link MultilayerPerceptron#unflatten}
 * turns θ into a network's tensors.
 */
public final class HessianSpectrum {
    private HessianSpectrum() {
    }

    /** Hv for the loss at θ. */
    public static Tensor hessianVectorProduct(Function<Variable, Variable> loss, Tensor theta, Tensor v) {
        return Autodiff.hvp(loss, theta, v);
    }

    /** The full P×P Hessian, one Hessian-vector product per column (small P only). */
    public static Tensor hessian(Function<Variable, Variable> loss, Tensor theta) {
        requireVector(theta);
        return Autodiff.hessian(loss, theta);
    }

    /** Every eigenvalue of the Hessian, ascending (full Hessian, symmetrized, then eigh). */
    public static Tensor eigenvalues(Function<Variable, Variable> loss, Tensor theta) {
        Tensor h = hessian(loss, theta);
        return SymmetricEigen.eigenvalues(h.add(h.transpose()).mul(0.5));
    }

    /**
     * The Ritz values of m Lanczos steps (full reorthogonalization) for a symmetric operator on ℝⁿ,
     * ascending. The run stops early if an invariant subspace is found (βⱼ ≈ 0).
     */
    public static double[] lanczos(UnaryOperator<Tensor> operator, int n, int steps, Rng rng) {
        int m = Math.min(steps, n);
        if (m < 1) {
            throw new IllegalArgumentException("lanczos: steps must be >= 1, got " + steps);
        }
        List<double[]> q = new ArrayList<>();
        double[] v = Tensor.randn(rng, n).toArray();
        scale(v, 1.0 / norm(v));
        double[] alpha = new double[m];
        double[] beta = new double[m];
        int k = 0;
        for (int j = 0; j < m; j++) {
            q.add(v);
            double[] w = operator.apply(Tensor.of(v)).toArray();
            alpha[j] = dot(w, v);
            k = j + 1;
            for (int pass = 0; pass < 2; pass++) {
                for (double[] qi : q) {
                    double c = dot(w, qi);
                    for (int i = 0; i < n; i++) {
                        w[i] -= c * qi[i];
                    }
                }
            }
            double b = norm(w);
            if (j == m - 1 || b <= 1e-12 * Math.max(Math.abs(alpha[j]), 1e-300)) {
                break;
            }
            beta[j] = b;
            scale(w, 1.0 / b);
            v = w;
        }
        double[][] t = new double[k][k];
        for (int i = 0; i < k; i++) {
            t[i][i] = alpha[i];
            if (i + 1 < k) {
                t[i][i + 1] = beta[i];
                t[i + 1][i] = beta[i];
            }
        }
        return SymmetricEigen.eigenvalues(Tensor.of(t)).toArray();
    }

    /**
     * The k largest eigenvalues of the Hessian (descending) by Lanczos on Hessian-vector products.
     *
     * @param steps Lanczos steps m ≥ k (more steps, better convergence of the extreme values)
     */
    public static double[] topEigenvalues(Function<Variable, Variable> loss, Tensor theta, int k, int steps, Rng rng) {
        requireVector(theta);
        if (k < 1 || k > steps) {
            throw new IllegalArgumentException("topEigenvalues: need 1 <= k <= steps, got k = " + k + ", steps = " + steps);
        }
        double[] ritz = lanczos(v -> Autodiff.hvp(loss, theta, v), theta.size(), steps, rng);
        int kk = Math.min(k, ritz.length);
        double[] top = new double[kk];
        for (int i = 0; i < kk; i++) {
            top[i] = ritz[ritz.length - 1 - i];
        }
        return top;
    }

    /** Hutchinson's estimate of tr H with the given number of Rademacher probes. */
    public static double hutchinsonTrace(Function<Variable, Variable> loss, Tensor theta, int probes, Rng rng) {
        return hutchinsonTrace(v -> Autodiff.hvp(loss, theta, v), theta.size(), probes, rng);
    }

    /** Hutchinson's estimate (1/m) Σₖ zₖᵀ A zₖ of tr A for a linear operator A on ℝⁿ. */
    public static double hutchinsonTrace(UnaryOperator<Tensor> operator, int n, int probes, Rng rng) {
        if (probes < 1) {
            throw new IllegalArgumentException("hutchinsonTrace: probes must be >= 1, got " + probes);
        }
        double sum = 0;
        for (int p = 0; p < probes; p++) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = rng.nextDouble() < 0.5 ? -1.0 : 1.0;
            }
            Tensor zt = Tensor.of(z);
            sum += zt.dot(operator.apply(zt));
        }
        return sum / probes;
    }

    /** L((1 − t)θ₀ + tθ₁) at each t. */
    public static double[] lossAlongSegment(Function<Variable, Variable> loss, Tensor theta0, Tensor theta1, double[] t) {
        if (!theta0.shape().equals(theta1.shape())) {
            throw new IllegalArgumentException("lossAlongSegment: θ₀ " + theta0.shape() + " and θ₁ " + theta1.shape()
                    + " differ in shape");
        }
        double[] out = new double[t.length];
        Tensor d = theta1.sub(theta0);
        for (int i = 0; i < t.length; i++) {
            Tensor th = t[i] == 1.0 ? theta1 : theta0.add(d.mul(t[i]));
            out[i] = loss.apply(Variable.constant(th)).item();
        }
        return out;
    }

    private static void requireVector(Tensor theta) {
        if (theta.rank() != 1) {
            throw new IllegalArgumentException("HessianSpectrum: θ must be a vector (P), got " + theta.shape()
                    + "; flatten the parameters (MultilayerPerceptron.flatten)");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void scale(double[] a, double s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
    }

}
