package org.nabla.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nabla.activation.GELU;
import org.nabla.activation.Softmax;
import org.nabla.autodiff.Variable;
import org.nabla.layer.BatchNorm1d;
import org.nabla.layer.Dropout;
import org.nabla.layer.LayerNorm;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Tensors are immutable and a model in evaluation mode only reads its parameters, so several
 * threads may run inference on one shared model at once: the results are identical, bit for bit, to
 * the single-threaded ones. (Training is not thread-safe: see docs/reliability.md.)
 */
class ConcurrentInferenceTest {
    static final int THREADS = 4;
    static final int ROUNDS = 25;

    static Sequential model() {
        Rng rng = new Rng(21);
        Sequential m = new Sequential(new Linear(12, 24, rng), new BatchNorm1d(24), new GELU(), new Dropout(0.5, rng.split()),
                new LayerNorm(24), new Linear(24, 5, rng), new Softmax(1));
        // give BatchNorm non-trivial running statistics with a few training-mode batches, then freeze
        for (int i = 0; i < 3; i++) {
            m.forward(Tensor.randn(rng, 8, 12));
        }
        m.eval();
        return m;
    }

    @Test
    void fourThreadsShareOneModelInEvalMode() throws Exception {
        Module model = model();
        Rng rng = new Rng(22);
        List<Tensor> inputs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            inputs.add(Tensor.randn(rng, 6, 12));
        }
        // the single-threaded answers
        List<Tensor> expected = new ArrayList<>();
        for (Tensor x : inputs) {
            expected.add(model.forward(x));
        }
        // a shared input, too: every thread also reads the same Tensor
        Tensor shared = inputs.get(0);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                Callable<Boolean> task = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    boolean same = true;
                    for (int r = 0; r < ROUNDS; r++) {
                        Tensor mine = model.forward(Variable.constant(inputs.get(id))).value();
                        Tensor common = model.forward(shared);
                        same &= bitwiseEqual(mine, expected.get(id)) && bitwiseEqual(common, expected.get(0));
                    }
                    return same;
                };
                results.add(pool.submit(task));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(model.isTraining()).isFalse();
    }

    /** Separate graphs over the same parameters may be built and differentiated in parallel. */
    @Test
    void gradientsOfSeparateGraphsOverSharedParametersInParallel() throws Exception {
        Module model = model();
        Rng rng = new Rng(23);
        List<Tensor> inputs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            inputs.add(Tensor.randn(rng, 6, 12));
        }
        List<org.nabla.autodiff.Parameter> params = model.parameters();
        java.util.function.Function<Tensor, List<Tensor>> gradients = x -> {
            org.nabla.autodiff.Gradients g = model.forward(Variable.constant(x)).square().sum().backward();
            List<Tensor> out = new ArrayList<>();
            for (org.nabla.autodiff.Parameter p : params) {
                out.add(g.of(p));
            }
            return out;
        };
        List<List<Tensor>> expected = new ArrayList<>();
        for (Tensor x : inputs) {
            expected.add(gradients.apply(x));
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    boolean same = true;
                    for (int r = 0; r < ROUNDS; r++) {
                        List<Tensor> mine = gradients.apply(inputs.get(id));
                        for (int k = 0; k < mine.size(); k++) {
                            same &= bitwiseEqual(mine.get(k), expected.get(id).get(k));
                        }
                    }
                    return same;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected.get(0).get(0).abs().sum().item()).as("a non-trivial gradient").isPositive();
    }

    static boolean bitwiseEqual(Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            return false;
        }
        double[] x = a.toArray();
        double[] y = b.toArray();
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                return false;
            }
        }
        return true;
    }
}
