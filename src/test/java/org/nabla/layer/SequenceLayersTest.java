package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

class SequenceLayersTest {
    @Test
    void gradCheckCells() {
        Rng rng = new Rng(10);
        Tensor x = Tensor.randn(rng, 2, 3);
        Tensor h = Tensor.randn(rng, 2, 4);
        Tensor c = Tensor.randn(rng, 2, 4);
        GradCheck.check(in -> {
            var hc = LSTMCell.cell(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), in.get(6));
            return Variable.concat(1, hc.get(0), hc.get(1));
        }, x, h, c, Tensor.randn(rng, 16, 3), Tensor.randn(rng, 16, 4), Tensor.randn(rng, 16), Tensor.randn(rng, 16))
                .assertPassed();
        GradCheck.check(in -> GRUCell.cell(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5)), x, h,
                Tensor.randn(rng, 12, 3), Tensor.randn(rng, 12, 4), Tensor.randn(rng, 12), Tensor.randn(rng, 12))
                .assertPassed();
        GradCheck.check(in -> RNNCell.cell(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), false), x, h,
                Tensor.randn(rng, 4, 3), Tensor.randn(rng, 4, 4), Tensor.randn(rng, 4), Tensor.randn(rng, 4)).assertPassed();
    }

    @Test
    void backpropagationThroughTimeMatchesFiniteDifferences() {
        Rng rng = new Rng(11);
        LSTM lstm = new LSTM(3, 4, 2, rng);
        Tensor x = Tensor.randn(rng, 2, 5, 3);
        GradCheck.check(in -> lstm.forward(in.get(0)).sum(), x).assertPassed();
        GRU gru = new GRU(3, 2, rng);
        var out = gru.run(Variable.constant(x), null);
        assertThat(out.output().shape().dims()).containsExactly(2, 5, 2);
        assertThat(out.finalStates().get(0).get(0).value()).isEqualTo(out.output().value().select(1, 4));
        assertThat(lstm.namedParameters().keySet()).contains("weight_ih_l0", "bias_hh_l1");
    }

    @Test
    void causalMaskMakesOutputsIndependentOfTheFuture() {
        Rng rng = new Rng(12);
        Tensor q = Tensor.randn(rng, 2, 6, 4);
        Tensor k = Tensor.randn(rng, 2, 6, 4);
        Tensor v = Tensor.randn(rng, 2, 6, 3);
        Tensor y = ScaledDotProductAttention.attention(Variable.constant(q), Variable.constant(k), Variable.constant(v),
                true, null).value();
        // perturb keys and values at positions ≥ 4: outputs at positions < 4 do not change
        double[] kd = k.toArray();
        double[] vd = v.toArray();
        for (int b = 0; b < 2; b++) {
            for (int t = 4; t < 6; t++) {
                for (int e = 0; e < 4; e++) {
                    kd[(b * 6 + t) * 4 + e] += 1.0;
                }
                for (int e = 0; e < 3; e++) {
                    vd[(b * 6 + t) * 3 + e] -= 2.0;
                }
            }
        }
        Tensor y2 = ScaledDotProductAttention.attention(Variable.constant(q), Variable.constant(Tensor.of(k.shape(), kd)),
                Variable.constant(Tensor.of(v.shape(), vd)), true, null).value();
        assertThat(y2.slice(1, 0, 4).toArray()).containsExactly(y.slice(1, 0, 4).toArray());
        assertThat(y2.slice(1, 4, 6).allClose(y.slice(1, 4, 6))).isFalse();
        GradCheck.check(in -> ScaledDotProductAttention.attention(in.get(0), in.get(1), in.get(2), true, null), q, k, v)
                .assertPassed();
    }

    @Test
    void paddingMaskIgnoresPaddedKeys() {
        Rng rng = new Rng(13);
        MultiHeadAttention mha = new MultiHeadAttention(6, 2, true, rng);
        Tensor x = Tensor.randn(rng, 2, 5, 6);
        Tensor pad = Tensor.of(Shape.of(2, 5), 1, 1, 1, 0, 0, 1, 1, 1, 1, 1);
        Variable xv = Variable.constant(x);
        Tensor y = mha.forward(xv, xv, xv, false, pad).value();
        double[] xd = x.toArray();
        for (int e = 0; e < 6; e++) {
            xd[(0 * 5 + 4) * 6 + e] = 100.0; // change a padded key/value of sequence 0
        }
        Variable xv2 = Variable.constant(Tensor.of(x.shape(), xd));
        Tensor y2 = mha.forward(xv2, xv2, xv2, false, pad).value();
        assertThat(y2.select(0, 0).slice(0, 0, 4).allClose(y.select(0, 0).slice(0, 0, 4), 1e-12, 1e-12)).isTrue();
        GradCheck.check(in -> mha.forward(in.get(0)), Tensor.randn(rng, 3, 2, 6)).assertPassed();
    }

    @Test
    void positionalEncodingAndErrors() {
        PositionalEncoding pe = new PositionalEncoding(4, 10);
        assertThat(pe.table().get(0, 1)).isEqualTo(1.0);
        assertThat(pe.table().get(3, 0)).isEqualTo(Math.sin(3));
        assertThat(pe.table().get(3, 3)).isEqualTo(Math.cos(3 / 100.0));
        assertThatThrownBy(() -> pe.forward(Variable.constant(Tensor.zeros(1, 11, 4)))).hasMessageContaining("L ≤ 10");
        assertThatThrownBy(() -> new MultiHeadAttention(6, 4, new Rng(1))).hasMessageContaining("multiple of heads 4");
        assertThatThrownBy(() -> new LSTM(3, 4, new Rng(1)).forward(Variable.constant(Tensor.zeros(2, 5, 2))))
                .hasMessageContaining("expected input (N, T, 3), got shape [2, 5, 2]");
        assertThatThrownBy(() -> new LSTMCell(3, 4, new Rng(1)).step(Variable.constant(Tensor.zeros(2, 3)),
                List.of(Variable.constant(Tensor.zeros(2, 4)), Variable.constant(Tensor.zeros(3, 4)))))
                .hasMessageContaining("expected c (2, 4), got shape [3, 4]");
    }

    @Test
    void secondDerivativesThroughAnLstmCellMatchFiniteDifferencesOfTheGradient() {
        Rng rng = new Rng(42);
        int d = 3;
        int h = 4;
        Tensor x = Tensor.randn(rng, 2, d);
        Tensor h0 = Tensor.randn(rng, 2, h);
        Tensor c0 = Tensor.randn(rng, 2, h);
        Tensor wIh = Tensor.randn(rng, 4 * h, d).mul(0.5);
        Tensor bIh = Tensor.randn(rng, 4 * h);
        Tensor bHh = Tensor.randn(rng, 4 * h);
        java.util.function.Function<Variable, Variable> f = wHh -> {
            List<Variable> hc = LSTMCell.cell(Variable.constant(x), Variable.constant(h0), Variable.constant(c0),
                    Variable.constant(wIh), wHh, Variable.constant(bIh), Variable.constant(bHh));
            return hc.get(0).square().sum().add(hc.get(1).tanh().sum());
        };
        Tensor w0 = Tensor.randn(rng, 4 * h, h).mul(0.5);
        Tensor v = Tensor.randn(rng, 4 * h, h);
        Tensor hv = org.nabla.autodiff.Autodiff.hvp(f, w0, v);
        double eps = 1e-5;
        Tensor fd = org.nabla.autodiff.Autodiff.grad(f, w0.add(v.mul(eps)))
                .sub(org.nabla.autodiff.Autodiff.grad(f, w0.sub(v.mul(eps)))).div(2 * eps);
        assertThat(hv.allClose(fd, 1e-6, 1e-6)).as("Hv %s against finite differences %s", hv, fd).isTrue();
        assertThat(hv.abs().sum().item()).isGreaterThan(0.1);
    }
}
