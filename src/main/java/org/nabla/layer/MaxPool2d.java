package org.nabla.layer;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Shape;
import org.nabla.tensor.internal.SlidingWindow;
import org.nabla.tensor.Tensor;

/**
 * Max-pooling over windows of an NCHW input (Goodfellow, Bengio &amp; Courville, Deep Learning, §9.3):
 * <pre>
 *   y[n, c, h, w] = max over 0 ≤ i, j &lt; k of x[n, c, h·s − p + i, w·s − p + j]   (padding reads −∞),
 *   H_out = ⌊(H + 2p − k) / s⌋ + 1   (likewise W_out).
 * </pre>
 * The cotangent goes to the maximal entry of each window, shared equally at exact ties (where
 * PyTorch picks the first; ties are common after a ReLU, whose zeros fill whole windows). A NaN in a
 * window makes its output NaN, and the window's cotangent goes to the first NaN.
 *
 * <p>Computed in one pass over the input: the forward primitive records, per window, which entries
 * attained the maximum (the {@link MaxPoolSwitches switches}); its vector-Jacobian product routes the
 * cotangent back through them. (Written as im2col followed by a max over the window axis — the
 * definition above, literally — it was a fifth of a LeNet-5 training step.)
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
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException("maxPool2d: expected input (N, C, H, W), got shape " + x.shape());
        }
        SlidingWindow g = new SlidingWindow("maxPool2d", 1, x.shape().dim(2), x.shape().dim(3), kernel, kernel,
                stride, stride, padding, padding, 1, 1);
        return new WindowMax(g).apply(x);
    }

    /** The forward primitive: the window maxima, remembering the switches for the backward pass. */
    private static final class WindowMax extends Operation {
        private final SlidingWindow g;
        private MaxPoolSwitches switches;

        WindowMax(SlidingWindow g) {
            super("maxPool2d");
            this.g = g;
        }

        @Override
        protected Tensor forward(Tensor[] inputs) {
            Tensor x = inputs[0];
            int planes = x.dim(0) * x.dim(1);
            int outputs = planes * g.outH * g.outW;
            double[] src = x.dataView();
            int[] start = new int[outputs + 1];
            int[] index = new int[outputs * g.kh * g.kw];
            Shape outShape = Shape.of(x.dim(0), x.dim(1), g.outH, g.outW);
            Tensor y = Tensor.build(outShape, out -> windowMaxima(src, planes, out, start, index));
            switches = new MaxPoolSwitches(x.shape(), outShape, start, index);
            return y;
        }

        /**
         * One pass over every window: out[o] = the window's maximum and its switches in
         * index[start[o]] … (every entry equal to the maximum; only the first NaN if there is one).
         */
        private void windowMaxima(double[] src, int planes, double[] out, int[] start, int[] index) {
            int h = g.height;
            int w = g.width;
            int o = 0;
            int used = 0;
            for (int plane = 0; plane < planes; plane++) {
                int base = plane * h * w;
                for (int oh = 0; oh < g.outH; oh++) {
                    int y0 = Math.max(0, oh * g.sh - g.ph);
                    int y1 = Math.min(h, oh * g.sh - g.ph + g.kh);
                    for (int ow = 0; ow < g.outW; ow++, o++) {
                        int x0 = Math.max(0, ow * g.sw - g.pw);
                        int x1 = Math.min(w, ow * g.sw - g.pw + g.kw);
                        if (y1 - y0 == 2 && x1 - x0 == 2) { // the common 2 × 2 window, unrolled
                            int q0 = base + y0 * w + x0;
                            int q2 = q0 + w;
                            double a = src[q0];
                            double b = src[q0 + 1];
                            double c = src[q2];
                            double d = src[q2 + 1];
                            double max = Math.max(Math.max(a, b), Math.max(c, d)); // = the left-to-right max
                            start[o] = used;
                            out[o] = max;
                            if (max == max) {
                                index[used] = q0;
                                used += a == max ? 1 : 0;
                                index[used] = q0 + 1;
                                used += b == max ? 1 : 0;
                                index[used] = q2;
                                used += c == max ? 1 : 0;
                                index[used] = q2 + 1;
                                used += d == max ? 1 : 0;
                            } else {
                                index[used++] = firstNaN(src, base, y0, y1, x0, x1, w);
                            }
                            continue;
                        }
                        // branch-free passes (on real data whether an entry beats the running maximum is
                        // a coin toss, which a branch predictor cannot learn): the maximum (NaN if any) ...
                        double max = Double.NEGATIVE_INFINITY;
                        for (int yy = y0; yy < y1; yy++) {
                            for (int q = base + yy * w + x0, end = base + yy * w + x1; q < end; q++) {
                                max = Math.max(max, src[q]);
                            }
                        }
                        // ... then the entries equal to it (every candidate is written, only a match is kept)
                        int first = used;
                        if (max == max) {
                            for (int yy = y0; yy < y1; yy++) {
                                for (int q = base + yy * w + x0, end = base + yy * w + x1; q < end; q++) {
                                    index[used] = q;
                                    used += src[q] == max ? 1 : 0;
                                }
                            }
                        } else {
                            index[used++] = firstNaN(src, base, y0, y1, x0, x1, w);
                        }
                        start[o] = first;
                        out[o] = max;
                    }
                }
            }
            start[o] = used;
        }

        private static int firstNaN(double[] src, int base, int y0, int y1, int x0, int x1, int w) {
            for (int yy = y0; yy < y1; yy++) {
                for (int q = base + yy * w + x0, end = base + yy * w + x1; q < end; q++) {
                    if (Double.isNaN(src[q])) {
                        return q;
                    }
                }
            }
            throw new IllegalStateException("maxPool2d: the window maximum is NaN but no entry is");
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return new MaxPoolSwitches.Pool(switches).apply(t[0]); // the mean of ẋ over each window's maximal entries
        }

        @Override
        protected Variable[] backward(Variable gradOutput) {
            return new Variable[] {new MaxPoolSwitches.Unpool(switches).apply(gradOutput)};
        }
    }
}
