package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Xavier (Glorot) uniform initialization:
 * <pre>
 *   Wᵢⱼ ~ U(−a, a),  a = g · √(6 / (fan_in + fan_out)),  so  Var(W) = g² · 2 / (fan_in + fan_out).
 * </pre>
 * The variance is the harmonic compromise between keeping the forward activations
 * (Var = 1/fan_in) and the backward gradients (Var = 1/fan_out) the same size from layer to layer,
 * for a unit near its linear regime.
 *
 * <p>Source: X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward neural
 * networks", AISTATS 2010, eq. 16 (normalized initialization); torch.nn.init.xavier_uniform_.
 */
public final class XavierUniform implements Initializer {
    private final double gain;

    /** Gain g = 1. */
    public XavierUniform() {
        this(1.0);
    }

    /** Gain g &gt; 0, e.g. {@code Gain.of("tanh")}. */
    public XavierUniform(double gain) {
        Initializer.checkGain("XavierUniform", gain);
        this.gain = gain;
    }

    /** The variance g² · 2 / (fan_in + fan_out) for a weight of this shape. */
    public double variance(Shape shape) {
        Fans f = Fans.of(shape);
        return gain * gain * 2.0 / (f.fanIn() + f.fanOut());
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        double a = Math.sqrt(3.0 * variance(shape));
        return Tensor.uniform(rng, -a, a, shape.dims());
    }

    @Override
    public String toString() {
        return "XavierUniform(gain=" + gain + ")";
    }
}
