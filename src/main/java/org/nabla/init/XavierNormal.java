package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Xavier (Glorot) normal initialization:
 * <pre>
 *   Wᵢⱼ ~ N(0, σ²),  σ = g · √(2 / (fan_in + fan_out)).
 * </pre>
 * Same variance as {@link XavierUniform}, drawn from a Gaussian.
 *
 * <p>Source: X. Glorot and Y. Bengio, AISTATS 2010, §4.2; torch.nn.init.xavier_normal_.
 */
public final class XavierNormal implements Initializer {
    private final double gain;

    /** Gain g = 1. */
    public XavierNormal() {
        this(1.0);
    }

    /** Gain g &gt; 0. */
    public XavierNormal(double gain) {
        Initializer.checkGain("XavierNormal", gain);
        this.gain = gain;
    }

    /** The variance g² · 2 / (fan_in + fan_out) for a weight of this shape. */
    public double variance(Shape shape) {
        Fans f = Fans.of(shape);
        return gain * gain * 2.0 / (f.fanIn() + f.fanOut());
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        return Tensor.normal(rng, 0.0, Math.sqrt(variance(shape)), shape.dims());
    }

    @Override
    public String toString() {
        return "XavierNormal(gain=" + gain + ")";
    }
}
