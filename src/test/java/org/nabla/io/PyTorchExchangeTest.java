package org.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Variable;
import org.nabla.layer.BatchNorm1d;
import org.nabla.layer.GRU;
import org.nabla.layer.LSTM;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.layer.RNN;
import org.nabla.layer.RecurrentLayer;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * State dicts exported by PyTorch ({@code np.savez(f, **{k: v.numpy() for k, v in
 * model.state_dict().items()})}, src/test/resources/exchange/make_exchange.py) load into the
 * equivalent Nabla modules with no renaming, and the outputs agree with PyTorch's.
 */
class PyTorchExchangeTest {
    static Path exchange(String name) {
        try {
            var url = PyTorchExchangeTest.class.getResource("/exchange/" + name);
            if (url == null) {
                throw new IllegalStateException("test resource /exchange/" + name + " is missing");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The network of make_exchange.py: LSTM(3, 4, 2 layers, sequence first) → last step → Linear(4, 5) → BatchNorm1d(5). */
    static final class SmallNet extends Module {
        final LSTM lstm;
        final Linear linear;
        final BatchNorm1d norm;

        SmallNet(Rng rng) {
            lstm = registerModule("lstm", new LSTM(3, 4, 2, true, false, false, rng));
            linear = registerModule("linear", new Linear(4, 5, rng));
            norm = registerModule("norm", new BatchNorm1d(5));
        }

        @Override
        public Variable forward(Variable x) {
            Variable y = lstm.forward(x);
            return norm.forward(linear.forward(y.select(0, y.shape().dim(0) - 1)));
        }
    }

    private static void assertClose(String what, Tensor actual, Tensor expected, double tol) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        double worst = actual.sub(expected).abs().max().item();
        assertThat(worst).as(what + ": max |Nabla − PyTorch|").isLessThanOrEqualTo(tol);
    }

    @Test
    void aPyTorchStateDictLoadsAndTheEvaluationOutputsAgree() throws IOException {
        SmallNet net = new SmallNet(new Rng(1));
        ModelState.load(exchange("small_net_state.npz"), net);
        assertThat(net.norm.batchesTracked()).isEqualTo(5);
        assertThat(net.norm.runningMean().abs().max().item()).isGreaterThan(0.01); // trained, not the initial zeros
        net.eval();
        LinkedHashMap<String, Tensor> io = Npz.read(exchange("small_net_io.npz"));
        assertClose("eval output", net.forward(io.get("x")), io.get("y"), 1e-12);
    }

    @Test
    void float32AndInt64MembersAreRead() throws IOException {
        SmallNet net = new SmallNet(new Rng(2));
        ModelState.load(exchange("small_net_state_f32.npz"), net);
        LinkedHashMap<String, Tensor> f64 = Npz.read(exchange("small_net_state.npz"));
        net.stateDict().forEach((k, v) -> {
            double[] expected = f64.get(k).toArray();
            double[] actual = v.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as(k).isEqualTo((double) (float) expected[i]);
            }
        });
        assertThat(net.norm.batchesTracked()).isEqualTo(5);
    }

    @Test
    void bidirectionalLayersAgreeWithPyTorch() throws IOException {
        for (String kind : List.of("rnn", "lstm", "gru")) {
            Rng rng = new Rng(3);
            RecurrentLayer m = kind.equals("rnn") ? new RNN(3, 4, 2, "tanh", true, false, true, rng)
                    : kind.equals("lstm") ? new LSTM(3, 4, 2, true, false, true, rng)
                    : new GRU(3, 4, 2, true, false, true, rng);
            ModelState.load(exchange("bi_" + kind + "_state.npz"), m);
            Map<String, Tensor> io = Npz.read(exchange("bi_" + kind + "_io.npz"));
            var out = m.run(Variable.constant(io.get("x")), Variable.constant(io.get("h0")),
                    kind.equals("lstm") ? Variable.constant(io.get("c0")) : null);
            assertClose(kind + " output", out.output().value(), io.get("y"), 1e-12);
            assertClose(kind + " h_n", out.hN().value(), io.get("hn"), 1e-12);
            if (kind.equals("lstm")) {
                assertClose(kind + " c_n", out.cN().value(), io.get("cn"), 1e-12);
            }
            // the same weights in a batch-first layer, on the input transposed to (N, T, D)
            RecurrentLayer bf = kind.equals("rnn") ? new RNN(3, 4, 2, "tanh", true, true, true, rng)
                    : kind.equals("lstm") ? new LSTM(3, 4, 2, true, true, true, rng)
                    : new GRU(3, 4, 2, true, true, true, rng);
            ModelState.load(exchange("bi_" + kind + "_state.npz"), bf);
            var outBf = bf.run(Variable.constant(io.get("x").transpose(0, 1)), Variable.constant(io.get("h0")),
                    kind.equals("lstm") ? Variable.constant(io.get("c0")) : null);
            assertClose(kind + " batch-first output", outBf.output().value(), io.get("y").transpose(0, 1), 1e-12);
            assertClose(kind + " batch-first h_n", outBf.hN().value(), io.get("hn"), 1e-12);
        }
    }
}
