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
public final class MaxPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;

    /** Window k, stride k, no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Window k, stride s, padding p (p ≤ k/2, as PyTorch requires). */
    public MaxPool2d(int kernel, int stride, int padding) {
        if (kernel < 1 || stride < 1 || padding < 0 || padding > kernel / 2) {
            throw new IllegalArgumentException("MaxPool2d: expected kernel ≥ 1, stride ≥ 1 and 0 ≤ padding ≤ kernel/2, got kernel="
                    + kernel + ", stride=" + stride + ", padding=" + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Variable forward(Variable x) {
        return maxPool2d(x, kernel, stride, padding);
    }

    /** The functional form. */
    public static Variable maxPool2d(Variable x, int kernel, int stride, int padding) {
        return pool(x, kernel, stride, padding, true);
    }

    static Variable pool(Variable x, int kernel, int stride, int padding, boolean max) {
        String op = max ? "maxPool2d" : "avgPool2d";
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException(op + ": expected input (N, C, H, W), got shape " + x.shape());
        }
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        Im2Col.Geometry g = new Im2Col.Geometry(op, 1, h, w, kernel, kernel, stride, stride, padding, padding, 1, 1);
        Variable cols = Im2Col.im2col(x.reshape(n * c, 1, h, w), kernel, kernel, stride, stride, padding, padding, 1, 1,
                max ? Double.NEGATIVE_INFINITY : 0.0);
        Variable r = max ? cols.max(new int[] {1}, false) : cols.mean(new int[] {1}, false);
        return r.reshape(n, c, g.outH, g.outW);
    }

    @Override
    protected String describe() {
        return "MaxPool2d(kernel=" + kernel + ", stride=" + stride + ", padding=" + padding + ")";
    }
}
