package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * LeCun normal initialization:
 * <pre>
 *   Wᵢⱼ ~ N(0, 1 / fan_in).
 * </pre>
 * Keeps Var(Σⱼ Wᵢⱼxⱼ) = Var(x) for unit-variance inputs; the initialization SELU networks assume.
 *
 * <p>Source: Y. LeCun, L. Bottou, G. Orr and K.-R. Müller, "Efficient BackProp", in Neural Networks:
 * Tricks of the Trade, 1998, §4.6; G. Klambauer et al., "Self-Normalizing Neural Networks", NeurIPS 2017.
 */
public final class LeCunNormal implements Initializer {
    /** The LeCun normal initializer (it has no settings). */
    public LeCunNormal() {
    }


    /** The variance 1 / fan_in for a weight of this shape. */
    public double variance(Shape shape) {
        return 1.0 / Fans.of(shape).fanIn();
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        return Tensor.normal(rng, 0.0, Math.sqrt(variance(shape)), shape.dims());
    }

    @Override
    public String toString() {
        return "LeCunNormal";
    }
}
