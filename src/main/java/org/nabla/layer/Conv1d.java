package org.nabla.layer;

import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * One-dimensional convolution (cross-correlation) over (N, C, L) inputs:
 * <pre>
 *   y[n, o, t] = b[o] + Σ_c Σ_j W[o, c, j] · x[n, c, t·s − p + j·d],   L_out = ⌊(L + 2p − d(k − 1) − 1)/s⌋ + 1.
 * </pre>
 * Shapes: x (N, C_in, L), W (C_out, C_in/groups, k), b (C_out). Computed as a {@link Conv2d} over
 * an image of height 1, so the derivative is the same chain rule through im2col and matmul.
 */
public final class Conv1d extends Module {
    private final int in;
    private final int out;
    private final int k;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    /** Stride 1, no padding, bias. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, Rng rng) {
        this(inChannels, outChannels, kernelSize, 1, 0, 1, 1, true, rng);
    }

    /** The general form. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, Rng rng) {
        if (inChannels < 1 || outChannels < 1 || kernelSize < 1 || stride < 1 || padding < 0 || dilation < 1 || groups < 1
                || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv1d: invalid settings in=" + inChannels + ", out=" + outChannels + ", kernel="
                    + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation + ", groups=" + groups
                    + " (expected positive sizes, padding ≥ 0, channels divisible by groups)");
        }
        this.in = inChannels;
        this.out = outChannels;
        this.k = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        double bound = 1.0 / Math.sqrt((double) inChannels / groups * kernelSize);
        this.weight = registerParameter("weight", Tensor.uniform(rng, -bound, bound, outChannels, inChannels / groups, kernelSize));
        this.bias = bias ? registerParameter("bias", Tensor.uniform(rng, -bound, bound, outChannels)) : null;
    }

    /** The kernel W (C_out, C_in/groups, k). */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Variable forward(Variable x) {
        if (x.shape().rank() != 3 || x.shape().dim(1) != in) {
            throw new IllegalArgumentException(describe() + ": expected input (N, " + in + ", L), got shape " + x.shape());
        }
        return conv1d(x, weight.variable(), bias == null ? null : bias.variable(), stride, padding, dilation, groups);
    }

    /** The functional form y = conv1d(x, W, b). */
    public static Variable conv1d(Variable x, Variable w, Variable b, int stride, int padding, int dilation, int groups) {
        if (x.shape().rank() != 3 || w.shape().rank() != 3) {
            throw new IllegalArgumentException("conv1d: expected input (N, C, L) and weight (O, C/groups, k), got "
                    + x.shape() + " and " + w.shape());
        }
        int n = x.shape().dim(0);
        Variable x4 = x.reshape(n, x.shape().dim(1), 1, x.shape().dim(2));
        Variable w4 = w.reshape(w.shape().dim(0), w.shape().dim(1), 1, w.shape().dim(2));
        Variable y = Conv2d.conv2d(x4, w4, b, new int[] {1, stride}, new int[] {0, padding}, new int[] {1, dilation}, groups);
        return y.reshape(n, y.shape().dim(1), y.shape().dim(3));
    }

    @Override
    protected String describe() {
        return "Conv1d(in=" + in + ", out=" + out + ", kernel=" + k + ", stride=" + stride + ", padding=" + padding
                + (dilation != 1 ? ", dilation=" + dilation : "") + (groups != 1 ? ", groups=" + groups : "") + ", bias="
                + (bias != null) + ")";
    }
}
