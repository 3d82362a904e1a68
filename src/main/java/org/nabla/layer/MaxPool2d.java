package org.nabla.layer;

import org.nabla.autodiff.Variable;

/**
 * Max-pooling over windows of an NCHW input (Goodfellow, Bengio &amp; Courville, Deep Learning, §9.3):
 * <pre>
 *   y[n, c, h, w] = max over 0 ≤ i, j &lt; k of x[n, c, h·s − p + i, w·s − p + j]   (padding reads −∞).
 * </pre>
 * The cotangent goes to the maximal entry of each window (shared equally at exact ties, where
 * PyTorch picks the first). Computed as im2col (padding −∞) followed by a max over the window axis.
 */
public final class MaxPool2d extends Pool2d {
    /** Window k, stride k, no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Window k, stride s, padding p (p ≤ k/2, as PyTorch requires). */
    public MaxPool2d(int kernel, int stride, int padding) {
        super(kernel, stride, padding);
    }

    @Override
    public Variable forward(Variable x) {
        return maxPool2d(x, kernel, stride, padding);
    }

    /** The functional form. */
    public static Variable maxPool2d(Variable x, int kernel, int stride, int padding) {
        return pool(x, kernel, stride, padding, true);
    }
}
