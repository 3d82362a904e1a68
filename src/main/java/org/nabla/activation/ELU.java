package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * The exponential linear unit with parameter α (default 1).
 * <pre>
 *   ELU(x) = x if x &gt; 0, else α(eˣ − 1),
 *   ELU′(x) = 1 if x &gt; 0, else α eˣ   (α at x = 0, as PyTorch).
 * </pre>
 * Computed as where(x &gt; 0, x, α·expm1(x⁻)) with x⁻ = where(x &gt; 0, 0, x): the exponential only
 * ever sees non-positive arguments, so a large positive x cannot overflow it (and its derivative,
 * masked out by where, cannot turn into 0·∞ = NaN).
 * Source: Clevert, Unterthiner &amp; Hochreiter, "Fast and Accurate Deep Network Learning by
 * Exponential Linear Units (ELUs)" (ICLR 2016), eq. (15).
 */
public final class ELU extends Module {
    private final double alpha;

    /** With α = 1. */
    public ELU() {
        this(1.0);
    }

    /** @param alpha α, the value −α that ELU approaches as x → −∞ */
    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    /** α. */
    public double alpha() {
        return alpha;
    }

    /** ELU with parameter α, elementwise. */
    public static Variable elu(Variable x, double alpha) {
        Tensor positive = x.value().gt(0.0);
        Variable negativePart = Variable.where(positive, Variable.constant(0.0), x);
        return Variable.where(positive, x, negativePart.expm1().mul(alpha));
    }

    /** ELU with α = 1. */
    public static Variable elu(Variable x) {
        return elu(x, 1.0);
    }

    @Override
    public Variable forward(Variable x) {
        return elu(x, alpha);
    }

    @Override
    protected String describe() {
        return "ELU(alpha=" + alpha + ")";
    }
}
