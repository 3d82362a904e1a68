package org.nabla.theory;

import java.util.function.Function;
import org.nabla.autodiff.PerExampleJacobians;
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
 * The predictor maps a batch (n, d) to (n, c) (or (n)); J(xᵢ) is the per-example Jacobian
 * ∂f(X)ᵢ/∂xᵢ ({@link PerExampleJacobians}: c + 1 reverse sweeps when each row depends only on its own
 * input row, checked; the exact n·c sweeps when rows interact, as with BatchNorm in training mode).
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

    /**
     * Per-point Jacobians of f at the rows of x, shape (c, n, d): G[c][i] = ∇ₓf_c(xᵢ), from
     * {@link PerExampleJacobians}: c reverse sweeps of Σᵢ f_c(xᵢ) and one probe sweep when each output
     * row depends on its own input row alone, else (batch statistics) the exact n·c sweeps of single
     * entries — ∂f_c(X)ᵢ/∂xᵢ with the other rows held fixed.
     */
    public static Tensor jacobians(Function<Variable, Variable> f, Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("Agop: points must be a matrix (n, d), got " + x.shape());
        }
        int n = x.dim(0);
        Function<Variable, Variable> g = xv -> {
            Variable y = f.apply(xv);
            if (y.shape().rank() == 1) {
                y = y.reshape(n, 1);
            }
            if (y.shape().rank() != 2 || y.shape().dim(0) != n) {
                throw new IllegalArgumentException("Agop: f must map (n, d) to (n, c); got " + y.shape() + " for input "
                        + x.shape());
            }
            return y;
        };
        return PerExampleJacobians.of(g, x).permute(1, 0, 2);
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
