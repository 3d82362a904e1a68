package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** Sequence-first and batch-first layouts, and bidirectional layers (values against PyTorch: io.PyTorchExchangeTest). */
class RecurrentLayoutTest {
    private static RecurrentLayer make(String kind, int layers, boolean batchFirst, boolean bidirectional, long seed) {
        Rng rng = new Rng(seed);
        switch (kind) {
            case "rnn":
                return new RNN(3, 4, layers, "tanh", true, batchFirst, bidirectional, rng);
            case "lstm":
                return new LSTM(3, 4, layers, true, batchFirst, bidirectional, rng);
            default:
                return new GRU(3, 4, layers, true, batchFirst, bidirectional, rng);
        }
    }

    private static void copy(Module from, Module to) {
        Map<String, Parameter> target = to.namedParameters();
        from.namedParameters().forEach((k, p) -> target.get(k).set(p.value()));
    }

    private static Tensor reverseTime(Tensor x, int axis) {
        List<Tensor> steps = new ArrayList<>();
        for (int t = x.dim(axis) - 1; t >= 0; t--) {
            steps.add(x.select(axis, t));
        }
        return Tensor.stack(axis, steps);
    }

    @Test
    void bothLayoutsComputeTheSameFunction() {
        Tensor xSeq = Tensor.randn(new Rng(5), 6, 2, 3); // (T, N, D)
        for (String kind : List.of("rnn", "lstm", "gru")) {
            for (boolean bi : new boolean[] {false, true}) {
                RecurrentLayer seqFirst = make(kind, 2, false, bi, 1);
                RecurrentLayer batchFirst = make(kind, 2, true, bi, 2);
                copy(seqFirst, batchFirst);
                var a = seqFirst.run(Variable.constant(xSeq), null);
                var b = batchFirst.run(Variable.constant(xSeq.transpose(0, 1)), null);
                assertThat(a.output().shape().dims()).as(kind).containsExactly(6, 2, bi ? 8 : 4);
                assertThat(b.output().value()).as(kind + " bi=" + bi).isEqualTo(a.output().value().transpose(0, 1));
                assertThat(b.hN().value()).isEqualTo(a.hN().value());
                assertThat(a.hN().shape().dims()).containsExactly(bi ? 4 : 2, 2, 4);
            }
        }
    }

    @Test
    void theBackwardDirectionReadsTheSequenceReversed() {
        // one layer: swapping the two directions' weights and reversing time reverses the output and
        // swaps its halves, [f_A(x)_t ; b_B(x)_t] → [b_B(x)_{T−1−t} ; f_A(x)_{T−1−t}]
        Tensor x = Tensor.randn(new Rng(6), 2, 5, 3);
        for (String kind : List.of("rnn", "lstm", "gru")) {
            RecurrentLayer m = make(kind, 1, true, true, 3);
            RecurrentLayer swapped = make(kind, 1, true, true, 4);
            Map<String, Parameter> p = m.namedParameters();
            swapped.namedParameters().forEach((k, q) -> q.set(p.get(k.endsWith("_reverse")
                    ? k.replace("_reverse", "") : k + "_reverse").value()));
            Tensor y = m.forward(x);
            Tensor y2 = swapped.forward(reverseTime(x, 1));
            Tensor expected = reverseTime(Tensor.concat(2, y.slice(2, 4, 8), y.slice(2, 0, 4)), 1);
            assertThat(y2.allClose(expected, 1e-15, 1e-15)).as(kind).isTrue();
            // h_n: the forward direction ends at t = T−1, the backward one at t = 0
            var out = m.run(Variable.constant(x), null);
            assertThat(out.hN().value().select(0, 0)).isEqualTo(y.select(1, 4).slice(1, 0, 4));
            assertThat(out.hN().value().select(0, 1)).isEqualTo(y.select(1, 0).slice(1, 4, 8));
        }
    }

