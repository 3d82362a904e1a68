package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Kaiming (He) uniform initialization:
 * <pre>
 *   Wᵢⱼ ~ U(−a, a),  a = √3 · g / √fan,  so  Var(W) = g² / fan,
 * </pre>
 * with fan = fan_in (default) or fan_out, and g the nonlinearity's gain ({@link Gain}; √2 for ReLU).
 * For ReLU, E[relu(z)²] = Var(z)/2, so Var(W) = 2/fan_in keeps the second moment of the
 * pre-activations constant through depth.
 *
 * <p>Source: K. He, X. Zhang, S. Ren and J. Sun, "Delving Deep into Rectifiers", ICCV 2015, §2.2, eq. 10;
 * torch.nn.init.kaiming_uniform_.
 */
public final class KaimingUniform implements Initializer {
    private final double gain;
    private final FanMode mode;

    /** For ReLU: g = √2, fan_in. */
    public KaimingUniform() {
        this(Math.sqrt(2.0), FanMode.FAN_IN);
    }

    /** Gain g &gt; 0 and fan mode. */
    public KaimingUniform(double gain, FanMode mode) {
        Initializer.checkGain("KaimingUniform", gain);
        if (mode == null) {
            throw new IllegalArgumentException("KaimingUniform: mode must be FAN_IN or FAN_OUT, got null");
        }
        this.gain = gain;
        this.mode = mode;
    }

    /** For a nonlinearity by name (as {@link Gain#of(String, double)}) and fan mode. */
    public static KaimingUniform forNonlinearity(String nonlinearity, double param, FanMode mode) {
        return new KaimingUniform(Gain.of(nonlinearity, param), mode);
    }

    /** The variance g² / fan for a weight of this shape. */
    public double variance(Shape shape) {
        return gain * gain / Fans.of(shape).get(mode);
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        double a = Math.sqrt(3.0 * variance(shape));
        return Tensor.uniform(rng, -a, a, shape.dims());
    }

    @Override
    public String toString() {
        return "KaimingUniform(gain=" + gain + ", mode=" + mode + ")";
    }
}
