package org.nabla.init;

import org.nabla.tensor.Shape;

/**
 * The fan-in and fan-out of a weight tensor, as PyTorch's {@code _calculate_fan_in_and_fan_out}.
 *
 * <p>For a weight of shape (out, in, k₁, …, k_d) — a Linear weight (out, in) or a convolution
 * kernel (out, in, kH, kW) — with receptive field r = k₁·…·k_d (r = 1 for a matrix):
 * <pre>
 *   fan_in  = in · r
 *   fan_out = out · r
 * </pre>
 * fan_in is the number of inputs that feed one output unit; fan_out the number of outputs one
 * input unit feeds. A tensor with fewer than 2 axes has no fans.
 *
 * @param fanIn  in · r
 * @param fanOut out · r
 */
public record Fans(int fanIn, int fanOut) {

    /** The fans of a weight of the given shape (at least 2 axes). */
    public static Fans of(Shape shape) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("Fans: fan-in and fan-out need a weight with at least 2 axes"
                    + " (out, in, k…), got shape " + shape);
        }
        int receptive = 1;
        for (int i = 2; i < shape.rank(); i++) {
            receptive *= shape.dim(i);
        }
        return new Fans(shape.dim(1) * receptive, shape.dim(0) * receptive);
    }

    /** fan_in or fan_out, as the mode says. */
    public int get(FanMode mode) {
        return mode == FanMode.FAN_IN ? fanIn : fanOut;
    }
}
