package org.nabla.layer;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The im2col (unfold) rearrangement that turns convolution into a matrix product
 * (Chellapilla, Puri &amp; Simard, "High performance convolutional neural networks for document
 * processing", 2006).
 *
 * <p>For an input x of shape (N, C, H, W), a kernel of size (k_h, k_w), stride s, padding p and
 * dilation d, the output has shape (N, C·k_h·k_w, H_out·W_out) with
 * <pre>
 *   cols[n, (c·k_h + i)·k_w + j, oh·W_out + ow] = x[n, c, oh·s_h − p_h + i·d_h, ow·s_w − p_w + j·d_w]
 *   H_out = ⌊(H + 2p_h − d_h(k_h − 1) − 1) / s_h⌋ + 1   (likewise W_out),
 * </pre>
 * and positions in the padding read {@code padValue} (0 for convolution, −∞ for max-pooling).
 * The map is linear in x (for the entries it reads); its vector-Jacobian product is {@link Col2Im},
 * which adds every column entry back to the pixel it came from.
 */
public final class Im2Col extends Operation {
    final Geometry g;
    private final double padValue;

    /** The sizes of one im2col/col2im pair. */
    static final class Geometry {
        final int channels;
        final int height;
        final int width;
        final int kh;
        final int kw;
        final int sh;
        final int sw;
        final int ph;
        final int pw;
        final int dh;
        final int dw;
        final int outH;
        final int outW;

        Geometry(String op, int channels, int height, int width, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                 int dw) {
            if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || dh < 1 || dw < 1 || ph < 0 || pw < 0) {
                throw new IllegalArgumentException(op + ": expected kernel, stride and dilation ≥ 1 and padding ≥ 0, got kernel ("
                        + kh + ", " + kw + "), stride (" + sh + ", " + sw + "), padding (" + ph + ", " + pw
                        + "), dilation (" + dh + ", " + dw + ")");
            }
            this.channels = channels;
            this.height = height;
            this.width = width;
            this.kh = kh;
            this.kw = kw;
            this.sh = sh;
            this.sw = sw;
            this.ph = ph;
            this.pw = pw;
            this.dh = dh;
            this.dw = dw;
            this.outH = Math.floorDiv(height + 2 * ph - dh * (kh - 1) - 1, sh) + 1;
            this.outW = Math.floorDiv(width + 2 * pw - dw * (kw - 1) - 1, sw) + 1;
            if (outH < 1 || outW < 1) {
                throw new IllegalArgumentException(op + ": input of size (" + height + ", " + width
                        + ") is too small for kernel (" + kh + ", " + kw + ") with padding (" + ph + ", " + pw
                        + ") and dilation (" + dh + ", " + dw + "): output would be (" + outH + ", " + outW + ")");
            }
        }

        int rows() {
            return channels * kh * kw;
        }

        int cols() {
            return outH * outW;
        }

        /** The first output column ow whose kernel column j reads inside the image (ow·s_w − p_w + j·d_w ≥ 0). */
        int firstInside(int j) {
            int need = pw - j * dw; // ow·s_w ≥ need
            return need <= 0 ? 0 : Math.min(outW, (need + sw - 1) / sw);
        }

        /** One past the last output column ow whose kernel column j reads inside the image (… &lt; W). */
        int endInside(int j) {
            int limit = width - 1 + pw - j * dw; // ow·s_w ≤ limit
            return limit < 0 ? 0 : Math.min(outW, limit / sw + 1);
        }
    }

    Im2Col(Geometry g, double padValue) {
        super("im2col");
        this.g = g;
        this.padValue = padValue;
    }

    /** Unfolds x (N, C, H, W) into (N, C·k_h·k_w, H_out·W_out). */
    public static Variable im2col(Variable x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                                  double padValue) {
        Shape s = x.shape();
        if (s.rank() != 4) {
            throw new IllegalArgumentException("im2col: expected input of shape (N, C, H, W), got " + s);
        }
        Geometry g = new Geometry("im2col", s.dim(1), s.dim(2), s.dim(3), kh, kw, sh, sw, ph, pw, dh, dw);
        return new Im2Col(g, padValue).apply(x);
    }

    @Override
    protected Tensor forward(Tensor[] inputs) {
        Tensor x = inputs[0];
        int n = x.dim(0);
        double[] src = x.dataView();
        int rows = g.rows();
        int cols = g.cols();
        int hw = g.height * g.width;
        return Tensor.build(Shape.of(n, rows, cols), out -> {
            for (int b = 0; b < n; b++) {
                for (int c = 0; c < g.channels; c++) {
                    int srcBase = (b * g.channels + c) * hw;
                    for (int i = 0; i < g.kh; i++) {
                        for (int j = 0; j < g.kw; j++) {
                            int row = (c * g.kh + i) * g.kw + j;
                            int dst = (b * rows + row) * cols;
                            // columns ow in [lo, hi) read inside the image; the others read the padding
                            int lo = g.firstInside(j);
                            int hi = g.endInside(j);
                            int x0 = lo * g.sw - g.pw + j * g.dw;
                            for (int oh = 0; oh < g.outH; oh++) {
                                int y = oh * g.sh - g.ph + i * g.dh;
                                int d = dst + oh * g.outW;
                                if (y < 0 || y >= g.height || lo >= hi) {
                                    java.util.Arrays.fill(out, d, d + g.outW, padValue);
                                    continue;
                                }
                                java.util.Arrays.fill(out, d, d + lo, padValue);
                                java.util.Arrays.fill(out, d + hi, d + g.outW, padValue);
                                int from = srcBase + y * g.width + x0;
                                if (g.sw == 1) {
                                    System.arraycopy(src, from, out, d + lo, hi - lo);
                                } else {
                                    for (int ow = lo; ow < hi; ow++, from += g.sw) {
                                        out[d + ow] = src[from];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    @Override
    protected Variable[] backward(Variable gradOutput) {
        return new Variable[] {new Col2Im(g).apply(gradOutput)};
    }
}
