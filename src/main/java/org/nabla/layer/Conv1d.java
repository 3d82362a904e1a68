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
 * an image of height 1, so the derivative is the same chain rule through im2col and matmul. The
 * padding is p samples on both sides, or "same" (⌊d(k − 1)/2⌋ before, the rest after), read as
 * zeros or by a {@link PaddingMode}, as in torch.nn.Conv1d.
 */
public final class Conv1d extends Module {
    private final int in;
    private final int out;
    private final int k;
    private final int stride;
    private final ConvPadding pad;
    private final int dilation;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    /** Stride 1, no padding, bias. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, Rng rng) {
        this(inChannels, outChannels, kernelSize, 1, 0, 1, 1, true, rng);
    }

    /** The general form with zero padding p on both sides. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, Rng rng) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding).dilation(dilation).groups(groups)
                .bias(bias).rng(rng));
    }

    private Conv1d(Builder b) {
        if (b.in < 1 || b.out < 1 || b.kernel < 1 || b.stride < 1 || b.padding < 0 || b.dilation < 1 || b.groups < 1
                || b.in % b.groups != 0 || b.out % b.groups != 0) {
            throw new IllegalArgumentException("Conv1d: invalid settings in=" + b.in + ", out=" + b.out + ", kernel="
                    + b.kernel + ", stride=" + b.stride + ", padding=" + (b.same ? "same" : b.padding) + ", dilation="
                    + b.dilation + ", groups=" + b.groups
                    + " (expected positive sizes, padding ≥ 0, channels divisible by groups)");
        }
        if (b.rng == null) {
            throw new IllegalArgumentException("Conv1d: an Rng is required for the initial weights (builder.rng(...))");
        }
        this.in = b.in;
        this.out = b.out;
        this.k = b.kernel;
        this.stride = b.stride;
        this.dilation = b.dilation;
        this.groups = b.groups;
        this.pad = b.same ? ConvPadding.same("Conv1d", new int[] {k}, new int[] {dilation}, new int[] {stride}, b.mode)
                : ConvPadding.explicit("Conv1d", new int[] {b.padding}, b.mode);
        double bound = 1.0 / Math.sqrt((double) in / groups * k);
        this.weight = registerParameter("weight", Tensor.uniform(b.rng, -bound, bound, out, in / groups, k));
        this.bias = b.bias ? registerParameter("bias", Tensor.uniform(b.rng, -bound, bound, out)) : null;
    }

    /**
     * A builder for a convolution from {@code inChannels} to {@code outChannels} with kernel size k;
     * the other settings default to PyTorch's (stride 1, padding 0, dilation 1, groups 1, bias,
     * padding mode "zeros").
     */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, kernelSize);
    }

    /** Settings of a {@link Conv1d}, as in torch.nn.Conv1d. */
    public static final class Builder {
        private final int in;
        private final int out;
        private final int kernel;
        private int stride = 1;
        private int padding;
        private boolean same;
        private int dilation = 1;
        private int groups = 1;
        private boolean bias = true;
        private PaddingMode mode = PaddingMode.ZEROS;
        private Rng rng;

        private Builder(int in, int out, int kernel) {
            this.in = in;
            this.out = out;
            this.kernel = kernel;
        }

        /** The stride (default 1). */
        public Builder stride(int s) {
            this.stride = s;
            return this;
        }

        /** Padding p on both sides (default 0). */
        public Builder padding(int p) {
            this.padding = p;
            this.same = false;
            return this;
        }

        /** "valid" (no padding) or "same" (output length = input length; needs stride 1). */
        public Builder padding(String name) {
            this.same = ConvPadding.isSame("Conv1d", name);
            if (!same) {
                this.padding = 0;
            }
            return this;
        }

        /** The dilation (default 1). */
        public Builder dilation(int d) {
            this.dilation = d;
            return this;
        }

        /** The number of groups (default 1). */
        public Builder groups(int g) {
            this.groups = g;
            return this;
        }

        /** With or without a bias (default with). */
        public Builder bias(boolean on) {
            this.bias = on;
            return this;
        }

        /** What is read outside the input (default {@link PaddingMode#ZEROS}). */
        public Builder paddingMode(PaddingMode m) {
            this.mode = m;
            return this;
        }

        /** The padding mode by PyTorch's name ("zeros", "reflect", "replicate", "circular"). */
        public Builder paddingMode(String torchName) {
            return paddingMode(PaddingMode.fromTorchName(torchName));
        }

        /** The generator for the initial weights (required). */
        public Builder rng(Rng r) {
            this.rng = r;
            return this;
        }

        /** A new convolution with these settings; its weights are drawn from the builder's Rng. */
        public Conv1d build() {
            return new Conv1d(this);
        }
    }

    /** The kernel W (C_out, C_in/groups, k). */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    /** The number of input channels C_in. */
    public int inChannels() {
        return in;
    }

    /** The number of output channels C_out. */
    public int outChannels() {
        return out;
    }

    /** The kernel size k. */
    public int kernelSize() {
        return k;
    }

    /** The stride s. */
    public int stride() {
        return stride;
    }

    /** The dilation d. */
    public int dilation() {
        return dilation;
    }

    /** The number of groups. */
    public int groups() {
        return groups;
    }

    /** The samples padded before (for "same" the smaller half). */
    public int paddingBefore() {
        return pad.before()[0];
    }

    /** The samples padded after (for "same" the larger half). */
    public int paddingAfter() {
        return pad.after()[0];
    }

    /** True when built with padding = "same". */
    public boolean samePadding() {
        return pad.same();
    }

    /** What is read outside the input. */
    public PaddingMode paddingMode() {
        return pad.mode();
    }

    @Override
    public Variable forward(Variable x) {
        if (x.shape().rank() != 3 || x.shape().dim(1) != in) {
            throw new IllegalArgumentException(describe() + ": expected input (N, " + in + ", L), got shape " + x.shape());
        }
        Variable padded = pad.apply("Conv1d", x, 2);
        return conv1d(padded, weight.variable(), bias == null ? null : bias.variable(), stride, pad.kernelPadding()[0],
                dilation, groups);
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
        return "Conv1d(in=" + in + ", out=" + out + ", kernel=" + k + ", stride=" + stride + ", " + pad.describe()
                + (dilation != 1 ? ", dilation=" + dilation : "") + (groups != 1 ? ", groups=" + groups : "") + ", bias="
                + (bias != null) + ")";
    }
}
