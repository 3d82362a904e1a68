package org.nabla.layer;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.PerExampleCotangent;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.internal.Convolution;
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
 * <p>Mathematically y = W_mat · im2col(x) with W_mat = reshape(W, (C_out, C_in·k_h·k_w)) (see
 * {@link Im2Col}), and the chain rule through that composite gives the vector-Jacobian products
 * <pre>
 *   x̄ = col2im(W_matᵀ ȳ)        (the transposed convolution of ȳ with W)
 *   W̄ = Σₙ ȳₙ · im2col(xₙ)ᵀ     (the correlation of x with ȳ)
 *   b̄ = Σ_{n, h, w} ȳ[n, ·, h, w].
 * </pre>
 * It is computed as one primitive with those two products as primitives of their own, each a
 * bilinear map whose vector-Jacobian products are again conv2d and the other two (so derivatives of
 * any order follow): {@link org.nabla.tensor.internal.Convolution} does each product one image at a time, with
 * that image's columns in a reused buffer. (As the composite im2col → batched matmul → sum over the
 * batch, every product read N images' columns from main memory; LeNet-5 trained 1.5 times slower.)
 * Weights and bias start as U(−1/√fan_in, 1/√fan_in), PyTorch's default.
 *
 * <p>Kernel size, stride, padding and dilation are per axis ({@link #builder}); the padding is p
 * samples on both sides of an axis or "same" (⌊d(k − 1)/2⌋ before, the rest after, so that
 * H_out = H at stride 1), read as zeros or by a {@link PaddingMode} (reflect, replicate, circular),
 * as torch.nn.Conv2d's {@code padding} and {@code padding_mode}.
 */
public final class Conv2d extends Module {
    private final int in;
    private final int out;
    private final int kh;
    private final int kw;
    private final int[] stride;
    private final ConvPadding pad;
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
        this(builder(inChannels, outChannels, kernelSize, kernelSize).stride(stride, stride).padding(padding, padding)
                .dilation(dilation, dilation).groups(groups).bias(bias).rng(rng));
    }

    private Conv2d(Builder b) {
        int inChannels = b.in;
        int outChannels = b.out;
        if (inChannels < 1 || outChannels < 1 || b.kernel[0] < 1 || b.kernel[1] < 1 || b.stride[0] < 1 || b.stride[1] < 1
                || b.dilation[0] < 1 || b.dilation[1] < 1 || b.groups < 1) {
            throw new IllegalArgumentException("Conv2d: expected positive channels, kernel, stride, dilation, groups and padding ≥ 0, got in="
                    + inChannels + ", out=" + outChannels + ", kernel=" + ConvPadding.joined(b.kernel) + ", stride="
                    + ConvPadding.joined(b.stride) + ", padding=" + (b.same ? "same" : ConvPadding.joined(b.padding))
                    + ", dilation=" + ConvPadding.joined(b.dilation) + ", groups=" + b.groups);
        }
        if (inChannels % b.groups != 0 || outChannels % b.groups != 0) {
            throw new IllegalArgumentException("Conv2d: in=" + inChannels + " and out=" + outChannels
                    + " must both be divisible by groups=" + b.groups);
        }
        if (b.rng == null) {
            throw new IllegalArgumentException("Conv2d: an Rng is required for the initial weights (builder.rng(...))");
        }
        this.in = inChannels;
        this.out = outChannels;
        this.kh = b.kernel[0];
        this.kw = b.kernel[1];
        this.stride = b.stride.clone();
        this.dilation = b.dilation.clone();
        this.pad = b.same ? ConvPadding.same("Conv2d", b.kernel, b.dilation, b.stride, b.mode)
                : ConvPadding.explicit("Conv2d", b.padding, b.mode);
        this.groups = b.groups;
        int fanIn = inChannels / groups * kh * kw;
        double bound = 1.0 / Math.sqrt(fanIn);
        this.weight = registerParameter("weight", Tensor.uniform(b.rng, -bound, bound, outChannels, inChannels / groups, kh, kw));
        this.bias = b.bias ? registerParameter("bias", Tensor.uniform(b.rng, -bound, bound, outChannels)) : null;
    }

    /**
     * A builder for a convolution from {@code inChannels} to {@code outChannels} with a k_h × k_w
     * kernel; the other settings default to PyTorch's (stride 1, padding 0, dilation 1, groups 1,
     * bias, padding mode "zeros").
     */
    public static Builder builder(int inChannels, int outChannels, int kernelHeight, int kernelWidth) {
        return new Builder(inChannels, outChannels, kernelHeight, kernelWidth);
    }

    /** Settings of a {@link Conv2d}, each per axis (h, w) as in torch.nn.Conv2d. */
    public static final class Builder {
        private final int in;
        private final int out;
        private final int[] kernel;
        private int[] stride = {1, 1};
        private int[] padding = {0, 0};
        private boolean same;
        private int[] dilation = {1, 1};
        private int groups = 1;
        private boolean bias = true;
        private PaddingMode mode = PaddingMode.ZEROS;
        private Rng rng;

        private Builder(int in, int out, int kh, int kw) {
            this.in = in;
            this.out = out;
            this.kernel = new int[] {kh, kw};
        }

        /** The stride (s_h, s_w) (default 1, 1). */
        public Builder stride(int sh, int sw) {
            this.stride = new int[] {sh, sw};
            return this;
        }

        /** Zero-based padding (p_h, p_w) added on both sides of each axis (default 0, 0). */
        public Builder padding(int ph, int pw) {
            this.padding = new int[] {ph, pw};
            this.same = false;
            return this;
        }

        /**
         * PyTorch's string padding: "valid" (none) or "same" (output size = input size; the total
         * d·(k − 1) split with the odd sample after). "same" needs stride 1.
         */
        public Builder padding(String name) {
            this.same = ConvPadding.isSame("Conv2d", name);
            if (!same) {
                this.padding = new int[] {0, 0};
            }
            return this;
        }

        /** The dilation (d_h, d_w) (default 1, 1). */
        public Builder dilation(int dh, int dw) {
            this.dilation = new int[] {dh, dw};
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
        public Conv2d build() {
            return new Conv2d(this);
        }
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
        Variable padded = pad.apply("Conv2d", x, 2);
        return conv2d(padded, weight.variable(), bias == null ? null : bias.variable(), stride, pad.kernelPadding(),
                dilation, groups);
    }

    /** The number of input channels C_in. */
    public int inChannels() {
        return in;
    }

    /** The number of output channels C_out. */
    public int outChannels() {
        return out;
    }

    /** The kernel size (k_h, k_w). */
    public int[] kernelSize() {
        return new int[] {kh, kw};
    }

    /** The stride (s_h, s_w). */
    public int[] stride() {
        return stride.clone();
    }

    /** The dilation (d_h, d_w). */
    public int[] dilation() {
        return dilation.clone();
    }

    /** The number of groups. */
    public int groups() {
        return groups;
    }

    /** The samples padded before each axis (top, left); for "same" the smaller half. */
    public int[] paddingBefore() {
        return pad.before();
    }

    /** The samples padded after each axis (bottom, right); for "same" the larger half. */
    public int[] paddingAfter() {
        return pad.after();
    }

    /** True when built with padding = "same". */
    public boolean samePadding() {
        return pad.same();
    }

    /** What is read outside the input. */
    public PaddingMode paddingMode() {
        return pad.mode();
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
        if (groups < 1) {
            throw new IllegalArgumentException("conv2d: groups must be ≥ 1, got " + groups);
        }
        if (c != ws.dim(1) * groups) {
            throw new IllegalArgumentException("conv2d: input " + xs + " has " + c + " channels but weight " + ws
                    + " with groups=" + groups + " expects " + ws.dim(1) * groups);
        }
        if (o % groups != 0) {
            throw new IllegalArgumentException("conv2d: weight " + ws + " has " + o
                    + " output channels, not divisible by groups=" + groups);
        }
        if (b != null && (b.shape().rank() != 1 || b.shape().dim(0) != o)) {
            throw new IllegalArgumentException("conv2d: bias has shape " + b.shape() + ", expected [" + o + "]");
        }
        Conv conv = new Conv(stride.clone(), padding.clone(), dilation.clone(), groups);
        Variable y = new Correlation(conv).apply(x, w);
        if (b != null) {
            y = y.add(b.reshape(o, 1, 1));
        }
        return y;
    }

    /**
     * The transposed convolution of x (N, C_in, H, W) with W (C_in, C_out, k, k): the input gradient of
     * the convolution (N, C_out, H_out, W_out) → (N, C_in, H, W), as a differentiable primitive.
     */
    static Variable transposed(Variable x, Variable w, int outH, int outW, int stride, int padding) {
        Conv conv = new Conv(new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, 1);
        return new InputGradient(conv, outH, outW).apply(x, w);
    }

    /** The hyper-parameters shared by the three primitives below. */
    private record Conv(int[] stride, int[] padding, int[] dilation, int groups) {
    }

    /**
     * The forward primitive y = conv2d(x, W) (no bias). Its vector-Jacobian products are
     * x̄ = {@link InputGradient}(ȳ, W) and W̄ = {@link WeightGradient}(x, ȳ).
     */
    private static final class Correlation extends Operation {
        private final Conv c;

        Correlation(Conv c) {
            super("conv2d");
            this.c = c;
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            return Convolution.conv2d(in[0], in[1], c.stride, c.padding, c.dilation, c.groups);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return bilinearJvp(t, input(0), input(1), (x, w) -> new Correlation(c).apply(x, w));
        }

        @Override
        protected Variable[] backward(Variable g) {
            Variable x = input(0);
            Variable w = input(1);
            return new Variable[] {
                needsGrad(0) ? new InputGradient(c, x.shape().dim(2), x.shape().dim(3)).apply(g, w) : null,
                needsGrad(1) ? new WeightGradient(c, w.shape().dim(2), w.shape().dim(3)).apply(x, g) : null};
        }

        /**
         * Per image: W̄ᵢ = ȳᵢ · im2col(xᵢ)ᵀ, the weight gradient of image i alone (the terms that W̄ sums
         * over the batch), for the examples along axis 0.
         */
        @Override
        protected PerExampleCotangent perExampleCotangent(int input, Tensor g, int exampleAxis) {
            if (input != 1 || exampleAxis != 0) {
                return null;
            }
            Tensor x = input(0).value();
            Shape ws = input(1).shape();
            Tensor[] per = new Tensor[g.dim(0)];
            for (int i = 0; i < per.length; i++) {
                per[i] = Convolution.conv2dWeightGradient(x.slice(0, i, i + 1), g.slice(0, i, i + 1), ws.dim(2), ws.dim(3),
                        c.stride, c.padding, c.dilation, c.groups);
            }
            return PerExampleCotangent.dense(Tensor.stack(0, per));
        }
    }

    /**
     * x̄ = Jₓᵀ ȳ (the transposed convolution of ȳ with W). Bilinear in (ȳ, W); for a cotangent ū of
     * x's shape its vector-Jacobian products are ȳ-bar = conv2d(ū, W) and W-bar = WeightGradient(ū, ȳ).
     */
    private static final class InputGradient extends Operation {
        private final Conv c;
        private final int height;
        private final int width;

        InputGradient(Conv c, int height, int width) {
            super("conv2dInputGradient");
            this.c = c;
            this.height = height;
            this.width = width;
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            return Convolution.conv2dInputGradient(in[0], in[1], height, width, c.stride, c.padding, c.dilation,
                    c.groups);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return bilinearJvp(t, input(0), input(1), (gy, w) -> new InputGradient(c, height, width).apply(gy, w));
        }

        @Override
        protected Variable[] backward(Variable u) {
            Variable gy = input(0);
            Variable w = input(1);
            return new Variable[] {
                needsGrad(0) ? new Correlation(c).apply(u, w) : null,
                needsGrad(1) ? new WeightGradient(c, w.shape().dim(2), w.shape().dim(3)).apply(u, gy) : null};
        }
    }

    /**
     * W̄ = J_Wᵀ ȳ (the correlation of x with ȳ). Bilinear in (x, ȳ); for a cotangent V̄ of W's shape
     * its vector-Jacobian products are x-bar = InputGradient(ȳ, V̄) and ȳ-bar = conv2d(x, V̄).
     */
    private static final class WeightGradient extends Operation {
        private final Conv c;
        private final int kh;
        private final int kw;

        WeightGradient(Conv c, int kh, int kw) {
            super("conv2dWeightGradient");
            this.c = c;
            this.kh = kh;
            this.kw = kw;
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            return Convolution.conv2dWeightGradient(in[0], in[1], kh, kw, c.stride, c.padding, c.dilation, c.groups);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return bilinearJvp(t, input(0), input(1), (x, gy) -> new WeightGradient(c, kh, kw).apply(x, gy));
        }

        @Override
        protected Variable[] backward(Variable v) {
            Variable x = input(0);
            Variable gy = input(1);
            return new Variable[] {
                needsGrad(0) ? new InputGradient(c, x.shape().dim(2), x.shape().dim(3)).apply(gy, v) : null,
                needsGrad(1) ? new Correlation(c).apply(x, v) : null};
        }
    }

    @Override
    protected String describe() {
        return "Conv2d(in=" + in + ", out=" + out + ", kernel=" + kh + "x" + kw + ", stride=" + ConvPadding.joined(stride)
                + ", " + pad.describe() + (dilation[0] != 1 || dilation[1] != 1 ? ", dilation=" + ConvPadding.joined(dilation) : "")
                + (groups != 1 ? ", groups=" + groups : "") + ", bias=" + (bias != null) + ")";
    }
}
