package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * A rule that draws the initial value of a weight tensor θ⁽⁰⁾ of a given shape.
 *
 * <p>Weights are (out, in, k…) as in PyTorch, and the fans are {@link Fans#of(Shape)}:
 * fan_in = in·Πk, fan_out = out·Πk. Every draw comes from the given {@link Rng}, so the same seed
 * gives the same weights.
 *
 * <p>{@link #initializeBias(Shape, Rng)} gives the bias b ∈ ℝ^out of a layer whose weight has the given
 * shape; it is zero unless the definition says otherwise ({@link LinearDefault}, {@link Critical}).
 */
public interface Initializer {

    /** Draws a tensor of the given shape. */
    Tensor initialize(Shape shape, Rng rng);

    /** Draws a tensor of the given shape. */
    default Tensor initialize(Rng rng, int... shape) {
        return initialize(Shape.of(shape), rng);
    }

    /** The initial bias b ∈ ℝ^out for a weight of shape (out, in, k…); zeros by default. */
    default Tensor initializeBias(Shape weightShape, Rng rng) {
        if (weightShape.rank() < 1) {
            throw new IllegalArgumentException("initializeBias: expected a weight with at least 1 axis, got " + weightShape);
        }
        return Tensor.zeros(weightShape.dim(0));
    }

    /** Checks that a standard deviation is finite and non-negative. */
    static void checkStd(String who, double std) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException(who + ": standard deviation must be finite and ≥ 0, got " + std);
        }
    }

    /** Checks that a gain is finite and positive. */
    static void checkGain(String who, double gain) {
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException(who + ": gain must be finite and > 0, got " + gain);
        }
    }
}
