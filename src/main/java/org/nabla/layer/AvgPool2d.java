package org.nabla.layer;

import org.nabla.autodiff.Variable;

/**
 * Average pooling over windows of an NCHW input:
 * <pre>
 *   y[n, c, h, w] = (1/k²) Σ over 0 ≤ i, j &lt; k of x[n, c, h·s − p + i, w·s − p + j]   (padding counts as 0),
 * </pre>
 * PyTorch's default count_include_pad = true. Its derivative spreads each cotangent equally,
 * 1/k², over the window.
 */
public final class AvgPool2d extends Pool2d {
    /** Window k, stride k, no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Window k, stride s, padding p (p ≤ k/2, as PyTorch requires). */
    public AvgPool2d(int kernel, int stride, int padding) {
        super(kernel, stride, padding);
    }

    @Override
    public Variable forward(Variable x) {
        return avgPool2d(x, kernel, stride, padding);
    }

    /** The functional form. */
    public static Variable avgPool2d(Variable x, int kernel, int stride, int padding) {
        return meanPool(x, kernel, stride, padding);
    }
}
