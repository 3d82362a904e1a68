package org.nabla.tensor.internal;

import java.util.Arrays;
import org.nabla.tensor.Parallelism;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The two-dimensional convolution kernels (strictly, cross-correlation; Goodfellow, Bengio &amp;
 * Courville, Deep Learning, §9.1–9.5) and their two adjoints, on NCHW tensors:
 * <pre>
 *   conv2d:          y[n, o, h, w] = Σ_c Σ_i Σ_j W[o, c, i, j] · x[n, g·C_g + c, h·s_h − p_h + i·d_h, w·s_w − p_w + j·d_w]
 *   input gradient:  x̄ = Jₓᵀ ȳ,  the transposed convolution of ȳ with W:   ⟨x̄, u⟩ = ⟨ȳ, conv2d(u, W)⟩ for all u
 *   weight gradient: W̄ = J_Wᵀ ȳ, the correlation of x with ȳ:              ⟨W̄, V⟩ = ⟨ȳ, conv2d(x, V)⟩ for all V
 * </pre>
 * where o runs over the g-th group of C_out / groups output channels, c over its C_g = C_in / groups
 * input channels, and padding reads 0. Shapes: x (N, C_in, H, W), W (C_out, C_g, k_h, k_w),
 * y (N, C_out, H_out, W_out) with H_out as in {@link SlidingWindow}.
 *
 * <p>All three are matrix products through im2col (Chellapilla, Puri &amp; Simard, 2006), taken one
 * image at a time so that the columns of an image (C_g·k_h·k_w × H_out·W_out) sit in a reused buffer
 * in the cache rather than in a tensor N times as large in main memory:
 * <pre>
 *   yₙ = W_mat · colsₙ,   x̄ₙ = col2im(W_matᵀ · ȳₙ),   W̄_mat = Σₙ ȳₙ · colsₙᵀ,
 * </pre>
 * with W_mat = W reshaped to (C_out, C_g·k_h·k_w) per group and colsₙ = im2col(xₙ). (Written as the
 * composite im2col → batched matmul → sum over the batch, LeNet-5's convolutions ran at a third of the
 * speed: every product read its columns from main memory.)
 *
 * <h2>Order of summation</h2>
 * Each product sums in the textbook order of {@link Tensor#matmul}. The weight gradient sums the
 * images in blocks of {@value #IMAGES_PER_BLOCK}: within a block, the sum over (n, position) runs in
 * order as one product of concatenated matrices; the blocks' sums are then added in order. Results are
 * bitwise the same for any number of threads. The blocks run a wave at a time (as many as there are
 * threads), so the extra memory is one weight-sized buffer per thread, whatever the batch size.
 */
public final class Convolution {
    private static final TensorInternals.Access KERNELS = TensorInternals.access();

    /** Images whose weight-gradient terms are summed as one product before the blocks are added. */
    public static final int IMAGES_PER_BLOCK = 16;

    /**
     * Each thread's column buffer, reused from call to call (reallocating it for every image would cost
     * more than filling it). Held softly: the garbage collector may take it back when memory runs short.
     */
    private static final ThreadLocal<java.lang.ref.SoftReference<double[]>> COLUMNS = new ThreadLocal<>();

    private Convolution() {
    }

    /** The hyper-parameters and shapes of one convolution, checked once. */
    private static final class Plan {
        final String op;
        final int n;
        final int cin;
        final int cout;
        final int groups;
        final int cg;
        final int og;
        final SlidingWindow window;
        final int kg;
        final int positions;

        Plan(String op, int n, int cin, int h, int w, int cout, int cg, int kh, int kw, int[] stride, int[] padding,
             int[] dilation, int groups) {
            check(op, "stride", stride);
            check(op, "padding", padding);
            check(op, "dilation", dilation);
            this.op = op;
            this.n = n;
            this.cin = cin;
            this.cout = cout;
            this.groups = groups;
            this.cg = cg;
            this.og = cout / groups;
            this.window = new SlidingWindow(op, cg, h, w, kh, kw, stride[0], stride[1], padding[0], padding[1],
                    dilation[0], dilation[1]);
            long columns = (long) cg * kh * kw * window.outH * window.outW;
            if (columns > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(op + ": the columns of one image, (" + cg + "·" + kh + "·" + kw
                        + ") × (" + window.outH + "·" + window.outW + ") = " + columns
                        + " numbers, exceed the largest Java array; use smaller images or kernels");
            }
            this.kg = window.rows();
            this.positions = window.cols();
        }

        private static void check(String op, String what, int[] v) {
            if (v == null || v.length != 2) {
                throw new IllegalArgumentException(op + ": expected " + what + " as two numbers (h, w), got "
                        + Arrays.toString(v));
            }
        }

        /** A 1×1 kernel with stride 1 and no padding: the columns of an image are the image itself. */
        boolean pointwise() {
            SlidingWindow s = window;
            return s.kh == 1 && s.kw == 1 && s.sh == 1 && s.sw == 1 && s.ph == 0 && s.pw == 0;
        }

        Shape outputShape() {
            return Shape.of(n, cout, window.outH, window.outW);
        }

        boolean parallel() {
            return (long) n * cout * kg * positions >= KERNELS.parallelMinWork();
        }

        /** Offset of group gi of image b in an input-shaped array. */
        int inputOffset(int b, int gi) {
            return (b * cin + gi * cg) * window.height * window.width;
        }

        /** Offset of group gi of image b in an output-shaped array. */
        int outputOffset(int b, int gi) {
            return (b * cout + gi * og) * positions;
        }
    }

    /**
     * y = conv2d(x, W): x (N, C_in, H, W), W (C_out, C_in/groups, k_h, k_w), stride, padding and
     * dilation as (h, w) pairs; no bias.
     *
     * @throws IllegalArgumentException on shapes that do not fit, or bad hyper-parameters
     */
    public static Tensor conv2d(Tensor x, Tensor w, int[] stride, int[] padding, int[] dilation, int groups) {
        requireRank4("conv2d", "input (N, C, H, W)", x);
        requireRank4("conv2d", "weight (C_out, C_in/groups, k_h, k_w)", w);
        requireGroups("conv2d", groups);
        if (x.dim(1) != w.dim(1) * groups || w.dim(0) % groups != 0) {
            throw new IllegalArgumentException("conv2d: input " + x.shape() + " and weight " + w.shape()
                    + " do not fit groups=" + groups + " (expected C_in = " + w.dim(1) + "·" + groups + " = "
                    + w.dim(1) * groups + " input channels and C_out = " + w.dim(0) + " divisible by " + groups + ")");
        }
        Plan p = new Plan("conv2d", x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(1), w.dim(2), w.dim(3),
                stride, padding, dilation, groups);
        double[] xd = x.dataView();
        double[] wd = w.dataView();
        boolean pointwise = p.pointwise();
        return Tensor.build(p.outputShape(), out -> KERNELS.forEach(p.n, p.parallel(), b -> {
            double[] cols = pointwise ? null : columns(p.kg * p.positions);
            for (int gi = 0; gi < p.groups; gi++) {
                double[] src = xd;
                int srcOff = p.inputOffset(b, gi);
                if (!pointwise) {
                    p.window.unfold(xd, srcOff, cols, 0, 0.0);
                    src = cols;
                    srcOff = 0;
                }
                KERNELS.multiply(wd, gi * p.og * p.kg, p.kg, 1, src, srcOff, p.positions, 1,
                        out, p.outputOffset(b, gi), p.og, p.kg, p.positions, false);
            }
        }));
    }

    /**
     * x̄ = the input gradient of conv2d (the transposed convolution): for the cotangent ȳ
     * (N, C_out, H_out, W_out) and W (C_out, C_in/groups, k_h, k_w), the (N, C_in, H, W) tensor with
     * ⟨x̄, u⟩ = ⟨ȳ, conv2d(u, W)⟩; H and W are the input's size (the stride's rounding loses them).
     *
     * @throws IllegalArgumentException when ȳ does not have the output shape of that convolution
     */
    public static Tensor conv2dInputGradient(Tensor gy, Tensor w, int height, int width, int[] stride, int[] padding,
                                             int[] dilation, int groups) {
        String op = "conv2d input gradient";
        requireRank4(op, "output gradient (N, C_out, H_out, W_out)", gy);
        requireRank4(op, "weight (C_out, C_in/groups, k_h, k_w)", w);
        requireGroups(op, groups);
        if (w.dim(0) % groups != 0) {
            throw new IllegalArgumentException(op + ": weight " + w.shape() + " has C_out = " + w.dim(0)
                    + " output channels, not divisible by groups=" + groups);
        }
        Plan p = new Plan(op, gy.dim(0), w.dim(1) * groups, height, width, w.dim(0), w.dim(1), w.dim(2), w.dim(3),
                stride, padding, dilation, groups);
        requireOutputShape(p, gy);
        double[] gd = gy.dataView();
        double[] wd = w.dataView();
        return Tensor.build(Shape.of(p.n, p.cin, height, width), out -> KERNELS.forEach(p.n, p.parallel(), b -> {
            boolean pointwise = p.pointwise();
            double[] cols = pointwise ? null : columns(p.kg * p.positions);
            for (int gi = 0; gi < p.groups; gi++) {
                // cols = W_matᵀ ȳₙ (A(q, o) = W_mat(o, q), read in place), folded back into the image; for a
                // pointwise kernel the columns are the image's gradient itself
                double[] dst = pointwise ? out : cols;
                int dstOff = pointwise ? p.inputOffset(b, gi) : 0;
                KERNELS.multiply(wd, gi * p.og * p.kg, 1, p.kg, gd, p.outputOffset(b, gi), p.positions, 1,
                        dst, dstOff, p.kg, p.og, p.positions, false);
                if (!pointwise) {
                    p.window.foldAdd(cols, 0, out, p.inputOffset(b, gi));
                }
            }
        }));
    }

    /**
     * W̄ = the weight gradient of conv2d: for the input x (N, C_in, H, W) and the cotangent ȳ
     * (N, C_out, H_out, W_out), the (C_out, C_in/groups, k_h, k_w) tensor with ⟨W̄, V⟩ = ⟨ȳ, conv2d(x, V)⟩.
     *
     * @throws IllegalArgumentException when ȳ does not have the output shape of that convolution
     */
    public static Tensor conv2dWeightGradient(Tensor x, Tensor gy, int kh, int kw, int[] stride, int[] padding,
                                              int[] dilation, int groups) {
        String op = "conv2d weight gradient";
        requireRank4(op, "input (N, C, H, W)", x);
        requireRank4(op, "output gradient (N, C_out, H_out, W_out)", gy);
        requireGroups(op, groups);
        if (x.dim(1) % groups != 0) {
            throw new IllegalArgumentException(op + ": input " + x.shape() + " has " + x.dim(1)
                    + " channels, not divisible by groups=" + groups);
        }
        if (gy.dim(1) % groups != 0) {
            throw new IllegalArgumentException(op + ": output gradient " + gy.shape() + " has " + gy.dim(1)
                    + " channels, not divisible by groups=" + groups);
        }
        if (gy.dim(0) != x.dim(0)) {
            throw new IllegalArgumentException(op + ": input " + x.shape() + " and output gradient " + gy.shape()
                    + " have different batch sizes");
        }
        Plan p = new Plan(op, x.dim(0), x.dim(1), x.dim(2), x.dim(3), gy.dim(1), x.dim(1) / groups, kh, kw, stride,
                padding, dilation, groups);
        requireOutputShape(p, gy);
        double[] xd = x.dataView();
        double[] gd = gy.dataView();
        int block = p.og * p.kg; // W̄ of one group
        int blocks = (p.n + IMAGES_PER_BLOCK - 1) / IMAGES_PER_BLOCK;
        return Tensor.build(Shape.of(p.cout, p.cg, kh, kw), out -> {
            if (p.n == 0) {
                return;
            }
            // Blocks run a wave at a time, as many as there are threads; block 0 is summed in out itself,
            // the others in buffers that are then added to out in block order, whatever the wave size
            int wave = Math.max(1, Math.min(blocks, p.parallel() ? Parallelism.threads() : 1));
            double[][] partial = new double[wave][];
            for (int w0 = 0; w0 < blocks; w0 += wave) {
                int first = w0;
                int count = Math.min(wave, blocks - w0);
                for (int i = 0; i < count; i++) {
                    if (first + i > 0 && partial[i] == null) {
                        partial[i] = new double[out.length];
                    }
                }
                KERNELS.forEach(count * p.groups, p.parallel(), task -> {
                    int i = task / p.groups;
                    int gi = task % p.groups;
                    int t = first + i;
                    double[] sum = t == 0 ? out : partial[i];
                    double[] cols = p.pointwise() ? null : columns(p.kg * p.positions);
                    int end = Math.min(p.n, (t + 1) * IMAGES_PER_BLOCK);
                    for (int b = t * IMAGES_PER_BLOCK; b < end; b++) {
                        double[] src = xd;
                        int srcOff = p.inputOffset(b, gi);
                        if (cols != null) {
                            p.window.unfold(xd, srcOff, cols, 0, 0.0);
                            src = cols;
                            srcOff = 0;
                        }
                        // W̄_g (+)= ȳ_{n,g} · colsₙᵀ: B(l, q) = cols(q, l), read in place; the first image of a
                        // block overwrites, so the buffers need no clearing between waves
                        KERNELS.multiply(gd, p.outputOffset(b, gi), p.positions, 1, src, srcOff, 1, p.positions,
                                sum, gi * block, p.og, p.positions, p.kg, b > t * IMAGES_PER_BLOCK);
                    }
                });
                for (int i = 0; i < count; i++) {
                    if (first + i > 0) {
                        double[] s = partial[i];
                        for (int e = 0; e < out.length; e++) {
                            out[e] += s[e];
                        }
                    }
                }
            }
        });
    }

    private static void requireGroups(String op, int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups must be ≥ 1, got " + groups);
        }
    }

    private static void requireRank4(String op, String what, Tensor t) {
        if (t.rank() != 4) {
            throw new IllegalArgumentException(op + ": expected " + what + ", got shape " + t.shape());
        }
    }

    private static void requireOutputShape(Plan p, Tensor gy) {
        Shape expected = p.outputShape();
        if (!gy.shape().equals(expected)) {
            throw new IllegalArgumentException(p.op + ": output gradient has shape " + gy.shape() + ", expected "
                    + expected + " for " + p.window);
        }
    }

    /** This thread's column buffer, grown to at least {@code size}. */
    private static double[] columns(int size) {
        java.lang.ref.SoftReference<double[]> ref = COLUMNS.get();
        double[] buffer = ref == null ? null : ref.get();
        if (buffer == null || buffer.length < size) {
            buffer = new double[size];
            COLUMNS.set(new java.lang.ref.SoftReference<>(buffer));
        }
        return buffer;
    }
}
