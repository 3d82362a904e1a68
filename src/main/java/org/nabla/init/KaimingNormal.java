package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Kaiming (He) normal initialization:
 * <pre>
 *   Wᵢⱼ ~ N(0, σ²),  σ = g / √fan,
 * </pre>
 * with fan = fan_in (default) or fan_out and g the gain ({@link Gain}; √2 for ReLU, so Var(W) = 2/fan_in).
 *
 * <p>Source: K. He, X. Zhang, S. Ren and J. Sun, "Delving Deep into Rectifiers", ICCV 2015, §2.2, eq. 10;
 * torch.nn.init.kaiming_normal_.
 */
public final class KaimingNormal implements Initializer {
    private final double gain;
    private final FanMode mode;

    /** For ReLU: g = √2, fan_in. */
    public KaimingNormal() {
        this(Math.sqrt(2.0), FanMode.FAN_IN);
    }

    /** Gain g &gt; 0 and fan mode. */
    public KaimingNormal(double gain, FanMode mode) {
        Initializer.checkGain("KaimingNormal", gain);
        if (mode == null) {
            throw new IllegalArgumentException("KaimingNormal: mode must be FAN_IN or FAN_OUT, got null");
        }
        this.gain = gain;
        this.mode = mode;
    }

    /** For a nonlinearity by name (as {@link Gain#of(String, double)}) and fan mode. */
    public static KaimingNormal forNonlinearity(String nonlinearity, double param, FanMode mode) {
        return new KaimingNormal(Gain.of(nonlinearity, param), mode);
    }

    /** The variance g² / fan for a weight of this shape. */
    public double variance(Shape shape) {
        return gain * gain / Fans.of(shape).get(mode);
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        return Tensor.normal(rng, 0.0, Math.sqrt(variance(shape)), shape.dims());
    }

    @Override
    public String toString() {
        return "KaimingNormal(gain=" + gain + ", mode=" + mode + ")";
    }
}
