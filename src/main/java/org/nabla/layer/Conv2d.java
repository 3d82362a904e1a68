package org.nabla.layer;

import java.util.ArrayList;
import java.util.List;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Two-dimensional convolution (strictly, cross-correlation) over NCHW inputs
 * (LeCun et al., "Gradient-based learning applied to document recognition", 1998; Goodfellow,
 * Bengio &amp; Courville, Deep Learning, §9.1–9.5):
 * <pre>
 *   y[n, o, h, w] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] · x[n, c, h·s_h − p_h + i·d_h, w·s_w − p_w + j·d_w],
 *   H_out = ⌊(H + 2p_h − d_h(k_h − 1) − 1) / s_h⌋ + 1.
 * </pre>
 * Shapes: x (N, C_in, H, W), W (C_out, C_in/groups, k_h, k_w), b (C_out), y (N, C_out, H_out, W_out).
 * With groups = g the channels split into g independent groups.
 *
 * <p>Computed as im2col followed by a matrix product, y = W_mat · im2col(x) with
 * W_mat = reshape(W, (C_out, C_in·k_h·k_w)); the backward pass is therefore the chain rule through
 * {@link Im2Col} (whose VJP is {@link Col2Im}) and matmul: W̄ = Σ_n ȳ_n colsₙᵀ and
 * x̄ = col2im(W_matᵀ ȳ). Weights and bias start as U(−1/√fan_in, 1/√fan_in), PyTorch's default.
 */
public final class Conv2d extends Module {
    private final int in;
    private final int out;
    private final int kh;
    private final int kw;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    /** A square-kernel convolution with stride 1, no padding, bias. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, Rng rng) {
        this(inChannels, outChannels, kernelSize, 1, 0, 1, 1, true, rng);
    }

    /** A square-kernel convolution with the given stride, padding, dilation and groups. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, Rng rng) {
        if (inChannels < 1 || outChannels < 1 || kernelSize < 1 || stride < 1 || padding < 0 || dilation < 1 || groups < 1) {
            throw new IllegalArgumentException("Conv2d: expected positive channels, kernel, stride, dilation, groups and padding ≥ 0, got in="
                    + inChannels + ", out=" + outChannels + ", kernel=" + kernelSize + ", stride=" + stride + ", padding="
                    + padding + ", dilation=" + dilation + ", groups=" + groups);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv2d: in=" + inChannels + " and out=" + outChannels
                    + " must both be divisible by groups=" + groups);
        }
        this.in = inChannels;
        this.out = outChannels;
        this.kh = kernelSize;
        this.kw = kernelSize;
        this.stride = new int[] {stride, stride};
        this.padding = new int[] {padding, padding};
        this.dilation = new int[] {dilation, dilation};
        this.groups = groups;
        int fanIn = inChannels / groups * kh * kw;
        double bound = 1.0 / Math.sqrt(fanIn);
        this.weight = registerParameter("weight", Tensor.uniform(rng, -bound, bound, outChannels, inChannels / groups, kh, kw));
        this.bias = bias ? registerParameter("bias", Tensor.uniform(rng, -bound, bound, outChannels)) : null;
    }

    /** The kernel W (C_out, C_in/groups, k_h, k_w). */
    public Parameter weight() {
        return weight;
    }

    /** The bias b (C_out), or null. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Variable forward(Variable x) {
        if (x.shape().rank() != 4 || x.shape().dim(1) != in) {
            throw new IllegalArgumentException(describe() + ": expected input (N, " + in + ", H, W), got shape " + x.shape());
        }
        return conv2d(x, weight.variable(), bias == null ? null : bias.variable(), stride, padding, dilation, groups);
    }

    /**
     * The functional form: y = conv2d(x, W, b) with stride, padding and dilation given per axis (h, w).
     *
     * @param b the bias (C_out), or null
     */
    public static Variable conv2d(Variable x, Variable w, Variable b, int[] stride, int[] padding, int[] dilation,
                                  int groups) {
        Shape xs = x.shape();
        Shape ws = w.shape();
        if (xs.rank() != 4 || ws.rank() != 4) {
            throw new IllegalArgumentException("conv2d: expected input (N, C, H, W) and weight (O, C/groups, kh, kw), got "
                    + xs + " and " + ws);
        }
        int c = xs.dim(1);
        int o = ws.dim(0);
        if (groups < 1 || c != ws.dim(1) * groups || o % groups != 0) {
            throw new IllegalArgumentException("conv2d: input " + xs + " has " + c + " channels but weight " + ws
                    + " with groups=" + groups + " expects " + ws.dim(1) * groups);
        }
        if (b != null && (b.shape().rank() != 1 || b.shape().dim(0) != o)) {
            throw new IllegalArgumentException("conv2d: bias has shape " + b.shape() + ", expected [" + o + "]");
        }
        int n = xs.dim(0);
        int kh = ws.dim(2);
        int kw = ws.dim(3);
        List<Variable> outs = new ArrayList<>(groups);
        int cg = c / groups;
        int og = o / groups;
        int oh = 0;
        int ow = 0;
        for (int gi = 0; gi < groups; gi++) {
            Variable xg = groups == 1 ? x : x.slice(1, gi * cg, (gi + 1) * cg);
            Variable wg = groups == 1 ? w : w.slice(0, gi * og, (gi + 1) * og);
            Variable cols = Im2Col.im2col(xg, kh, kw, stride[0], stride[1], padding[0], padding[1], dilation[0],
                    dilation[1], 0.0);
            Im2Col.Geometry geo = new Im2Col.Geometry("conv2d", cg, xs.dim(2), xs.dim(3), kh, kw, stride[0], stride[1],
                    padding[0], padding[1], dilation[0], dilation[1]);
            oh = geo.outH;
            ow = geo.outW;
            outs.add(wg.reshape(og, cg * kh * kw).matmul(cols));
        }
        Variable y = groups == 1 ? outs.get(0) : Variable.concat(1, outs);
        if (b != null) {
            y = y.add(b.reshape(o, 1));
        }
        return y.reshape(n, o, oh, ow);
    }

    @Override
    protected String describe() {
        return "Conv2d(in=" + in + ", out=" + out + ", kernel=" + kh + "x" + kw + ", stride=" + stride[0] + ", padding="
                + padding[0] + (dilation[0] != 1 ? ", dilation=" + dilation[0] : "") + (groups != 1 ? ", groups=" + groups : "")
                + ", bias=" + (bias != null) + ")";
    }
}
