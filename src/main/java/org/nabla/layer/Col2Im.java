package org.nabla.layer;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * col2im (fold), the adjoint of {@link Im2Col}: from columns of shape (N, C·k_h·k_w, H_out·W_out)
 * back to an image (N, C, H, W), adding every entry to the pixel it was read from (entries that
 * came from the padding are dropped):
 * <pre>
 *   y[n, c, oh·s_h − p_h + i·d_h, ow·s_w − p_w + j·d_w] += cols[n, (c·k_h + i)·k_w + j, oh·W_out + ow].
 * </pre>
 * It is linear; its vector-Jacobian product is im2col (with zero padding). It also computes the
 * transposed convolution.
 */
public final class Col2Im extends Operation {
    private final Im2Col.Geometry g;

    Col2Im(Im2Col.Geometry g) {
        super("col2im");
        this.g = g;
    }

    @Override
    protected Tensor forward(Tensor[] inputs) {
        Tensor cols = inputs[0];
        int n = cols.dim(0);
        double[] src = cols.dataView();
        int rows = g.rows();
        int ncols = g.cols();
        int hw = g.height * g.width;
        return Tensor.build(Shape.of(n, g.channels, g.height, g.width), out -> {
            for (int b = 0; b < n; b++) {
                for (int c = 0; c < g.channels; c++) {
                    int dstBase = (b * g.channels + c) * hw;
                    for (int i = 0; i < g.kh; i++) {
                        for (int j = 0; j < g.kw; j++) {
                            int row = (c * g.kh + i) * g.kw + j;
                            int s = (b * rows + row) * ncols;
                            // columns ow in [lo, hi) came from inside the image; the others from the padding
                            int lo = g.firstInside(j);
                            int hi = g.endInside(j);
                            int x0 = lo * g.sw - g.pw + j * g.dw;
                            for (int oh = 0; oh < g.outH; oh++) {
                                int y = oh * g.sh - g.ph + i * g.dh;
                                if (y < 0 || y >= g.height) {
                                    continue;
                                }
                                int to = dstBase + y * g.width + x0;
                                int so = s + oh * g.outW;
                                if (g.sw == 1) {
                                    for (int ow = lo; ow < hi; ow++) {
                                        out[to + ow - lo] += src[so + ow];
                                    }
                                } else {
                                    for (int ow = lo; ow < hi; ow++, to += g.sw) {
                                        out[to] += src[so + ow];
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
        return new Variable[] {new Im2Col(g, 0.0).apply(gradOutput)};
    }
}
