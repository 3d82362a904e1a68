package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.activation.Tanh;
import org.nabla.layer.BatchNorm1d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Flatten;
import org.nabla.layer.LSTM;
import org.nabla.layer.LayerNorm;
import org.nabla.layer.Linear;
import org.nabla.layer.MultiHeadAttention;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.loss.Reduction;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Per-example gradients from one sweep equal the loop of single-example backward sweeps, for Linear,
 * Conv2d, LSTM, attention and LayerNorm networks, to 1e-14 relative to the largest entry (the
 * per-example outer product ȳᵢ ⊗ xᵢ is the single-example sweep's C̄ᵀA of one row, the same products;
 * the cotangents ȳᵢ come from the same row-wise products, but a matrix kernel may block a batch of
 * n rows and a batch of 1 differently, so sums can be ordered differently); their sum over the
 * examples is the ordinary gradient; batch statistics are refused with a clear error.
 */
class PerExampleGradientsTest {
    static final double TOL = 1e-14;

    /** ℓᵢ for the batch x: the per-example losses of a module's output. */
    private static Variable sumOfSquares(Variable y) {
        int n = y.shape().dim(0);
        return y.square().reshape(n, -1).sum(new int[] {1}, false);
    }

    /** The oracle: one forward and one backward sweep per example (batch of one). */
    static Tensor[] loop(Function<Variable, Variable> losses, Tensor x, List<Parameter> params) {
        int n = x.dim(0);
        Tensor[][] per = new Tensor[params.size()][n];
        for (int i = 0; i < n; i++) {
            Gradients g = losses.apply(Variable.constant(x.slice(0, i, i + 1))).sum().backward();
            for (int p = 0; p < params.size(); p++) {
                Parameter q = params.get(p);
                per[p][i] = g.contains(q) ? g.of(q) : Tensor.zeros(q.shape());
            }
        }
        Tensor[] out = new Tensor[params.size()];
        for (int p = 0; p < params.size(); p++) {
            out[p] = Tensor.stack(0, per[p]);
        }
        return out;
    }

    private static void assertMatchesLoop(Module m, Function<Variable, Variable> losses, Tensor x) {
        List<Parameter> params = m.parameters();
        PerExampleGradients pe = PerExampleGradients.of(losses, x);
        Tensor[] oracle = loop(losses, x, params);
        Gradients total = losses.apply(Variable.constant(x)).sum().backward();
        for (int p = 0; p < params.size(); p++) {
            Tensor got = pe.of(params.get(p));
            assertThat(got.shape()).as(params.get(p).name()).isEqualTo(oracle[p].shape());
            double scale = Math.max(1e-300, oracle[p].abs().max().item());
            assertThat(got.sub(oracle[p]).abs().max().item() / scale).as(params.get(p).name()).isLessThanOrEqualTo(TOL);
            if (total.contains(params.get(p))) {
                Tensor sum = got.sum(0);
                assertThat(sum.allClose(total.of(params.get(p)), 1e-12, 1e-13)).as("Σᵢ gᵢ " + params.get(p).name()).isTrue();
            }
        }
    }

    @Test
    void linearNetworkWithCrossEntropy() {
        Rng rng = new Rng(1);
        Sequential m = new Sequential(new Linear(5, 7, rng), new Tanh(), new Linear(7, 3, rng));
        // the label rides along as the last input column (ignored by the network)
        double[] labels = {0, 2, 1, 1, 0, 2};
        Tensor x = Tensor.concat(1, Tensor.randn(rng, 6, 5), Tensor.of(labels).reshape(6, 1));
        CrossEntropy ce = new CrossEntropy(Reduction.NONE);
        assertMatchesLoop(m, xv -> {
            double[] col = xv.value().slice(1, 5, 6).toArray();
            int[] y = new int[col.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = (int) col[i];
            }
            return ce.forward(m.forward(xv.slice(1, 0, 5)), y);
        }, x);
    }

