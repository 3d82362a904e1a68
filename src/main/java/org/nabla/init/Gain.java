package org.nabla.init;

import java.util.Locale;

/**
 * The recommended gain g for a nonlinearity, as torch.nn.init.calculate_gain: the factor by which
 * a variance-preserving initializer scales its standard deviation so that the signal keeps its
 * size through the nonlinearity.
 * <pre>
 *   linear, identity, conv*, sigmoid : g = 1
 *   tanh                             : g = 5/3
 *   relu                             : g = √2            (He et al. 2015: E[relu(z)²] = Var(z)/2)
 *   leaky_relu with slope a          : g = √(2 / (1 + a²)), a = 0.01 by default
 *   selu                             : g = 3/4
 * </pre>
 */
public final class Gain {
    private Gain() {
    }

    /** The gain of a nonlinearity without a parameter (leaky_relu uses slope 0.01). */
    public static double of(String nonlinearity) {
        return of(nonlinearity, Double.NaN);
    }

    /** The gain of a nonlinearity; {@code param} is leaky_relu's negative slope (NaN for the default 0.01). */
    public static double of(String nonlinearity, double param) {
        String n = nonlinearity == null ? "null" : nonlinearity.toLowerCase(Locale.ROOT);
        switch (n) {
            case "linear": case "identity": case "conv1d": case "conv2d": case "conv3d":
            case "conv_transpose1d": case "conv_transpose2d": case "conv_transpose3d": case "sigmoid":
                return 1.0;
            case "tanh":
                return 5.0 / 3.0;
            case "relu":
                return Math.sqrt(2.0);
            case "leaky_relu": {
                double a = Double.isNaN(param) ? 0.01 : param;
                if (Double.isInfinite(a)) {
                    throw new IllegalArgumentException("Gain: negative slope must be finite, got " + param);
                }
                return Math.sqrt(2.0 / (1 + a * a));
            }
            case "selu":
                return 3.0 / 4.0;
            default:
                throw new IllegalArgumentException("Gain: unsupported nonlinearity '" + nonlinearity
                        + "' (expected linear, identity, conv1d, conv2d, conv3d, sigmoid, tanh, relu, leaky_relu or selu)");
        }
    }
}
