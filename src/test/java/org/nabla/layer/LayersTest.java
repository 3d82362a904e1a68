package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.init.Critical;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class LayersTest {
    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Rng(seed), shape);
    }

    // ------------------------------------------------------------------ Linear

    @Test
    void linearComputesXWtPlusB() {
        Linear l = new Linear(3, 2, new Rng(1));
        Tensor x = randn(2, 4, 3);
        Tensor expected = x.matmul(l.weight().value().transpose()).add(l.bias().value());
        assertThat(l.forward(x).allClose(expected, 1e-14, 1e-14)).isTrue();
        assertThat(l.weight().shape().dims()).containsExactly(2, 3);
        assertThat(l.weight().value().abs().max().item()).isLessThanOrEqualTo(1 / Math.sqrt(3));
        // leading batch axes
        Tensor x3 = randn(3, 2, 4, 3);
        assertThat(l.forward(x3).shape().dims()).containsExactly(2, 4, 2);
    }

    @Test
    void linearGradCheck() {
        GradCheck.check(in -> Linear.linear(in.get(0), in.get(1), in.get(2)), randn(1, 4, 3), randn(2, 5, 3),
                randn(3, 5)).assertPassed();
        GradCheck.check(in -> Linear.linear(in.get(0), in.get(1), null), randn(1, 2, 3, 3), randn(2, 2, 3))
                .assertPassed();
    }

    @Test
    void linearWithInitializerAndNoBias() {
        Linear l = new Linear(4, 3, false, Critical.relu(), new Rng(5));
        assertThat(l.bias()).isNull();
        assertThat(l.parameters()).hasSize(1);
        assertThat(l.toString()).isEqualTo("Linear(in=4, out=3, bias=false)  [12 parameters]");
    }

    @Test
    void linearShapeErrorNamesLayerAndShape() {
        Linear l = new Linear(3, 5, new Rng(1));
        assertThatThrownBy(() -> l.forward(Tensor.zeros(4, 7))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linear(in=3, out=5): expected input with last axis 3, got shape [4, 7]");
        assertThatThrownBy(() -> new Linear(0, 5, new Rng(1))).hasMessageContaining("in=0");
    }

    // ------------------------------------------------------------------ Flatten

    @Test
    void flattenKeepsBatchAxis() {
        Tensor x = randn(1, 2, 3, 4);
        assertThat(new Flatten().forward(x).shape().dims()).containsExactly(2, 12);
        GradCheck.check(in -> Flatten.flatten(in.get(0)).square(), x).assertPassed();
        assertThat(new Flatten().toString()).isEqualTo("Flatten(start=1)");
    }

    // ------------------------------------------------------------------ Dropout

    @Test
    void dropoutKeepsTheExpectedValueAndIsIdentityInEval() {
        Dropout d = new Dropout(0.3, new Rng(11));
        Tensor x = Tensor.ones(200_000);
        Tensor y = d.forward(x);
        assertThat(y.mean().item()).isCloseTo(1.0, within(0.01));
        double zeros = y.eq(Tensor.scalar(0)).mean().item();
        assertThat(zeros).isCloseTo(0.3, within(0.01));
        // survivors are scaled by 1/(1 − p)
        assertThat(y.max().item()).isCloseTo(1 / 0.7, within(1e-15));
        d.eval();
        Tensor z = randn(3, 4, 5);
        assertThat(d.forward(z)).isEqualTo(z);
        // same seed, same mask
        assertThat(new Dropout(0.5, new Rng(4)).forward(x)).isEqualTo(new Dropout(0.5, new Rng(4)).forward(x));
        assertThat(new Dropout(1.0, new Rng(4)).forward(x).abs().max().item()).isEqualTo(0.0);
        assertThatThrownBy(() -> new Dropout(1.5, new Rng(1))).hasMessageContaining("[0, 1]").hasMessageContaining("1.5");
    }

    @Test
    void dropoutGradientIsTheMask() {
        Variable x = Variable.leaf(randn(1, 6, 7));
        Variable y = Dropout.dropout(x, 0.4, true, new Rng(3));
        Gradients g = y.sum().backward();
        Tensor mask = y.value().div(x.value());
        assertThat(g.of(x).allClose(mask, 1e-12, 1e-12)).isTrue();
    }

    // ------------------------------------------------------------------ BatchNorm

    @Test
    void batchNormNormalizesEachFeatureInTraining() {
        BatchNorm1d bn = new BatchNorm1d(4);
        Tensor x = randn(1, 32, 4).mul(3).add(Tensor.of(1, -2, 5, 0));
        Tensor y = bn.forward(x);
        Tensor mean = y.mean(0);
        Tensor var = y.var(new int[] {0}, false, false);
        for (int c = 0; c < 4; c++) {
            assertThat(mean.get(c)).isCloseTo(0, within(1e-12));
            assertThat(var.get(c)).isCloseTo(1, within(1e-3)); // ε = 1e-5 shrinks it slightly
        }
        // NCHW
        Tensor img = randn(2, 3, 2, 4, 4).mul(2).add(1);
        Tensor z = new BatchNorm2d(2).forward(img);
        Tensor zm = z.mean(new int[] {0, 2, 3}, false);
        Tensor zv = z.var(new int[] {0, 2, 3}, false, false);
        for (int c = 0; c < 2; c++) {
            assertThat(zm.get(c)).isCloseTo(0, within(1e-12));
            assertThat(zv.get(c)).isCloseTo(1, within(1e-3));
        }
        // (N, C, L)
        Tensor seq = randn(4, 5, 3, 7);
        Tensor s = new BatchNorm1d(3).forward(seq);
        assertThat(s.mean(new int[] {0, 2}, false).abs().max().item()).isLessThan(1e-12);
    }

    @Test
    void batchNormRunningStatisticsFollowPyTorchMomentum() {
        BatchNorm1d bn = new BatchNorm1d(3);
        Tensor x1 = randn(1, 10, 3);
        Tensor x2 = randn(2, 10, 3).add(2);
        bn.forward(x1);
        bn.forward(x2);
        Tensor m = Tensor.zeros(3);
        Tensor v = Tensor.ones(3);
        for (Tensor x : List.of(x1, x2)) {
            m = m.mul(0.9).add(x.mean(0).mul(0.1));
            v = v.mul(0.9).add(x.var(new int[] {0}, true, false).mul(0.1));
        }
        assertThat(bn.runningMean().allClose(m, 1e-14, 1e-14)).isTrue();
        assertThat(bn.runningVar().allClose(v, 1e-14, 1e-14)).isTrue();
        assertThat(bn.batchesTracked()).isEqualTo(2);

        // eval uses the running statistics, and does not change them
        bn.eval();
        bn.weight().set(Tensor.of(2, 1, 0.5));
        bn.bias().set(Tensor.of(0, 1, -1));
        Tensor x = randn(3, 5, 3);
        Tensor expected = x.sub(m).div(v.add(1e-5).sqrt()).mul(Tensor.of(2, 1, 0.5)).add(Tensor.of(0, 1, -1));
        assertThat(bn.forward(x).allClose(expected, 1e-13, 1e-13)).isTrue();
        assertThat(bn.runningMean()).isEqualTo(m);
        assertThat(bn.batchesTracked()).isEqualTo(2);
    }

    @Test
    void batchNormGradCheck() {
        GradCheck.check(in -> BatchNorm.batchNorm(in.get(0), in.get(1), in.get(2), 1e-5), randn(1, 5, 3),
                randn(2, 3), randn(3, 3)).assertPassed();
        GradCheck.check(in -> BatchNorm.batchNorm(in.get(0), in.get(1), in.get(2), 1e-5), randn(1, 2, 2, 3, 3),
                randn(2, 2), randn(3, 2)).assertPassed();
        GradCheck.check(in -> BatchNorm.batchNormInference(in.get(0), Tensor.of(0.1, -0.2), Tensor.of(1.5, 0.7),
                in.get(1), in.get(2), 1e-5), randn(1, 3, 2, 2), randn(2, 2), randn(3, 2)).assertPassed();
    }

    @Test
    void batchNormErrors() {
        BatchNorm1d bn = new BatchNorm1d(4);
        assertThatThrownBy(() -> bn.forward(Tensor.zeros(5, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BatchNorm1d(4").hasMessageContaining("[5, 3]");
        assertThatThrownBy(() -> bn.forward(Tensor.zeros(1, 4))).hasMessageContaining("more than 1 value per channel");
        assertThatThrownBy(() -> new BatchNorm2d(2).forward(Tensor.zeros(2, 2, 3)))
                .hasMessageContaining("(N, C, H, W)").hasMessageContaining("[2, 2, 3]");
        assertThatThrownBy(() -> new BatchNorm1d(3, 1e-5, 1.5, true)).hasMessageContaining("momentum");
        assertThat(bn.toString()).isEqualTo("BatchNorm1d(4, eps=1.0E-5, momentum=0.1, affine=true)  [8 parameters]");
    }

    // ------------------------------------------------------------------ LayerNorm

    @Test
    void layerNormNormalizesEachSample() {
        LayerNorm ln = new LayerNorm(2, 3);
        Tensor x = randn(1, 4, 2, 3).mul(5).add(2);
        Tensor y = ln.forward(x);
        Tensor m = y.mean(new int[] {1, 2}, false);
        Tensor v = y.var(new int[] {1, 2}, false, false);
        for (int i = 0; i < 4; i++) {
            assertThat(m.get(i)).isCloseTo(0, within(1e-12));
            assertThat(v.get(i)).isCloseTo(1, within(1e-4));
        }
        assertThat(ln.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(ln.weight().shape().dims()).containsExactly(2, 3);
        assertThatThrownBy(() -> ln.forward(Tensor.zeros(4, 3, 2))).hasMessageContaining("[2, 3]")
                .hasMessageContaining("[4, 3, 2]");
    }

    @Test
    void layerNormGradCheck() {
        GradCheck.check(in -> LayerNorm.layerNorm(in.get(0), new int[] {4}, in.get(1), in.get(2), 1e-5),
                randn(1, 3, 4), randn(2, 4), randn(3, 4)).assertPassed();
        GradCheck.check(in -> LayerNorm.layerNorm(in.get(0), new int[] {2, 2}, null, null, 1e-5), randn(1, 2, 2, 2))
                .assertPassed();
    }

    // ------------------------------------------------------------------ Embedding

    @Test
    void embeddingLooksUpRows() {
        Embedding e = new Embedding(6, 4, new Rng(1));
        Tensor idx = Tensor.of(new int[] {2, 2}, 5, 0, 5, 3);
        Variable y = e.lookup(idx);
        assertThat(y.shape().dims()).containsExactly(2, 2, 4);
        assertThat(y.value().select(0, 1).select(0, 1)).isEqualTo(e.weight().value().select(0, 3));
        assertThat(e.lookup(1, 4).shape().dims()).containsExactly(2, 4);
        assertThat(e.forward(Variable.constant(idx)).value()).isEqualTo(y.value());
        // gradient: rows accumulate over repeated indices
        Gradients g = y.sum().backward();
        Tensor gw = g.of(e.weight());
        assertThat(gw.select(0, 5)).isEqualTo(Tensor.full(org.nabla.tensor.Shape.of(4), 2.0));
        assertThat(gw.select(0, 1)).isEqualTo(Tensor.zeros(4));
        GradCheck.check(in -> Embedding.embedding(in.get(0), idx), randn(2, 6, 4)).assertPassed();
        assertThat(e.toString()).isEqualTo("Embedding(num=6, dim=4)  [24 parameters]");
    }

    @Test
    void embeddingIndexErrors() {
        Embedding e = new Embedding(6, 4, new Rng(1));
        assertThatThrownBy(() -> e.lookup(1, 6)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 6").hasMessageContaining("num=6");
        assertThatThrownBy(() -> e.lookup(Tensor.of(-1))).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index -1");
        assertThatThrownBy(() -> e.lookup(Tensor.of(1.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5").hasMessageContaining("whole number");
    }

    // ------------------------------------------------------------------ Sequential

    @Test
    void sequentialHasDottedNamesAndTrainEvalPropagates() {
        Rng rng = new Rng(3);
        Dropout drop = new Dropout(0.5, rng);
        Sequential net = new Sequential(new Linear(2, 4, rng), drop, new Linear(4, 1, rng));
        assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(net.parameterCount()).isEqualTo(2 * 4 + 4 + 4 + 1);
        net.eval();
        assertThat(drop.isTraining()).isFalse();
        assertThat(net.toString()).contains("(0): Linear(in=2, out=4, bias=true)", "(1): Dropout(p=0.5)",
                "(2): Linear(in=4, out=1, bias=true)");
        Tensor x = randn(1, 3, 2);
        assertThat(net.forward(x)).isEqualTo(net.forward(x));
    }
}
