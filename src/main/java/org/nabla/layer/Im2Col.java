package org.nabla.layer;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Shape;
import org.nabla.tensor.internal.SlidingWindow;
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
 * and positions in the padding read {@code padValue} (0 for a convolution written as im2col and a
 * matrix product; −∞ would give max-pooling as a maximum over each column).
 * The map is linear in x (for the entries it reads); its vector-Jacobian product is {@link Col2Im},
 * which adds every column entry back to the pixel it came from.
 */
public final class Im2Col extends Operation {
    final SlidingWindow g;
    private final double padValue;

    Im2Col(SlidingWindow g, double padValue) {
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
        SlidingWindow g = new SlidingWindow("im2col", s.dim(1), s.dim(2), s.dim(3), kh, kw, sh, sw, ph, pw, dh, dw);
        return new Im2Col(g, padValue).apply(x);
    }

    @Override
    protected Tensor forward(Tensor[] inputs) {
        Tensor x = inputs[0];
        int n = x.dim(0);
        double[] src = x.dataView();
        int image = g.channels * g.height * g.width;
        int block = g.rows() * g.cols();
        return Tensor.build(Shape.of(n, g.rows(), g.cols()), out -> {
            for (int b = 0; b < n; b++) {
                g.unfold(src, b * image, out, b * block, padValue);
            }
        });
    }

    @Override
    protected Variable jvp(Variable[] t) {
        return new Im2Col(g, 0.0).apply(t[0]); // the padding value is a constant: its tangent is 0
    }

    @Override
    protected Variable[] backward(Variable gradOutput) {
        return new Variable[] {new Col2Im(g).apply(gradOutput)};
    }
}
