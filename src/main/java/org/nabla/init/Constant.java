package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/** θ = c for every entry (torch.nn.init.constant_); e.g. c = 1 for a normalization layer's scale γ. */
public final class Constant implements Initializer {
    private final double value;

    /** Every entry equal to {@code value} (finite). */
    public Constant(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Constant: value must be finite, got " + value);
        }
        this.value = value;
    }

    /** The constant c. */
    public double value() {
        return value;
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        return Tensor.full(shape, value);
    }

    @Override
    public String toString() {
        return "Constant(" + value + ")";
    }
}