    @Test
    void initialStatesInPyTorchsLayout() {
        LSTM lstm = (LSTM) make("lstm", 2, false, true, 7);
        Rng rng = new Rng(8);
        Tensor x = Tensor.randn(rng, 4, 2, 3);
        Tensor h0 = Tensor.randn(rng, 4, 2, 4);
        Tensor c0 = Tensor.randn(rng, 4, 2, 4);
        var a = lstm.run(Variable.constant(x), Variable.constant(h0), Variable.constant(c0));
        List<List<Variable>> lists = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            lists.add(List.of(Variable.constant(h0.select(0, k)), Variable.constant(c0.select(0, k))));
        }
        var b = lstm.run(Variable.constant(x), lists);
        assertThat(a.output().value()).isEqualTo(b.output().value());
        assertThat(a.cN().value()).isEqualTo(b.cN().value());
        assertThatThrownBy(() -> lstm.run(Variable.constant(x), Variable.constant(Tensor.zeros(2, 2, 4)), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LSTM(input=3, hidden=4, layers=2, bidirectional, sequence first): expected h0 of shape "
                        + "(4, 2, 4) = (layers·directions, N, H), got [2, 2, 4]");
        RecurrentLayer gru = make("gru", 1, true, false, 9);
        assertThatThrownBy(() -> gru.run(Variable.constant(x), null, Variable.constant(c0)))
                .hasMessageContaining("only an LSTM has a cell state c0");
        assertThatThrownBy(() -> gru.run(Variable.constant(x), null).cN())
                .hasMessageContaining("c_n exists only for an LSTM");
        assertThatThrownBy(() -> gru.forward(Variable.constant(Tensor.zeros(2, 5, 4))))
                .hasMessage("GRU(input=3, hidden=4, layers=1): expected input (N, T, 3), got shape [2, 5, 4]");
    }

    @Test
    void bidirectionalLayersMatchFiniteDifferences() {
        Rng rng = new Rng(10);
        for (String kind : List.of("rnn", "lstm", "gru")) {
            RecurrentLayer m = make(kind, 2, false, true, 11);
            Tensor x = Tensor.randn(rng, 3, 2, 3);
            Tensor h0 = Tensor.randn(rng, 4, 2, 4);
            Tensor c0 = Tensor.randn(rng, 4, 2, 4);
            boolean lstm = kind.equals("lstm");
            GradCheck.check(in -> {
                var out = m.run(in.get(0), in.get(1), lstm ? in.get(2) : null);
                Variable s = out.output().square().sum().add(out.hN().sum());
                return lstm ? s.add(out.cN().tanh().sum()) : s;
            }, x, h0, c0).assertPassed();
        }
    }

    @Test
    void weightGradientsOfTheBackwardDirectionMatchCentralDifferences() {
        Tensor x = Tensor.randn(new Rng(12), 3, 2, 3);
        for (String kind : List.of("rnn", "lstm", "gru")) {
            RecurrentLayer m = make(kind, 2, false, true, 13);
            for (String name : List.of("weight_hh_l0_reverse", "bias_ih_l1_reverse", "weight_ih_l1")) {
                Parameter p = m.namedParameters().get(name);
                Tensor analytic = m.forward(Variable.constant(x)).square().sum().backward().of(p);
                double[] theta = p.value().toArray();
                double[] numeric = new double[theta.length];
                double h = 1e-6;
                for (int i = 0; i < theta.length; i++) {
                    double[] plus = theta.clone();
                    double[] minus = theta.clone();
                    plus[i] += h;
                    minus[i] -= h;
                    p.set(Tensor.of(p.shape(), plus));
                    double fp = m.forward(x).square().sum().item();
                    p.set(Tensor.of(p.shape(), minus));
                    double fm = m.forward(x).square().sum().item();
                    numeric[i] = (fp - fm) / (2 * h);
                }
                p.set(Tensor.of(p.shape(), theta));
                assertThat(analytic.allClose(Tensor.of(p.shape(), numeric), 1e-6, 1e-8)).as(kind + " " + name).isTrue();
            }
        }
    }
}
