package org.nabla.layer;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Shape;
import org.nabla.tensor.internal.SlidingWindow;
import org.nabla.tensor.Tensor;

/**
 * col2im (fold), the adjoint of {@link Im2Col}: from columns of shape (N, C·k_h·k_w, H_out·W_out)
 * back to an image (N, C, H, W), adding every entry to the pixel it was read from (entries that
 * came from the padding are dropped):
 * <pre>
 *   y[n, c, oh·s_h − p_h + i·d_h, ow·s_w − p_w + j·d_w] += cols[n, (c·k_h + i)·k_w + j, oh·W_out + ow].
 * </pre>
 * It is linear; its vector-Jacobian product is im2col (with zero padding).
 */
public final class Col2Im extends Operation {
    private final SlidingWindow g;

    Col2Im(SlidingWindow g) {
        super("col2im");
        this.g = g;
    }

    @Override
    protected Tensor forward(Tensor[] inputs) {
        Tensor cols = inputs[0];
        int n = cols.dim(0);
        double[] src = cols.dataView();
        int image = g.channels * g.height * g.width;
        int block = g.rows() * g.cols();
        return Tensor.build(Shape.of(n, g.channels, g.height, g.width), out -> {
            for (int b = 0; b < n; b++) {
                g.foldAdd(src, b * block, out, b * image);
            }
        });
    }

    @Override
    protected Variable jvp(Variable[] t) {
        return new Col2Im(g).apply(t[0]);
    }

    @Override
    protected Variable[] backward(Variable gradOutput) {
        return new Variable[] {new Im2Col(g, 0.0).apply(gradOutput)};
    }
}
