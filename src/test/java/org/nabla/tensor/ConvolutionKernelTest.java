package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nabla.tensor.internal.Convolution;
import org.nabla.tensor.internal.SlidingWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution kernels of {@link Convolution}: conv2d against the definition summed directly, its
 * two adjoints by the identities that define them (⟨conv2d(x, W), ȳ⟩ = ⟨x, x̄⟩ = ⟨W, W̄⟩), the
 * weight gradient's blocks of images against the per-image sum, bitwise independence of the number
 * of threads, and the errors; {@link SlidingWindow}'s im2col and col2im as adjoints.
 */
class ConvolutionKernelTest {
    private final int threadsBefore = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(threadsBefore);
    }

    /** (kernel h, kernel w, stride h, stride w, padding h, padding w, dilation h, dilation w, groups). */
    static Stream<Arguments> geometries() {
        List<Arguments> l = new ArrayList<>();
        l.add(Arguments.of(1, 1, 1, 1, 0, 0, 1, 1, 1)); // pointwise: the columns are the image itself
        l.add(Arguments.of(1, 1, 2, 1, 0, 0, 1, 1, 1));
        l.add(Arguments.of(3, 3, 1, 1, 1, 1, 1, 1, 1));
        l.add(Arguments.of(3, 2, 2, 1, 1, 0, 1, 2, 1));
        l.add(Arguments.of(2, 3, 1, 3, 0, 2, 2, 1, 2));
        l.add(Arguments.of(5, 5, 1, 1, 2, 2, 1, 1, 1)); // LeNet-5's first layer
        l.add(Arguments.of(3, 3, 2, 2, 1, 1, 1, 1, 4)); // depthwise
        l.add(Arguments.of(1, 1, 1, 1, 0, 0, 1, 1, 2)); // grouped pointwise
        return l.stream();
    }

    /** The definition summed directly (padding reads 0). */
    static Tensor direct(Tensor x, Tensor w, int sh, int sw, int ph, int pw, int dh, int dw, int groups) {
        int n = x.dim(0);
        int cin = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int cout = w.dim(0);
        int cg = w.dim(1);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int og = cout / groups;
        int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        int ow = (wd + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        double[] y = new double[n * cout * oh * ow];
        int t = 0;
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                int g = o / og;
                for (int r = 0; r < oh; r++) {
                    for (int s = 0; s < ow; s++, t++) {
                        double acc = 0;
                        for (int c = 0; c < cg; c++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int yy = r * sh - ph + i * dh;
                                    int xx = s * sw - pw + j * dw;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        acc += w.get(o, c, i, j) * x.get(b, g * cg + c, yy, xx);
                                    }
                                }
                            }
                        }
                        y[t] = acc;
                    }
                }
            }
        }
        assertThat(cin).isEqualTo(cg * groups);
        return Tensor.of(Shape.of(n, cout, oh, ow), y);
    }

    private static double dot(Tensor a, Tensor b) {
        return a.mul(b).sum().item();
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void conv2dAndItsAdjoints(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int groups) {
        Rng rng = new Rng(11);
        int cin = 4;
        int cout = 4;
        int h = 9;
        int wd = 8;
        Tensor x = Tensor.randn(rng, 3, cin, h, wd);
        Tensor w = Tensor.randn(rng, cout, cin / groups, kh, kw);
        int[] s = {sh, sw};
        int[] p = {ph, pw};
        int[] d = {dh, dw};
        Tensor y = Convolution.conv2d(x, w, s, p, d, groups);
        assertThat(y.allClose(direct(x, w, sh, sw, ph, pw, dh, dw, groups), 1e-12, 1e-12)).isTrue();

        Tensor gy = Tensor.randn(rng, y.dims());
        Tensor gx = Convolution.conv2dInputGradient(gy, w, h, wd, s, p, d, groups);
        Tensor gw = Convolution.conv2dWeightGradient(x, gy, kh, kw, s, p, d, groups);
        assertThat(gx.shape()).isEqualTo(x.shape());
        assertThat(gw.shape()).isEqualTo(w.shape());
        // the defining identities of the two vector-Jacobian products, for random directions u and V
        Tensor u = Tensor.randn(rng, x.dims());
        Tensor v = Tensor.randn(rng, w.dims());
        double lhsX = dot(gx, u);
        double lhsW = dot(gw, v);
        assertThat(lhsX).isCloseTo(dot(gy, Convolution.conv2d(u, w, s, p, d, groups)),
                org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(lhsX))));
        assertThat(lhsW).isCloseTo(dot(gy, Convolution.conv2d(x, v, s, p, d, groups)),
                org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(lhsW))));
    }

    @Test
    void weightGradientSumsEveryImageWhateverTheBlocks() {
        Rng rng = new Rng(12);
        int n = Convolution.IMAGES_PER_BLOCK * 2 + 5; // three blocks, the last one short
        Tensor x = Tensor.randn(rng, n, 2, 7, 6);
        int[] s = {1, 2};
        int[] p = {1, 0};
        int[] d = {1, 1};
        Tensor gy = Tensor.randn(rng, n, 3, 7, 2);
        Tensor all = Convolution.conv2dWeightGradient(x, gy, 3, 3, s, p, d, 1);
        Tensor sum = Tensor.zeros(3, 2, 3, 3);
        for (int b = 0; b < n; b++) {
            sum = sum.add(Convolution.conv2dWeightGradient(x.slice(0, b, b + 1), gy.slice(0, b, b + 1), 3, 3, s, p, d, 1));
        }
        assertThat(all.allClose(sum, 1e-12, 1e-12)).isTrue();
    }

    @Test
    void resultsAreBitwiseTheSameForOneAndTwoThreads() {
        Rng rng = new Rng(13);
        // large enough (N·C_out·C_g·k²·positions ≥ 2²¹) to be shared among threads
        Tensor x = Tensor.randn(rng, 40, 6, 16, 16);
        Tensor w = Tensor.randn(rng, 8, 3, 3, 3);
        int[] s = {1, 1};
        int[] p = {1, 1};
        int[] d = {1, 1};
        Tensor[] one = new Tensor[3];
        Tensor[] two = new Tensor[3];
        for (int t = 1; t <= 2; t++) {
            Parallelism.setThreads(t);
            Tensor y = Convolution.conv2d(x, w, s, p, d, 2);
            Tensor[] r = t == 1 ? one : two;
            r[0] = y;
            r[1] = Convolution.conv2dInputGradient(y, w, 16, 16, s, p, d, 2);
            r[2] = Convolution.conv2dWeightGradient(x, y, 3, 3, s, p, d, 2);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(two[i].toArray()).as("result %d", i).isEqualTo(one[i].toArray());
        }
    }

    @Test
    void imToColAndColToImAreAdjoint() {
        Rng rng = new Rng(14);
        SlidingWindow g = new SlidingWindow("test", 3, 7, 9, 3, 2, 2, 1, 1, 1, 2, 3);
        double[] x = Tensor.randn(rng, 3 * 7 * 9).toArray();
        double[] c = Tensor.randn(rng, g.rows() * g.cols()).toArray();
        double[] cols = new double[g.rows() * g.cols()];
        g.unfold(x, 0, cols, 0, 0.0);
        double[] back = new double[x.length];
        g.foldAdd(c, 0, back, 0);
        double lhs = 0;
        double rhs = 0;
        for (int i = 0; i < cols.length; i++) {
            lhs += cols[i] * c[i];
        }
        for (int i = 0; i < x.length; i++) {
            rhs += x[i] * back[i];
        }
        assertThat(lhs).isCloseTo(rhs, org.assertj.core.data.Offset.offset(1e-10));
        assertThat(g.outH).isEqualTo((7 + 2 - 2 * 2 - 1) / 2 + 1);
        assertThat(g.outW).isEqualTo((9 + 2 - 3 - 1) + 1);
        assertThat(g.toString()).contains("kernel=(3, 2)", "output=(" + g.outH + ", " + g.outW + ")");
    }

    @Test
    void badCallsNameTheOperationAndTheShapes() {
        Tensor x = Tensor.zeros(2, 4, 8, 8);
        Tensor w = Tensor.zeros(6, 2, 3, 3);
        int[] one = {1, 1};
        int[] zero = {0, 0};
        assertThatThrownBy(() -> Convolution.conv2d(Tensor.zeros(4, 8, 8), w, one, zero, one, 2))
                .hasMessage("conv2d: expected input (N, C, H, W), got shape [4, 8, 8]");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, one, zero, one, 1))
                .hasMessage("conv2d: input [2, 4, 8, 8] and weight [6, 2, 3, 3] do not fit groups=1 (expected C_in = 2·1 = 2"
                        + " input channels and C_out = 6 divisible by 1)");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, one, zero, one, 0)).hasMessage("conv2d: groups must be ≥ 1, got 0");
        assertThatThrownBy(() -> Convolution.conv2dInputGradient(Tensor.zeros(2, 6, 6, 6), w, 8, 8, one, zero, one, 4))
                .hasMessage("conv2d input gradient: weight [6, 2, 3, 3] has C_out = 6 output channels, not divisible by groups=4");
        assertThatThrownBy(() -> Convolution.conv2dWeightGradient(x, Tensor.zeros(2, 5, 6, 6), 3, 3, one, zero, one, 2))
                .hasMessage("conv2d weight gradient: output gradient [2, 5, 6, 6] has 5 channels, not divisible by groups=2");
        assertThatThrownBy(() -> Convolution.conv2dWeightGradient(x, Tensor.zeros(2, 6, 6, 6), 3, 3, one, zero, one, 0))
                .hasMessage("conv2d weight gradient: groups must be ≥ 1, got 0");
        // sizes that do not fit in int are refused, not wrapped around
        assertThatThrownBy(() -> Convolution.conv2d(Tensor.ones(1, 1, 6, 6), Tensor.ones(1, 1, 5, 5), one, zero,
                new int[] {1 << 30, 1 << 30}, 1)).hasMessageContaining("is too small for kernel (5, 5)");
        assertThatThrownBy(() -> new SlidingWindow("conv2d", 144, 4096, 4096, 12, 12, 1, 1, Integer.MAX_VALUE, 6, 1, 1))
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, new int[] {1}, zero, one, 2))
                .hasMessage("conv2d: expected stride as two numbers (h, w), got [1]");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, new int[] {0, 1}, zero, one, 2))
                .hasMessageStartingWith("conv2d: expected kernel, stride and dilation ≥ 1 and padding ≥ 0");
        assertThatThrownBy(() -> Convolution.conv2d(Tensor.zeros(1, 4, 2, 2), w, one, zero, one, 2))
                .hasMessageContaining("is too small for kernel (3, 3)");
        assertThatThrownBy(() -> Convolution.conv2dInputGradient(Tensor.zeros(2, 6, 5, 6), w, 8, 8, one, zero, one, 2))
                .hasMessageStartingWith("conv2d input gradient: output gradient has shape [2, 6, 5, 6], expected [2, 6, 6, 6]");
        assertThatThrownBy(() -> Convolution.conv2dWeightGradient(x, Tensor.zeros(3, 6, 6, 6), 3, 3, one, zero, one, 2))
                .hasMessageContaining("different batch sizes");
        assertThatThrownBy(() -> Convolution.conv2dWeightGradient(x, Tensor.zeros(2, 6, 6, 6), 3, 3, one, zero, one, 3))
                .hasMessageContaining("not divisible by groups=3");
    }

    @Test
    void columnsLargerThanAnArrayAreRefusedWithTheSizes() {
        // (144·12·12 … ) one image's columns would need more than 2³¹ numbers; nothing is allocated
        Tensor x = Tensor.zeros(1, 1, 4096, 4096);
        Tensor w = Tensor.zeros(1, 1, 12, 12);
        assertThatThrownBy(() -> Convolution.conv2d(x, w, new int[] {1, 1}, new int[] {6, 6}, new int[] {1, 1}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d: the columns of one image, (1·12·12) × (4097·4097)")
                .hasMessageContaining("exceed the largest Java array");
    }

    @Test
    void anEmptyBatchGivesEmptyOutputsAndAZeroWeightGradient() {
        int[] one = {1, 1};
        Tensor x = Tensor.zeros(0, 2, 5, 5);
        Tensor w = Tensor.ones(3, 2, 3, 3);
        assertThat(Convolution.conv2d(x, w, one, one, one, 1).dims()).containsExactly(0, 3, 5, 5);
        Tensor gy = Tensor.zeros(0, 3, 5, 5);
        assertThat(Convolution.conv2dInputGradient(gy, w, 5, 5, one, one, one, 1).dims()).containsExactly(0, 2, 5, 5);
        Tensor gw = Convolution.conv2dWeightGradient(x, gy, 3, 3, one, one, one, 1);
        assertThat(gw.dims()).containsExactly(3, 2, 3, 3);
        assertThat(gw.abs().sum().item()).isZero();
    }

    @Test
    void theWeightGradientNeedsOneExtraBufferPerThreadWhateverTheBatchSize() {
        // the blocks of 16 images run a wave at a time: one weight-sized buffer per thread, not per block
        Parallelism.setThreads(1);
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        Rng rng = new Rng(15);
        int[] one = {1, 1};
        long weightBytes = 64L * 64 * 3 * 3 * 8;
        long[] allocated = new long[2];
        int[] batches = {16, 256};
        for (int k = 0; k < 2; k++) {
            Tensor x = Tensor.randn(rng, batches[k], 64, 4, 4);
            Tensor gy = Tensor.randn(rng, batches[k], 64, 4, 4);
            Convolution.conv2dWeightGradient(x, gy, 3, 3, one, one, one, 1); // the column buffer, the JIT
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            Convolution.conv2dWeightGradient(x, gy, 3, 3, one, one, one, 1);
            allocated[k] = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        // 16 blocks instead of 1: at most one more weight-sized buffer (and some change)
        assertThat(allocated[1] - allocated[0]).isLessThan(weightBytes + weightBytes / 2);
    }

    @Test
    void theMicroKernelTakesRowsInPairs() {
        assertThat(MatMul.MR % 2).as("MatMul.MR must be even").isZero();
    }
}
