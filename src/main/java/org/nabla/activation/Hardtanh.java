package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * The hard hyperbolic tangent: the identity clipped to [min, max] (default [−1, 1]).
 * <pre>
 *   Hardtanh(x) = min if x &lt; min,  x if min ≤ x ≤ max,  max if x &gt; max,
 *   Hardtanh′(x) = 1 if min &lt; x &lt; max, else 0   (0 at both kinks, as PyTorch's hardtanh).
 * </pre>
 * Computed as where(min &lt; x &lt; max, x, clip(x, min, max)) with the clipped values constant, so that
 * the derivative at the kinks is PyTorch's 0 (the {@link Variable#clip clip} primitive, like
 * torch.clamp, passes the gradient at the boundaries instead).
 * Source: Collobert, "Large Scale Machine Learning" (PhD thesis, 2004), §4.2; Goodfellow, Bengio &amp;
 * Courville, Deep Learning (2016), §6.3.3.
 */
public final class Hardtanh extends Module {
    private final double min;
    private final double max;

    /** On [−1, 1]. */
    public Hardtanh() {
        this(-1.0, 1.0);
    }

    /** On [min, max], min &lt; max. */
    public Hardtanh(double min, double max) {
        check(min, max);
        this.min = min;
        this.max = max;
    }

    private static void check(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("Hardtanh: expected min < max, got min = " + min + ", max = " + max);
        }
    }

    /** The lower bound. */
    public double min() {
        return min;
    }

    /** The upper bound. */
    public double max() {
        return max;
    }

    /** x clipped to [min, max], derivative 0 at and outside the bounds. */
    public static Variable hardtanh(Variable x, double min, double max) {
        check(min, max);
        Tensor v = x.value();
        Tensor inside = v.map(t -> t > min && t < max ? 1.0 : 0.0);
        return Variable.where(inside, x, Variable.constant(v.clip(min, max)));
    }

    /** On [−1, 1]. */
    public static Variable hardtanh(Variable x) {
        return hardtanh(x, -1.0, 1.0);
    }

    @Override
    public Variable forward(Variable x) {
        return hardtanh(x, min, max);
    }

    @Override
    protected String describe() {
        return "Hardtanh(min=" + min + ", max=" + max + ")";
    }
}
