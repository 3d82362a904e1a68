package org.nabla.layer;

import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.internal.SlidingWindow;
import org.nabla.tensor.Tensor;

/**
 * Transposed convolution, the adjoint of {@link Conv2d} as a linear map of its input
 * (Dumoulin &amp; Visin, "A guide to convolution arithmetic for deep learning", 2016, §4):
 * <pre>
 *   y = col2im(W_matᵀ · x_mat) + b,   W_mat = reshape(W, (C_in, C_out·k_h·k_w)),
 *   H_out = (H − 1)·s − 2p + (k − 1) + output_padding + 1:
 * </pre>
 * exactly the input gradient of the convolution from (C_out, H_out, W_out) to (C_in, H, W) with
 * kernel W, which is how it is computed ({@link org.nabla.tensor.internal.Convolution#conv2dInputGradient}).
 * Shapes: x (N, C_in, H, W), W (C_in, C_out, k_h, k_w) (PyTorch's layout), b (C_out). One group.
 */
public final class ConvTranspose2d extends Module {
    private final int in;
    private final int out;
    private final int k;
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final Parameter weight;
    private final Parameter bias;

    /** A square-kernel transposed convolution. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int outputPadding,
                           boolean bias, Rng rng) {
        if (inChannels < 1 || outChannels < 1 || kernelSize < 1 || stride < 1 || padding < 0 || outputPadding < 0
                || outputPadding >= stride) {
            throw new IllegalArgumentException("ConvTranspose2d: invalid settings in=" + inChannels + ", out=" + outChannels
                    + ", kernel=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", outputPadding="
                    + outputPadding + " (expected positive sizes, padding ≥ 0, 0 ≤ outputPadding < stride)");
        }
        this.in = inChannels;
        this.out = outChannels;
        this.k = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        double bound = 1.0 / Math.sqrt((double) outChannels * kernelSize * kernelSize);
        this.weight = registerParameter("weight", Tensor.uniform(rng, -bound, bound, inChannels, outChannels, k, k));
        this.bias = bias ? registerParameter("bias", Tensor.uniform(rng, -bound, bound, outChannels)) : null;
    }

    /** The kernel W (C_in, C_out, k, k). */
    public Parameter weight() {
        return weight;
    }

    @Override
    public Variable forward(Variable x) {
        if (x.shape().rank() != 4 || x.shape().dim(1) != in) {
            throw new IllegalArgumentException(describe() + ": expected input (N, " + in + ", H, W), got shape " + x.shape());
        }
        return convTranspose2d(x, weight.variable(), bias == null ? null : bias.variable(), stride, padding, outputPadding);
    }

    /** The functional form. */
    public static Variable convTranspose2d(Variable x, Variable w, Variable b, int stride, int padding, int outputPadding) {
        Shape xs = x.shape();
        Shape ws = w.shape();
        if (xs.rank() != 4 || ws.rank() != 4 || ws.dim(0) != xs.dim(1)) {
            throw new IllegalArgumentException("convTranspose2d: expected input (N, C_in, H, W) and weight (C_in, C_out, kh, kw) with"
                    + " matching C_in, got " + xs + " and " + ws);
        }
        int n = xs.dim(0);
        int cin = xs.dim(1);
        int h = xs.dim(2);
        int wd = xs.dim(3);
        int cout = ws.dim(1);
        int kh = ws.dim(2);
        int kw = ws.dim(3);
        int hout = (h - 1) * stride - 2 * padding + (kh - 1) + outputPadding + 1;
        int wout = (wd - 1) * stride - 2 * padding + (kw - 1) + outputPadding + 1;
        if (hout < 1 || wout < 1) {
            throw new IllegalArgumentException("convTranspose2d: input " + xs + " with kernel " + kh + "x" + kw
                    + ", stride " + stride + ", padding " + padding + " gives an empty output (" + hout + ", " + wout + ")");
        }
        SlidingWindow g = new SlidingWindow("convTranspose2d", cout, hout, wout, kh, kw, stride, stride, padding, padding,
                1, 1);
        if (g.outH != h || g.outW != wd) {
            throw new IllegalArgumentException("convTranspose2d: inconsistent geometry for input " + xs);
        }
        // the input gradient of the convolution (C_out, H_out, W_out) → (C_in, H, W) with this kernel
        Variable y = Conv2d.transposed(x, w, hout, wout, stride, padding);
        if (b != null) {
            y = y.add(b.reshape(cout, 1, 1));
        }
        return y;
    }

    @Override
    protected String describe() {
        return "ConvTranspose2d(in=" + in + ", out=" + out + ", kernel=" + k + ", stride=" + stride + ", padding=" + padding
                + (outputPadding != 0 ? ", outputPadding=" + outputPadding : "") + ", bias=" + (bias != null) + ")";
    }
}
