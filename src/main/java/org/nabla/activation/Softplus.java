package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * Softplus, a smooth approximation of ReLU, with sharpness β (default 1) and a linear regime above
 * a threshold (default 20), as PyTorch.
 * <pre>
 *   softplus_β(x) = (1/β) ln(1 + e^(βx)),        softplus_β′(x) = σ(βx),
 *   and softplus_β(x) = x where βx &gt; threshold (derivative 1 there).
 * </pre>
 * The stable form actually computed, with z = βx:
 * <pre>
 *   ln(1 + eᶻ) = max(z, 0) + ln(1 + e^(−|z|)),
 * </pre>
 * where max(z, 0) and |z| are written with the mask 1[z &gt; 0] (where(z &gt; 0, z, 0) and
 * where(z &gt; 0, z, −z)) so that the derivative at z = 0 is σ(0) = ½ exactly, not the ½-less value
 * the kink conventions of relu and abs would give. e^(−|z|) ≤ 1 never overflows.
 * Source: Dugas, Bengio, Bélisle, Nadeau &amp; Garcia, "Incorporating Second-Order Functional
 * Knowledge for Better Option Pricing" (NeurIPS 2000); Goodfellow, Bengio &amp; Courville, Deep
 * Learning (2016), §3.10, eq. (3.31).
 */
public final class Softplus extends Module {
    private final double beta;
    private final double threshold;

    /** β = 1, threshold = 20 (PyTorch's defaults). */
    public Softplus() {
        this(1.0, 20.0);
    }

    /**
     * @param beta      β &gt; 0, the sharpness
     * @param threshold above βx &gt; threshold the function is taken as x (may be +∞ for none)
     */
    public Softplus(double beta, double threshold) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Softplus: beta must be positive and finite, got " + beta);
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("Softplus: threshold must not be NaN");
        }
        this.beta = beta;
        this.threshold = threshold;
    }

    /** β. */
    public double beta() {
        return beta;
    }

    /** The threshold of the linear regime. */
    public double threshold() {
        return threshold;
    }

    /** ln(1 + eˣ) elementwise, stable for any x, with no linear regime. */
    public static Variable softplus(Variable x) {
        Tensor positive = x.value().gt(0.0);
        Variable max0 = Variable.where(positive, x, Variable.constant(0.0));
        Variable abs = Variable.where(positive, x, x.neg());
        return max0.add(abs.neg().exp().log1p());
    }

    /** (1/β) ln(1 + e^(βx)), and x where βx &gt; threshold. */
    public static Variable softplus(Variable x, double beta, double threshold) {
        Variable z = beta == 1.0 ? x : x.mul(beta);
        Variable smooth = beta == 1.0 ? softplus(z) : softplus(z).div(beta);
        Tensor linear = z.value().gt(threshold);
        return Variable.where(linear, x, smooth);
    }

    @Override
    public Variable forward(Variable x) {
        return softplus(x, beta, threshold);
    }

    @Override
    protected String describe() {
        return "Softplus(beta=" + beta + ", threshold=" + threshold + ")";
    }
}