    @Test
    void aLargeLayerIsWrittenOutOnSeveralThreadsWithTheSameBits() {
        // 16 examples × 96×1,500 weights = 2.3·10⁶ products: enough to split the write-out over threads
        Rng rng = new Rng(5);
        Sequential m = new Sequential(new Linear(1500, 96, rng), new Tanh(), new Linear(96, 2, rng));
        Tensor x = Tensor.randn(rng, 16, 1500);
        Function<Variable, Variable> losses = xv -> sumOfSquares(m.forward(xv));
        int before = org.nabla.tensor.Parallelism.threads();
        try {
            org.nabla.tensor.Parallelism.setThreads(1);
            Tensor one = PerExampleGradients.of(losses, x).of(m.parameters().get(0));
            org.nabla.tensor.Parallelism.setThreads(2);
            Tensor two = PerExampleGradients.of(losses, x).of(m.parameters().get(0));
            assertThat(two).isEqualTo(one);
        } finally {
            org.nabla.tensor.Parallelism.setThreads(before);
        }
        assertMatchesLoop(m, losses, x);
    }

    @Test
    void conv2dNetwork() {
        Rng rng = new Rng(2);
        Sequential m = new Sequential(new Conv2d(2, 3, 3, rng), new Tanh(), new Flatten(), new Linear(3 * 3 * 3, 2, rng));
        assertMatchesLoop(m, xv -> sumOfSquares(m.forward(xv)), Tensor.randn(rng, 4, 2, 5, 5));
    }

    @Test
    void lstmNetworkSharesItsWeightsOverTime() {
        Rng rng = new Rng(3);
        LSTM lstm = new LSTM(3, 4, rng);
        Linear head = new Linear(4, 2, rng);
        Sequential m = new Sequential(lstm, head);
        assertMatchesLoop(m, xv -> sumOfSquares(m.forward(xv)), Tensor.randn(rng, 5, 4, 3));
        PerExampleCotangent w = PerExampleGradients.of(xv -> sumOfSquares(m.forward(xv)), Tensor.randn(rng, 5, 4, 3))
                .cotangent(lstm.parameters().get(0).variable());
        assertThat(w.isFactored()).as("W_ih as Σₜ outer products").isTrue();
    }

    @Test
    void attentionWithSequenceFirstLayoutFindsTheExampleAxis() {
        Rng rng = new Rng(4);
        MultiHeadAttention mha = new MultiHeadAttention(4, 2, rng);
        // the batch leaf has the examples first; the layer sees (L, N, E): examples along axis 1
        Function<Variable, Variable> losses = xv -> sumOfSquares(mha.forward(xv.transpose(0, 1)).transpose(0, 1));
        assertMatchesLoop(mha, losses, Tensor.randn(rng, 5, 3, 4));
    }

    @Test
    void layerNormNetwork() {
        Rng rng = new Rng(5);
        Sequential m = new Sequential(new Linear(4, 6, rng), new LayerNorm(6), new Tanh(), new Linear(6, 2, rng));
        assertMatchesLoop(m, xv -> sumOfSquares(m.forward(xv)), Tensor.randn(rng, 7, 4));
    }

    @Test
    void batchNormInTrainingModeIsRefusedNamingTheOperationAndParameter() {
        Rng rng = new Rng(6);
        Linear first = new Linear(3, 4, rng);
        Sequential m = new Sequential(first, new BatchNorm1d(4), new Tanh(), new Linear(4, 2, rng));
        m.train();
        Tensor x = Tensor.randn(rng, 8, 3);
        assertThatThrownBy(() -> PerExampleGradients.of(xv -> sumOfSquares(m.forward(xv)), x))
                .isInstanceOf(PerExampleGradients.ExamplesMixed.class)
                .hasMessageContaining("operation 'add' (output [8, 4]")
                .hasMessageContaining("parameter '" + first.bias().name() + "'")
                .hasMessageContaining("BatchNorm");
        m.eval();
        assertMatchesLoop(m, xv -> sumOfSquares(m.forward(xv)), x);
    }

    @Test
    void anOperationWithoutARuleIsNamed() {
        Rng rng = new Rng(7);
        Parameter w = new Parameter("w", Tensor.randn(rng, 3));
        Tensor x = Tensor.randn(rng, 4, 3);
        assertThatThrownBy(() -> PerExampleGradients.of(xv -> xv.maximum(w.variable()).sum(new int[] {1}, false), x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'maximum'")
                .hasMessageContaining("parameter 'w'");
    }

    @Test
    void lossesMustBeOnePerExample() {
        Parameter w = new Parameter("w", Tensor.ones(3));
        assertThatThrownBy(() -> PerExampleGradients.of(xv -> xv.mul(w.variable()).sum(), Tensor.ones(4, 3)))
                .hasMessageContaining("expected one loss per example, shape [4]");
    }
}
