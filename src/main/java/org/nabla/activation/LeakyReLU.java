package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The leaky rectified linear unit with a fixed negative slope a (default 0.01).
 * <pre>
 *   LeakyReLU(x) = x if x &gt; 0, else a·x,
 *   LeakyReLU′(x) = 1 if x &gt; 0, else a   (a at the kink x = 0, as PyTorch).
 * </pre>
 * Computed as where(x &gt; 0, x, a·x).
 * Source: Maas, Hannun &amp; Ng, "Rectifier Nonlinearities Improve Neural Network Acoustic Models"
 * (ICML 2013 workshop), §3.
 */
public final class LeakyReLU extends Module {
    /** PyTorch's default negative slope. */
    public static final double DEFAULT_SLOPE = 0.01;
    private final double slope;

    /** With the default negative slope 0.01. */
    public LeakyReLU() {
        this(DEFAULT_SLOPE);
    }

    /** @param slope the negative slope a (any finite number) */
    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    /** The negative slope a. */
    public double slope() {
        return slope;
    }

    /** x if x &gt; 0, else slope·x, elementwise. */
    public static Variable leakyRelu(Variable x, double slope) {
        return Variable.where(x.value().gt(0.0), x, x.mul(slope));
    }

    /** With slope 0.01. */
    public static Variable leakyRelu(Variable x) {
        return leakyRelu(x, DEFAULT_SLOPE);
    }

    @Override
    public Variable forward(Variable x) {
        return leakyRelu(x, slope);
    }

    @Override
    protected String describe() {
        return "LeakyReLU(slope=" + slope + ")";
    }
}
