package org.nabla.theory;

import java.util.function.Function;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The average gradient outer product of a predictor f : ℝᵈ → ℝᶜ over points x₁, …, xₙ
 * (Radhakrishnan, Beaglehole, Pandit &amp; Belkin, "Mechanism for feature learning in neural networks
 * and backpropagation-free machine learning models", Science 383, 2024, eq. 2):
 * <pre>
 *   AGOP(f) = (1/n) Σᵢ Σ_c ∇ₓf_c(xᵢ) ∇ₓf_c(xᵢ)ᵀ = (1/n) Σᵢ J(xᵢ)ᵀ J(xᵢ),     J(x) = ∂f/∂x ∈ ℝ^(c×d)
 *   centered: (1/n) Σᵢ (J(xᵢ) − J̄)ᵀ (J(xᵢ) − J̄),                           J̄ = (1/n) Σᵢ J(xᵢ)
 * </pre>
 * The predictor maps a batch (n, d) to (n, c) (or (n)), each row depending only on its own input
 * row; the per-point Jacobians come from c reverse sweeps of Σᵢ f_c(xᵢ).
 */
public final class Agop {
    private Agop() {
    }

    /** AGOP = (1/n) Σᵢ J(xᵢ)ᵀ J(xᵢ), a d×d matrix. */
    public static Tensor of(Function<Variable, Variable> f, Tensor x) {
        return compute(jacobians(f, x), false);
    }

    /** The centered AGOP (1/n) Σᵢ (J(xᵢ) − J̄)ᵀ (J(xᵢ) − J̄). */
    public static Tensor centered(Function<Variable, Variable> f, Tensor x) {
        return compute(jacobians(f, x), true);
    }

    /** The AGOP of given per-point gradients G (c, n, d): (1/n) Σ_c G_cᵀ G_c, optionally centered over n. */
    public static Tensor ofGradients(Tensor gradients, boolean centered) {
        if (gradients.rank() != 3) {
            throw new IllegalArgumentException("Agop.ofGradients: expected gradients of shape (c, n, d), got "
                    + gradients.shape());
        }
        return compute(gradients, centered);
    }

    /** Per-point Jacobians of f at the rows of x, shape (c, n, d): G[c][i] = ∇ₓf_c(xᵢ). */
    public static Tensor jacobians(Function<Variable, Variable> f, Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("Agop: points must be a matrix (n, d), got " + x.shape());
        }
        Variable xv = Variable.leaf(x);
        Variable y = f.apply(xv);
        int n = x.dim(0);
        if (y.shape().rank() == 1) {
            y = y.reshape(n, 1);
        }
        if (y.shape().rank() != 2 || y.shape().dim(0) != n) {
            throw new IllegalArgumentException("Agop: f must map (n, d) to (n, c); got " + y.shape() + " for input "
                    + x.shape());
        }
        int c = y.shape().dim(1);
        Tensor[] g = new Tensor[c];
        for (int k = 0; k < c; k++) {
            double[] seed = new double[n * c];
            for (int i = 0; i < n; i++) {
                seed[i * c + k] = 1.0;
            }
            var grads = y.backward(Tensor.of(y.shape(), seed));
            g[k] = grads.contains(xv) ? grads.of(xv) : Tensor.zeros(x.shape());
        }
        return Tensor.stack(0, g);
    }

    private static Tensor compute(Tensor g, boolean centered) {
        int n = g.dim(1);
        int c = g.dim(0);
        Tensor sum = null;
        for (int k = 0; k < c; k++) {
            Tensor gk = g.select(0, k);
            if (centered) {
                gk = gk.sub(gk.mean(0, true));
            }
            Tensor outer = gk.transpose().matmul(gk);
            sum = sum == null ? outer : sum.add(outer);
        }
        return sum.div(n);
    }
}
