package org.nabla.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

class InitializerTest {
    /** fan_in = 1000, fan_out = 500: 500,000 draws. */
    private static final Shape W = Shape.of(500, 1000);

    private static double mean(Tensor t) {
        return t.mean().item();
    }

    private static double variance(Tensor t) {
        return t.var(false).item();
    }

    private static void assertVariance(Initializer init, double expected) {
        Tensor t = init.initialize(W, new Rng(42));
        assertThat(t.shape()).isEqualTo(W);
        assertThat(variance(t)).as(init.toString()).isCloseTo(expected, within(0.05 * expected));
        assertThat(Math.abs(mean(t))).as(init + " mean").isLessThan(0.05 * Math.sqrt(expected));
    }

    @Test
    void fansFollowTorch() {
        assertThat(Fans.of(Shape.of(5, 3))).isEqualTo(new Fans(3, 5));
        assertThat(Fans.of(Shape.of(8, 4, 3, 3))).isEqualTo(new Fans(36, 72));
        assertThat(Fans.of(Shape.of(8, 4, 3)).get(FanMode.FAN_OUT)).isEqualTo(24);
        assertThatThrownBy(() -> Fans.of(Shape.of(7))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 axes").hasMessageContaining("[7]");
    }

    @Test
    void gainsMatchCalculateGain() {
        assertThat(Gain.of("linear")).isEqualTo(1.0);
        assertThat(Gain.of("sigmoid")).isEqualTo(1.0);
        assertThat(Gain.of("tanh")).isEqualTo(5.0 / 3.0);
        assertThat(Gain.of("relu")).isEqualTo(Math.sqrt(2));
        assertThat(Gain.of("leaky_relu")).isCloseTo(Math.sqrt(2 / (1 + 1e-4)), within(1e-15));
        assertThat(Gain.of("leaky_relu", Math.sqrt(5))).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
        assertThat(Gain.of("selu")).isEqualTo(0.75);
        assertThatThrownBy(() -> Gain.of("swish")).hasMessageContaining("swish");
    }

    @Test
    void variancesMatchTheirFormulasWithinFivePercent() {
        int fanIn = 1000;
        int fanOut = 500;
        assertVariance(new XavierUniform(), 2.0 / (fanIn + fanOut));
        assertVariance(new XavierNormal(Gain.of("tanh")), 25.0 / 9 * 2.0 / (fanIn + fanOut));
        assertVariance(new KaimingUniform(), 2.0 / fanIn);
        assertVariance(new KaimingNormal(), 2.0 / fanIn);
        assertVariance(new KaimingNormal(1.0, FanMode.FAN_OUT), 1.0 / fanOut);
        assertVariance(KaimingUniform.forNonlinearity("leaky_relu", 0.2, FanMode.FAN_IN), 2.0 / (1.04 * fanIn));
        assertVariance(new LeCunNormal(), 1.0 / fanIn);
        assertVariance(new LinearDefault(), 1.0 / (3.0 * fanIn));
        assertVariance(Critical.relu(), 2.0 / fanIn);
        assertVariance(Critical.tanh(), 1.0 / fanIn);
        assertVariance(Critical.of(0.5, 1.5), 1.5 / fanIn);
        assertVariance(new Normal(0, 0.3), 0.09);
        assertVariance(new Uniform(-2, 2), 16.0 / 12);
    }

    @Test
    void uniformBoundsAreRespected() {
        Tensor t = new LinearDefault().initialize(Shape.of(50, 100), new Rng(1));
        assertThat(t.abs().max().item()).isLessThanOrEqualTo(0.1);
        Tensor b = new LinearDefault().initializeBias(Shape.of(50, 100), new Rng(1));
        assertThat(b.shape()).isEqualTo(Shape.of(50));
        assertThat(b.abs().max().item()).isLessThanOrEqualTo(0.1);
        assertThat(new KaimingUniform().initialize(Shape.of(10, 6), new Rng(2)).abs().max().item())
                .isLessThanOrEqualTo(Math.sqrt(6.0 / 6));
    }

    @Test
    void criticalBiasesHaveVarianceCb() {
        Tensor b = Critical.of(0.25, 2).initializeBias(Shape.of(100_000, 3), new Rng(3));
        assertThat(variance(b)).isCloseTo(0.25, within(0.05 * 0.25));
        assertThat(Critical.relu().initializeBias(Shape.of(4, 3), new Rng(3))).isEqualTo(Tensor.zeros(4));
        assertThat(Critical.relu().weightVariance()).isEqualTo(2.0);
        assertThat(Critical.tanh().biasVariance()).isEqualTo(0.0);
    }

    @Test
    void sameSeedSameWeights() {
        Initializer init = new XavierUniform();
        assertThat(init.initialize(Shape.of(3, 4), new Rng(9))).isEqualTo(init.initialize(Shape.of(3, 4), new Rng(9)));
    }

    @Test
    void orthogonalColumnsAreOrthonormal() {
        for (int[] s : new int[][] {{60, 40}, {40, 40}, {30, 50}, {8, 2, 3, 3}}) {
            Tensor w = new Orthogonal().initialize(Shape.of(s), new Rng(7));
            assertThat(w.shape()).isEqualTo(Shape.of(s));
            Tensor m = w.reshape(s[0], w.size() / s[0]);
            Tensor gram = m.dim(0) >= m.dim(1) ? m.transpose().matmul(m) : m.matmul(m.transpose());
            Tensor eye = Tensor.eye(gram.dim(0));
            assertThat(gram.sub(eye).abs().max().item()).as(java.util.Arrays.toString(s)).isLessThan(1e-12);
        }
        Tensor w = new Orthogonal(2.0).initialize(Shape.of(5, 5), new Rng(7));
        assertThat(w.transpose().matmul(w).sub(Tensor.eye(5).mul(4)).abs().max().item()).isLessThan(1e-12);
    }

    @Test
    void zerosAndConstant() {
        assertThat(new Zeros().initialize(Shape.of(2, 3), new Rng(0))).isEqualTo(Tensor.zeros(2, 3));
        assertThat(new Constant(1.5).initialize(new Rng(0), 2)).isEqualTo(Tensor.of(1.5, 1.5));
    }

    @Test
    void badArgumentsHaveClearMessages() {
        assertThatThrownBy(() -> new Normal(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Normal").hasMessageContaining("-1");
        assertThatThrownBy(() -> new Uniform(1, 1)).hasMessageContaining("a < b");
        assertThatThrownBy(() -> new XavierUniform(0)).hasMessageContaining("gain");
        assertThatThrownBy(() -> new KaimingNormal(1, null)).hasMessageContaining("mode");
        assertThatThrownBy(() -> Critical.of(-0.1, 1)).hasMessageContaining("C_b");
        assertThatThrownBy(() -> Critical.of(0, 0)).hasMessageContaining("C_W");
        assertThatThrownBy(() -> new Orthogonal().initialize(Shape.of(4), new Rng(0))).hasMessageContaining("2 axes");
        assertThatThrownBy(() -> new Constant(Double.NaN)).hasMessageContaining("finite");
    }
}
