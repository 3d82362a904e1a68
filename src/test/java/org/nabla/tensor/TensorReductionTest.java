package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TensorReductionTest {
    /** X(i, j, k) = 12i + 4j + k. */
    private static final Tensor X = Tensor.arange(24).reshape(2, 3, 4);

    @Test
    void sumOverAxes() {
        assertThat(X.sum().item()).isEqualTo(276.0);
        assertThat(X.sum().shape()).isEqualTo(Shape.SCALAR);
        Tensor s0 = X.sum(0);
        assertThat(s0.shape()).isEqualTo(Shape.of(3, 4));
        assertThat(s0.get(2, 3)).isEqualTo(11.0 + 23.0);
        Tensor s1 = X.sum(1, true);
        assertThat(s1.shape()).isEqualTo(Shape.of(2, 1, 4));
        assertThat(s1.get(1, 0, 2)).isEqualTo(14.0 + 18 + 22);
        Tensor s02 = X.sum(new int[] {0, 2}, false);
        assertThat(s02.toArray()).containsExactly(60, 92, 124);
        assertThat(X.sum(new int[] {2, 0}, true).shape()).isEqualTo(Shape.of(1, 3, 1));
        assertThat(X.sum(new int[] {-1}, false)).isEqualTo(X.sum(2));
        assertThat(X.sum(null, true).shape()).isEqualTo(Shape.of(1, 1, 1));
        assertThat(X.sum(new int[0], false)).isEqualTo(X);
        assertThat(Tensor.zeros(0, 3).sum(0).toArray()).containsExactly(0, 0, 0);
        assertThat(Tensor.scalar(5).sum().item()).isEqualTo(5.0);
    }

    @Test
    void reductionsOfViewsAndEveryAxisSubsetAgreeWithLoops() {
        Tensor t = Tensor.randn(new Rng(5), 3, 4, 5).permute(2, 0, 1); // (5, 3, 4), non-contiguous
        for (int mask = 0; mask < 8; mask++) {
            final int bits = mask;
            int[] axes = java.util.stream.IntStream.range(0, 3).filter(a -> ((bits >> a) & 1) != 0).toArray();
            Tensor s = t.sum(axes, true);
            Tensor m = t.max(axes, true);
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 4; k++) {
                        int[] at = {(mask & 1) != 0 ? 0 : i, (mask & 2) != 0 ? 0 : j, (mask & 4) != 0 ? 0 : k};
                        assertThat(m.get(at)).isGreaterThanOrEqualTo(t.get(i, j, k));
                    }
                }
            }
            // sums agree with a loop over the same elements (the order of summation may differ)
            double total = 0;
            for (double v : t.toArray()) {
                total += v;
            }
            assertThat(s.sum().item()).isCloseTo(total, within(1e-12));
            assertThat(s.shape().rank()).isEqualTo(3);
        }
    }

    @Test
    void sumsOverLeadingAxesEqualTheGeneralPathBitForBit() {
        Tensor t = Tensor.randn(new Rng(2), 7, 5, 6);
        Tensor strided = t.permute(2, 1, 0).contiguous().permute(2, 1, 0); // same values, not contiguous
        Tensor shifted = Tensor.concat(0, t, t).slice(0, 7, 14); // contiguous, with an offset
        assertThat(strided.isContiguous()).isFalse();
        for (int[] axes : new int[][] {{0}, {0, 1}, {1, 0}, {-3}}) {
            for (boolean keep : new boolean[] {false, true}) {
                double[] expected = strided.sum(axes, keep).toArray();
                assertThat(t.sum(axes, keep).toArray()).isEqualTo(expected);
                assertThat(shifted.sum(axes, keep).toArray()).isEqualTo(expected);
                assertThat(t.sum(axes, keep).shape()).isEqualTo(strided.sum(axes, keep).shape());
                assertThat(t.mean(axes, keep).toArray()).isEqualTo(strided.mean(axes, keep).toArray());
            }
        }
        assertThat(t.sum(0).get(2, 3)).isEqualTo(loopSum(t, 2, 3));
        assertThat(Tensor.zeros(0, 3).mean(0).toArray()).containsOnly(Double.NaN);
        assertThat(Tensor.zeros(3, 0).sum(0).shape()).isEqualTo(Shape.of(0));
    }

    private static double loopSum(Tensor t, int j, int k) {
        double s = 0;
        for (int i = 0; i < t.dim(0); i++) {
            s += t.get(i, j, k);
        }
        return s;
    }

    @Test
    void meanProdMinMax() {
        assertThat(X.mean().item()).isEqualTo(11.5);
        assertThat(X.mean(2).toArray()).containsExactly(1.5, 5.5, 9.5, 13.5, 17.5, 21.5);
        assertThat(X.mean(0, true).shape()).isEqualTo(Shape.of(1, 3, 4));
        assertThat(X.mean(new int[] {1, 2}, false).toArray()).containsExactly(5.5, 17.5);
        assertThat(Tensor.of(1, 2, 3, 4).prod().item()).isEqualTo(24.0);
        assertThat(X.add(1).prod(new int[] {0}, false).get(0, 1)).isEqualTo(2.0 * 14);
        assertThat(X.max().item()).isEqualTo(23.0);
        assertThat(X.min().item()).isEqualTo(0.0);
        assertThat(X.max(1).toArray()).containsExactly(8, 9, 10, 11, 20, 21, 22, 23);
        assertThat(X.min(-1).toArray()).containsExactly(0, 4, 8, 12, 16, 20);
        assertThat(X.max(new int[] {0, 1}, true).shape()).isEqualTo(Shape.of(1, 1, 4));
        assertThat(X.min(new int[] {2}, false)).isEqualTo(X.min(2));
        assertThat(Tensor.of(-5, -7).max().item()).isEqualTo(-5.0);
        assertThat(Tensor.of(1, Double.NaN, 3).max().item()).isNaN();
        assertThat(Tensor.of(1, Double.NaN, 3).min().item()).isNaN();
        assertThat(Tensor.of(Double.NEGATIVE_INFINITY).max().item()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void argmaxAndArgmin() {
        Tensor t = Tensor.of(new double[][] {{1, 5, 5}, {7, 2, 7}});
        assertThat(t.argmax(1).toArray()).containsExactly(1, 0); // the first maximum
        assertThat(t.argmax(0).toArray()).containsExactly(1, 0, 1);
        assertThat(t.argmin(1).toArray()).containsExactly(0, 1);
        assertThat(t.argmin(-2).toArray()).containsExactly(0, 1, 0);
        assertThat(t.argmax()).isEqualTo(3);
        assertThat(t.t().argmax()).isEqualTo(1); // row-major index of the view
        assertThat(X.argmax(2).shape()).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void reducingAnEmptyAxisIsAnError() {
        Tensor e = Tensor.zeros(2, 0);
        assertThatThrownBy(() -> e.max(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max: cannot reduce over axis 1 of size 0 (shape [2, 0])");
        assertThatThrownBy(() -> e.min())
                .hasMessage("min: cannot reduce over axis 1 of size 0 (shape [2, 0])");
        assertThatThrownBy(() -> Tensor.zeros(0).argmax())
                .hasMessage("argmax: cannot reduce over axis 0 of size 0 (shape [0])");
        assertThatThrownBy(() -> e.argmin(1))
                .hasMessage("argmin: cannot reduce over axis 1 of size 0 (shape [2, 0])");
        assertThat(e.max(0).shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void axisErrors() {
        assertThatThrownBy(() -> X.sum(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis 3 is out of range for a tensor of rank 3 and shape [2, 3, 4] (expected -3 ≤ axis < 3)");
        assertThatThrownBy(() -> X.mean(new int[] {0, -3}, false))
                .hasMessage("mean: axis -3 is repeated in [0, -3] for shape [2, 3, 4]");
        assertThatThrownBy(() -> X.max(-4)).hasMessageStartingWith("max: axis -4 is out of range");
    }

    @Test
    void varianceAndStandardDeviation() {
        Tensor t = Tensor.of(2, 4, 4, 4, 5, 5, 7, 9);
        assertThat(t.var(false).item()).isEqualTo(4.0);
        assertThat(t.std(false).item()).isEqualTo(2.0);
        assertThat(t.var(true).item()).isCloseTo(32.0 / 7, within(1e-15));
        assertThat(t.std(true).item()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-15));
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 6, 8}});
        assertThat(m.var(new int[] {1}, true, false).toArray()).containsExactly(1, 4);
        assertThat(m.var(new int[] {0}, false, true).toArray2d()).isDeepEqualTo(new double[][] {{2.25, 4, 6.25}});
        assertThat(m.std(new int[] {1}, true, true).shape()).isEqualTo(Shape.of(2, 1));
        // two passes: no cancellation for a large offset
        Tensor shifted = Tensor.of(1e9 + 1, 1e9 + 2, 1e9 + 3);
        assertThat(shifted.var(true).item()).isEqualTo(1.0);
        assertThat(Tensor.of(3).var(true).item()).isNaN(); // N − 1 = 0, as in PyTorch
    }

    @Test
    void logSumExpIsStable() {
        Tensor big = Tensor.of(1000, 1000);
        assertThat(big.logSumExp(0).item()).isCloseTo(1000 + Math.log(2), within(1e-12));
        Tensor small = Tensor.of(-1000, -1000, -1000);
        assertThat(small.logSumExp(0).item()).isCloseTo(-1000 + Math.log(3), within(1e-12));
        Tensor mixed = Tensor.of(new double[][] {{1000, -1000}, {0, Math.log(3)}});
        assertThat(mixed.logSumExp(1).toArray()).containsExactly(1000.0, Math.log(4));
        assertThat(mixed.logSumExp(new int[] {0, 1}, true).shape()).isEqualTo(Shape.of(1, 1));
        assertThat(Tensor.of(1, 2, 3).logSumExp(0).item()).isCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)),
                within(1e-14));
        assertThat(Tensor.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY).logSumExp(0).item())
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Tensor.of(Double.POSITIVE_INFINITY, 1).logSumExp(0).item()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Tensor.of(Double.NaN, 1).logSumExp(0).item()).isNaN();
        assertThat(Tensor.of(Double.POSITIVE_INFINITY, Double.NaN).logSumExp(0).item()).isNaN();
    }

    @Test
    void norms() {
        assertThat(Tensor.of(3, 4).norm()).isEqualTo(5.0);
        assertThat(Tensor.of(3e200, 4e200).norm()).isCloseTo(5e200, within(1e186)); // no overflow
        assertThat(Tensor.of(3e-200, 4e-200).norm()).isCloseTo(5e-200, within(1e-214)); // no underflow
        assertThat(Tensor.zeros(3).norm()).isZero();
        assertThat(Tensor.of(1, Double.NaN).norm()).isNaN();
        assertThat(Tensor.of(1, Double.POSITIVE_INFINITY).norm()).isEqualTo(Double.POSITIVE_INFINITY);
        Tensor m = Tensor.of(new double[][] {{3, -4}, {1, 1}});
        assertThat(m.norm()).isCloseTo(Math.sqrt(27), within(1e-15));
        assertThat(m.norm(2, new int[] {1}, false).toArray()).containsExactly(5, Math.sqrt(2));
        assertThat(m.norm(1, new int[] {1}, true).toArray2d()).isDeepEqualTo(new double[][] {{7}, {2}});
        assertThat(m.norm(Double.POSITIVE_INFINITY, null, false).item()).isEqualTo(4.0);
        assertThatThrownBy(() -> m.norm(0, null, false)).hasMessage("norm: expected p > 0, got 0.0");
    }
}
