package org.nabla.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.activation.LogSoftmax;
import org.nabla.activation.Softmax;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;

/**
 * Numerics that must not lie at the edges of the double range: scaled norms for every p and axis,
 * means whose plain sum overflows, softmax and log-softmax of infinite logits as the limit of the
 * formula, and arange refusing ranges it cannot hold.
 */
class NumericLimitsTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void normsAreScaledForEveryPAndAxis() {
        assertThat(Tensor.of(1e200, 1e200).norm(2, new int[] {0}, false).item()).isEqualTo(Tensor.of(1e200, 1e200).norm());
        assertThat(Tensor.of(1e200, 1e200).norm()).isCloseTo(Math.sqrt(2) * 1e200, within(1e186));
        Rng rng = new Rng(29);
        Tensor x = Tensor.randn(rng, 3, 4, 5);
        for (double p : new double[] {0.5, 1, 1.5, 2, 3, 7}) {
            for (int[] axes : new int[][] {null, {0}, {1}, {2}, {0, 2}, {0, 1, 2}}) {
                Tensor plain = x.abs().pow(p).sum(axes, false).pow(1 / p);
                Tensor n = x.norm(p, axes, false);
                assertThat(n.allClose(plain, 1e-14, 0)).as("p=%s axes=%s", p, axes).isTrue();
                for (double scale : new double[] {1e300, 1e-300, 1e-306}) {
                    Tensor scaled = x.mul(scale).norm(p, axes, false);
                    assertThat(scaled.div(scale).allClose(n, 1e-12, 0)).as("p=%s axes=%s scale=%s", p, axes, scale)
                            .isTrue();
                }
            }
        }
        assertThat(Tensor.of(INF, 1).norm(2, null, false).item()).isEqualTo(INF);
        assertThat(Tensor.of(INF, Double.NaN).norm(3, null, false).item()).isNaN();
        assertThat(Tensor.zeros(2, 0).norm(2, new int[] {1}, false).toArray()).containsExactly(0, 0);
        assertThat(Tensor.zeros(3).norm(1.5, null, false).item()).isZero();
        // Linalg's vector norms, negative p included: |x|⁻² of 10⁻¹⁶⁰ would overflow unscaled
        assertThat(Linalg.norm(Tensor.of(1e-160, 1e-160), -2.0).item()).isCloseTo(1e-160 / Math.sqrt(2), within(1e-174));
        assertThat(Linalg.norm(Tensor.of(1e200, 1e200), 3.0).item()).isCloseTo(Math.cbrt(2) * 1e200, within(1e186));
        assertThat(Linalg.norm(Tensor.of(0, 5), -1.0).item()).isZero();
    }

    @Test
    void meanDoesNotOverflowWhereItsSumDoes() {
        double big = Double.MAX_VALUE;
        assertThat(Tensor.of(1e308, 1e308).mean().item()).isEqualTo(1e308);
        assertThat(Tensor.of(big, big, big).mean().item()).isEqualTo(big);
        Tensor m = Tensor.of(new int[] {2, 2}, 1e308, 1, 1e308, 3);
        assertThat(m.mean(0).toArray()).containsExactly(1e308, 2);
        assertThat(m.mean(new int[] {0}, true).toArray()).containsExactly(1e308, 2);
        assertThat(m.mean(1).toArray()).containsExactly(5e307, 5e307);
        assertThat(Tensor.of(-big, -big).mean().item()).isEqualTo(-big);
        // the formula's own infinities and NaN stay
        assertThat(Tensor.of(INF, 1).mean().item()).isEqualTo(INF);
        assertThat(Tensor.of(INF, -INF).mean().item()).isNaN();
        assertThat(Tensor.of(1, 2, 4).mean().item()).isEqualTo(7.0 / 3);
    }

    private static double[] softmax(double... x) {
        return Softmax.softmax(Variable.constant(Tensor.of(x))).value().toArray();
    }

    private static double[] logSoftmax(double... x) {
        return LogSoftmax.logSoftmax(Variable.constant(Tensor.of(x))).value().toArray();
    }

    @Test
    void softmaxOfInfiniteLogitsIsTheLimit() {
        assertThat(softmax(INF, 0)).containsExactly(1, 0);
        assertThat(logSoftmax(INF, 0)).containsExactly(0, -INF);
        assertThat(softmax(-INF, 0)).containsExactly(0, 1);
        assertThat(softmax(3, INF, -INF, -2)).containsExactly(0, 1, 0, 0);
        assertThat(logSoftmax(3, INF, -INF)).containsExactly(-INF, 0, -INF);
        assertThat(softmax(INF, INF, 0)).containsExactly(Double.NaN, Double.NaN, 0);
        assertThat(softmax(-INF, -INF)).containsExactly(Double.NaN, Double.NaN);
        assertThat(softmax(Double.NaN, INF)).containsExactly(Double.NaN, Double.NaN);
        assertThat(softmax(1e308, -1e308)).containsExactly(1, 0);
        Tensor rows = Tensor.of(new int[] {2, 3}, INF, 0, 1, 2, INF, 3);
        double e = 1 / (1 + Math.exp(2)); // softmax of the finite column [1, 3]
        assertThat(Softmax.softmax(Variable.constant(rows), 0).value().allClose(Tensor.of(new int[] {2, 3}, 1, 0, e, 0, 1,
                1 - e), 1e-15, 0)).isTrue();
        assertThat(Softmax.softmax(Variable.constant(rows), 1).value().toArray()).containsExactly(1, 0, 0, 0, 1, 0);
        // the saturated softmax has a zero Jacobian: finite, zero gradients
        Variable x = Variable.leaf(Tensor.of(INF, 0, -1));
        Gradients g = Softmax.softmax(x).mul(Variable.constant(Tensor.of(1, 2, 3))).sum().backward();
        assertThat(g.of(x).toArray()).containsExactly(0, 0, 0);
    }

    @Test
    void arangeRefusesWhatItCannotHoldAsZerosDoes() {
        assertThatThrownBy(() -> Tensor.zeros(100_000, 100_000)).hasMessage(
                "shape [100000, 100000] has more than 2147483647 elements");
        assertThatThrownBy(() -> Tensor.arange(0, 1e12, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arange(0.0, 1.0E12, 1.0): shape [1000000000000] has more than 2147483647 elements");
        assertThatThrownBy(() -> Tensor.arange(0, 3e9, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arange(0.0, 3.0E9, 1.0): shape [3000000000] has more than 2147483647 elements");
        assertThatThrownBy(() -> Tensor.arange(-1e308, 1e308, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arange(-1.0E308, 1.0E308, 1.0): shape [∞] has more than 2147483647 elements");
        assertThatThrownBy(() -> Tensor.arange(0, INF, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arange(0.0, Infinity, 1.0): start, stop and step must be finite numbers");
        assertThatThrownBy(() -> Tensor.arange(0, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arange(0.0, NaN, 1.0): start, stop and step must be finite numbers");
        assertThatThrownBy(() -> Tensor.arange(Double.NaN, 3, 1)).hasMessageContaining("must be finite");
        assertThatThrownBy(() -> Tensor.arange(0, 3, INF)).hasMessageContaining("must be finite");
        assertThat(Tensor.arange(0, 1, 0.25).toArray()).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(Tensor.arange(5, 0, -2).toArray()).containsExactly(5, 3, 1);
        assertThat(Tensor.arange(0, 1e-300, 1).shape()).isEqualTo(Shape.of(1));
    }
}
