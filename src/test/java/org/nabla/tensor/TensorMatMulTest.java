package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TensorMatMulTest {
    private final int threadsBefore = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(threadsBefore);
    }

    /** The textbook triple loop: Cᵢⱼ = Σₚ AᵢₚBₚⱼ summed in the order p = 0, 1, …, k−1. */
    static Tensor naive(Tensor a, Tensor b) {
        int m = a.dim(0);
        int k = a.dim(1);
        int n = b.dim(1);
        double[][] x = a.toArray2d();
        double[][] y = b.toArray2d();
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s += x[i][p] * y[p][j];
                }
                c[i * n + j] = s;
            }
        }
        return Tensor.of(Shape.of(m, n), c);
    }

    private static void assertRelativelyClose(Tensor actual, Tensor expected, double rtol) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double[] x = actual.toArray();
        double[] y = expected.toArray();
        double scale = 0;
        for (double v : y) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < x.length; i++) {
            assertThat(Math.abs(x[i] - y[i])).as("element %d", i).isLessThanOrEqualTo(rtol * Math.max(scale, 1e-300));
        }
    }

    @Test
    void smallExample() {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.of(new double[][] {{7, 8}, {9, 10}, {11, 12}});
        assertThat(a.matmul(b).toArray2d()).isDeepEqualTo(new double[][] {{58, 64}, {139, 154}});
        assertThat(Tensor.eye(3).matmul(b)).isEqualTo(b);
        assertThat(a.matmul(Tensor.eye(3))).isEqualTo(a);
    }

    @Test
    void equalsTheNaiveTripleLoopForManySizesAndLayouts() {
        Rng rng = new Rng(77);
        int[][] sizes = {
            {1, 1, 1}, {1, 5, 1}, {3, 1, 4}, {2, 3, 5}, {7, 9, 3}, {16, 16, 16}, {17, 33, 9}, {5, 300, 20},
            {65, 130, 70}, {64, 128, 256}, {70, 257, 300}, {130, 40, 520}, {1, 200, 300}, {300, 200, 1},
            {64, 2, 64}, {40, 3, 50}, {20, 129, 30}, {9, 131, 17},
        };
        for (int[] s : sizes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            Tensor a = Tensor.randn(rng, m, k);
            Tensor b = Tensor.randn(rng, k, n);
            Tensor expected = naive(a, b);
            Tensor c = a.matmul(b);
            assertRelativelyClose(c, expected, 1e-12);
            // the kernel keeps the textbook order of summation, so it is in fact bit-for-bit equal
            assertThat(c.toArray()).as("%d×%d @ %d×%d", m, k, k, n).isEqualTo(expected.toArray());
            // transposed and sliced views are read in place and give the same bits
            Tensor at = a.t().contiguous().t();
            Tensor bt = b.t().contiguous().t();
            assertThat(at.isContiguous() || m == 1 || k == 1).isEqualTo(m == 1 || k == 1);
            assertThat(at.matmul(b).toArray()).isEqualTo(expected.toArray());
            assertThat(a.matmul(bt).toArray()).isEqualTo(expected.toArray());
            assertThat(at.matmul(bt).toArray()).isEqualTo(expected.toArray());
            Tensor wide = Tensor.concat(1, Tensor.randn(rng, k, 3), b, Tensor.randn(rng, k, 2)).slice(1, 3, 3 + n);
            assertThat(a.matmul(wide).toArray()).isEqualTo(expected.toArray());
            Tensor strided = Tensor.stack(2, a, Tensor.zeros(m, k)).select(2, 0); // column stride 2
            assertThat(strided.matmul(b).toArray()).isEqualTo(expected.toArray());
        }
    }

    @Test
    void accumulatingProductsEqualTheProductOfTheConcatenations() {
        // C = A₀B₀, then C += A₁B₁ (MatMul's accumulate mode): bit for bit [A₀ A₁]·[B₀; B₁], small and blocked
        Rng rng = new Rng(31);
        for (int[] s : new int[][] {{3, 2, 5, 4}, {7, 9, 130, 40}, {70, 150, 129, 300}, {6, 784, 25, 784}}) {
            int m = s[0];
            int k0 = s[1];
            int n = s[2];
            int k1 = s[3];
            Tensor a0 = Tensor.randn(rng, m, k0);
            Tensor a1 = Tensor.randn(rng, m, k1);
            Tensor b0 = Tensor.randn(rng, k0, n);
            Tensor b1 = Tensor.randn(rng, k1, n);
            double[] c = new double[m * n];
            MatMul.multiply(a0.toArray(), 0, k0, 1, b0.toArray(), 0, n, 1, c, 0, m, k0, n, false);
            MatMul.multiply(a1.toArray(), 0, k1, 1, b1.toArray(), 0, n, 1, c, 0, m, k1, n, true);
            Tensor expected = naive(Tensor.concat(1, a0, a1), Tensor.concat(0, b0, b1));
            assertThat(c).as("%s", java.util.Arrays.toString(s)).isEqualTo(expected.toArray());
        }
    }

    @Test
    void sumsStartFromPositiveZeroAsTheTripleLoopDoes() {
        // (−0)·x = −0, and +0 + (−0) = +0: a product of negative zeros is +0 in every path
        for (int[] s : new int[][] {{3, 3, 3}, {16, 16, 16}, {16, 2, 64}, {64, 5, 70}}) {
            Tensor a = Tensor.full(Shape.of(s[0], s[1]), -0.0);
            Tensor b = Tensor.full(Shape.of(s[1], s[2]), 1.0);
            for (double v : a.matmul(b).toArray()) {
                assertThat(Double.doubleToRawLongBits(v)).isEqualTo(0L);
            }
        }
    }

    @Test
    void randomSizesAndLayoutsEqualTheTripleLoop() {
        Rng rng = new Rng(2718);
        for (int trial = 0; trial < 30; trial++) {
            int m = 1 + rng.nextInt(trial < 15 ? 20 : 150);
            int k = 1 + rng.nextInt(trial < 15 ? 20 : 300);
            int n = 1 + rng.nextInt(trial < 15 ? 20 : 300);
            Tensor a = rng.nextInt(2) == 0 ? Tensor.randn(rng, m, k) : Tensor.randn(rng, k, m).t();
            Tensor b = rng.nextInt(2) == 0 ? Tensor.randn(rng, k, n) : Tensor.randn(rng, n, k).t();
            assertThat(a.matmul(b).toArray()).as("trial %d: %d×%d @ %d×%d", trial, m, k, k, n)
                    .isEqualTo(naive(a, b).toArray());
        }
    }

    @Test
    void resultDoesNotDependOnTheNumberOfThreads() {
        Rng rng = new Rng(3);
        Tensor a = Tensor.randn(rng, 300, 270);
        Tensor b = Tensor.randn(rng, 270, 290);
        Tensor batchA = Tensor.randn(rng, 6, 40, 50);
        Tensor batchB = Tensor.randn(rng, 50, 60);
        Parallelism.setThreads(1);
        Tensor c1 = a.matmul(b);
        Tensor ct1 = b.t().matmul(a.t());
        Tensor cb1 = batchA.matmul(batchB);
        Parallelism.setThreads(2);
        assertThat(Parallelism.threads()).isEqualTo(2);
        Tensor c2 = a.matmul(b);
        Tensor ct2 = b.t().matmul(a.t());
        Tensor cb2 = batchA.matmul(batchB);
        Parallelism.setThreads(3);
        Tensor c3 = a.matmul(b);
        assertThat(c2.toArray()).isEqualTo(c1.toArray());
        assertThat(c3.toArray()).isEqualTo(c1.toArray());
        assertThat(ct2.toArray()).isEqualTo(ct1.toArray());
        assertThat(cb2.toArray()).isEqualTo(cb1.toArray());
        assertRelativelyClose(c1, naive(a, b), 1e-12);
    }

    @Test
    void setThreadsRejectsNonsense() {
        assertThatThrownBy(() -> Parallelism.setThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setThreads: the number of threads must be ≥ 1, got 0");
    }

    @Test
    void transposeIdentity() {
        Rng rng = new Rng(12);
        for (int[] s : new int[][] {{3, 4, 5}, {40, 70, 90}, {130, 129, 140}}) {
            Tensor a = Tensor.randn(rng, s[0], s[1]);
            Tensor b = Tensor.randn(rng, s[2], s[1]);
            // (A Bᵀ)ᵀ = B Aᵀ, exactly: the same products summed in the same order
            assertThat(a.matmul(b.t()).t()).isEqualTo(b.matmul(a.t()));
            assertThat(a.matmul(b.t()).t().toArray()).isEqualTo(b.matmul(a.t()).toArray());
        }
    }

    @Test
    void vectorOperands() {
        Tensor m = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor v2 = Tensor.of(1, -1);
        Tensor v3 = Tensor.of(1, 0, 2);
        Tensor mv = m.matmul(v2);
        assertThat(mv.shape()).isEqualTo(Shape.of(3));
        assertThat(mv.toArray()).containsExactly(-1, -1, -1);
        Tensor vm = v3.matmul(m);
        assertThat(vm.shape()).isEqualTo(Shape.of(2));
        assertThat(vm.toArray()).containsExactly(11, 14);
        Tensor vv = v3.matmul(v3);
        assertThat(vv.shape()).isEqualTo(Shape.SCALAR);
        assertThat(vv.item()).isEqualTo(5.0);
        // 1-d with a batch: (3) @ (2, 3, 2) → (2, 2); (2, 3, 2) @ (2) → (2, 3)
        Tensor batch = Tensor.stack(0, m, m.mul(2));
        assertThat(v3.matmul(batch).toArray2d()).isDeepEqualTo(new double[][] {{11, 14}, {22, 28}});
        assertThat(batch.matmul(v2).shape()).isEqualTo(Shape.of(2, 3));
        assertThat(batch.matmul(v2).get(1, 2)).isEqualTo(-2.0);
        // a large matrix-vector product
        Rng rng = new Rng(4);
        Tensor big = Tensor.randn(rng, 300, 400);
        Tensor x = Tensor.randn(rng, 400);
        assertThat(big.matmul(x).toArray()).isEqualTo(naive(big, x.reshape(400, 1)).toArray());
        assertThat(x.matmul(big.t()).toArray()).isEqualTo(naive(big, x.reshape(400, 1)).toArray());
    }

    @Test
    void batchedAndBroadcastBatches() {
        Rng rng = new Rng(8);
        Tensor a = Tensor.randn(rng, 2, 1, 4, 5);
        Tensor b = Tensor.randn(rng, 3, 5, 6);
        Tensor c = a.matmul(b);
        assertThat(c.shape()).isEqualTo(Shape.of(2, 3, 4, 6));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(c.select(0, i).select(0, j)).isEqualTo(naive(a.select(0, i).select(0, 0), b.select(0, j)));
            }
        }
        // a plain matrix broadcast against a batch, on either side
        Tensor w = Tensor.randn(rng, 5, 7);
        Tensor x = Tensor.randn(rng, 3, 4, 5);
        Tensor xw = x.matmul(w);
        assertThat(xw.shape()).isEqualTo(Shape.of(3, 4, 7));
        assertThat(xw.select(0, 2)).isEqualTo(naive(x.select(0, 2), w));
        Tensor left = Tensor.randn(rng, 6, 4);
        assertThat(left.matmul(x).shape()).isEqualTo(Shape.of(3, 6, 5));
        assertThat(left.matmul(x).select(0, 1)).isEqualTo(naive(left, x.select(0, 1)));
        // a batch of transposed views
        Tensor xt = Tensor.randn(rng, 3, 5, 4).transpose(1, 2);
        assertThat(xt.matmul(w).select(0, 1)).isEqualTo(naive(xt.select(0, 1), w));
        // batched product of large matrices (the blocked kernel, several tiles per matrix)
        Tensor ba = Tensor.randn(rng, 2, 70, 90);
        Tensor bb = Tensor.randn(rng, 2, 90, 300);
        Tensor bc = ba.matmul(bb);
        for (int t = 0; t < 2; t++) {
            assertThat(bc.select(0, t).toArray()).isEqualTo(naive(ba.select(0, t), bb.select(0, t)).toArray());
        }
    }

    @Test
    void emptyAndDegenerateSizes() {
        assertThat(Tensor.zeros(3, 0).matmul(Tensor.zeros(0, 4))).isEqualTo(Tensor.zeros(3, 4));
        assertThat(Tensor.zeros(0, 5).matmul(Tensor.zeros(5, 4)).shape()).isEqualTo(Shape.of(0, 4));
        assertThat(Tensor.zeros(2, 5).matmul(Tensor.zeros(5, 0)).shape()).isEqualTo(Shape.of(2, 0));
        assertThat(Tensor.zeros(0, 2, 5).matmul(Tensor.zeros(5, 3)).shape()).isEqualTo(Shape.of(0, 2, 3));
    }

    @Test
    void nanAndInfinityPropagateAsInIeeeArithmetic() {
        // 0 · ∞ = NaN: a zero in A must not skip the product (NumPy gives NaN as well)
        Tensor a = Tensor.of(new double[][] {{0, 1}});
        Tensor b = Tensor.of(new double[][] {{Double.POSITIVE_INFINITY}, {2}});
        assertThat(a.matmul(b).item()).isNaN();
        Tensor big = Tensor.zeros(40, 40);
        Tensor inf = Tensor.full(Shape.of(40, 40), Double.POSITIVE_INFINITY);
        assertThat(big.matmul(inf).get(3, 4)).isNaN();
        assertThat(Tensor.of(new double[][] {{1, Double.NaN}}).matmul(Tensor.ones(2, 1)).item()).isNaN();
    }

    @Test
    void errorMessages() {
        assertThatThrownBy(() -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: inner dimensions differ: [3, 4] @ [5, 2] (4 != 5)");
        assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)))
                .hasMessage("matmul: inner dimensions differ: [3] @ [4] (3 != 4)");
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)))
                .hasMessage("matmul (batch axes): shapes [2] and [3] cannot be broadcast: axis -1 has sizes 2 and 3"
                        + " (expected equal sizes or one of them 1)");
        assertThatThrownBy(() -> Tensor.scalar(1).matmul(Tensor.zeros(1)))
                .hasMessage("matmul: operands must have at least 1 axis, got [] @ [1]");
    }

    @Test
    void dotAndOuter() {
        Tensor a = Tensor.of(1, 2, 3);
        Tensor b = Tensor.of(4, -5, 6);
        assertThat(a.dot(b)).isEqualTo(12.0);
        assertThat(a.dot(Tensor.of(1, 2, 3, 4).slice(0, 1, 4))).isEqualTo(2 + 6 + 12.0);
        Tensor o = a.outer(Tensor.of(1, 10));
        assertThat(o.toArray2d()).isDeepEqualTo(new double[][] {{1, 10}, {2, 20}, {3, 30}});
        assertThatThrownBy(() -> a.dot(Tensor.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dot: expected two 1-d tensors of equal length, got [3] and [2]");
        assertThatThrownBy(() -> a.outer(Tensor.zeros(2, 2)))
                .hasMessage("outer: expected two 1-d tensors, got [3] and [2, 2]");
    }
}
