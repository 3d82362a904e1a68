package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The softmax along an axis (default: the last): the normalized exponential.
 * <pre>
 *   softmax(x)ᵢ = e^(xᵢ) / Σⱼ e^(xⱼ),
 *   ∂softmax(x)ᵢ/∂xⱼ = softmax(x)ᵢ (δᵢⱼ − softmax(x)ⱼ),   so   x̄ = s ⊙ (ȳ − Σᵢ ȳᵢ sᵢ).
 * </pre>
 * Computed as exp({@link LogSoftmax#logSoftmax(Variable, int) log softmax}(x)): the log-softmax
 * subtracts the log-sum-exp stably (max trick), so no e^(xᵢ) is formed for large xᵢ and the result
 * is exactly invariant to adding a constant to all xᵢ up to rounding; the derivative follows from
 * the rules of exp and log-softmax. Infinite logits give the limit of the formula, as
 * {@link LogSoftmax} documents: softmax([∞, 0]) = [1, 0], softmax([−∞, 0]) = [0, 1]; NaN only where the
 * formula has no limit (two or more +∞ in a slice, a slice of only −∞, a NaN).
 * Source: Bridle, "Probabilistic Interpretation of Feedforward Classification Network Outputs" (1990);
 * Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §6.2.2.3, eq. (6.29).
 */
public final class Softmax extends Module {
    private final int axis;

    /** Along the last axis. */
    public Softmax() {
        this(-1);
    }

    /** Along the given axis (negative counts from the end). */
    public Softmax(int axis) {
        this.axis = axis;
    }

    /** The axis. */
    public int axis() {
        return axis;
    }

    /** softmax of x along an axis. */
    public static Variable softmax(Variable x, int axis) {
        return LogSoftmax.logSoftmax(x, axis).exp();
    }

    /** softmax along the last axis. */
    public static Variable softmax(Variable x) {
        return softmax(x, -1);
    }

    @Override
    public Variable forward(Variable x) {
        return softmax(x, axis);
    }

    @Override
    protected String describe() {
        return "Softmax(axis=" + axis + ")";
    }
}
