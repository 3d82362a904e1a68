package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * θᵢ ~ U(a, b) independently (torch.nn.init.uniform_): mean (a + b)/2, variance (b − a)²/12.
 */
public final class Uniform implements Initializer {
    private final double low;
    private final double high;

    /** U(low, high) with low &lt; high, both finite. */
    public Uniform(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new IllegalArgumentException("Uniform: expected finite bounds with a < b, got a = " + low + ", b = " + high);
        }
        this.low = low;
        this.high = high;
    }

    /** U(−bound, bound) for bound &gt; 0. */
    public static Uniform symmetric(double bound) {
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("Uniform: bound must be finite and > 0, got " + bound);
        }
        return new Uniform(-bound, bound);
    }

    /** The lower bound a. */
    public double low() {
        return low;
    }

    /** The upper bound b. */
    public double high() {
        return high;
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        return Tensor.uniform(rng, low, high, shape.dims());
    }

    @Override
    public String toString() {
        return "Uniform(" + low + ", " + high + ")";
    }
}
