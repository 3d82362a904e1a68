package org.nabla.layer;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.internal.SlidingWindow;

/**
 * What max- and average pooling share: a square window k, a stride s and a padding p ≤ k/2 (checked
 * here), and the description. {@link AvgPool2d} is computed as im2col over single-channel images
 * (N·C, 1, H, W) followed by a mean over the window axis ({@link #meanPool}); {@link MaxPool2d} has a
 * primitive of its own.
 */
abstract class Pool2d extends Module {
    final int kernel;
    final int stride;
    final int padding;

    Pool2d(int kernel, int stride, int padding) {
        if (kernel < 1 || stride < 1 || padding < 0 || padding > kernel / 2) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": expected kernel ≥ 1, stride ≥ 1 and 0 ≤ padding ≤ kernel/2, got kernel=" + kernel + ", stride="
                    + stride + ", padding=" + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    static Variable meanPool(Variable x, int kernel, int stride, int padding) {
        String op = "avgPool2d";
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException(op + ": expected input (N, C, H, W), got shape " + x.shape());
        }
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        SlidingWindow g = new SlidingWindow(op, 1, h, w, kernel, kernel, stride, stride, padding, padding, 1, 1);
        Variable cols = Im2Col.im2col(x.reshape(n * c, 1, h, w), kernel, kernel, stride, stride, padding, padding, 1, 1,
                0.0);
        Variable r = cols.mean(new int[] {1}, false);
        return r.reshape(n, c, g.outH, g.outW);
    }

    /** The window size k (k × k). */
    public int kernelSize() {
        return kernel;
    }

    /** The stride s. */
    public int stride() {
        return stride;
    }

    /** The padding p on every side. */
    public int padding() {
        return padding;
    }

    @Override
    protected String describe() {
        return getClass().getSimpleName() + "(kernel=" + kernel + ", stride=" + stride + ", padding=" + padding + ")";
    }
}
