package org.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.io.Npz;
import org.nabla.io.OptimizerState;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Optimizer state files written by Nabla 0.2.0 (the optimizers with hyper-parameters in maps, before
 * the typed settings of docs/design.md decision 13) still load, and the run continues bit for bit.
 *
 * <p>The fixtures under {@code src/test/resources/optim/state-0.2.0} were written by {@link #main} run
 * against the 0.2.0 optimizers (commit 04bf8e8): for each optimizer, three steps on a fixed problem of
 * two parameters, then {@code <name>.npz} (the {@link OptimizerState} file), and {@code <name>-values.npz}
 * with the parameters at that point ({@code w}, {@code b}) and after two more steps ({@code w2},
 * {@code b2}). Rerunning it rewrites them; the test then checks the current code against itself.
 */
class OptimizerStateCompatibilityTest {
    static final Path DIR = Path.of("src", "test", "resources", "optim", "state-0.2.0");

    /** An optimizer of the problem's two parameters, with every optional feature that has state. */
    record Case(String name, Function<List<Parameter>, ClosureOptimizer> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("sgd", ps -> {
                    SGD o = SGD.builder(ps.subList(0, 1)).learningRate(0.05).momentum(0.9).dampening(0.1)
                            .weightDecay(0.01).build();
                    o.addParameterGroup(ps.subList(1, 2), Map.of("learningRate", 0.1, "nesterov", true,
                            "dampening", 0.0));
                    return o;
                }),
                new Case("adam", ps -> Adam.builder(ps).learningRate(0.01).weightDecay(0.01).amsgrad(true).build()),
                new Case("adamw", ps -> AdamW.builder(ps).learningRate(0.01).betas(0.8, 0.99).build()),
                new Case("rmsprop", ps -> RMSprop.builder(ps).learningRate(0.01).momentum(0.5).centered(true)
                        .weightDecay(0.001).build()),
                new Case("adagrad", ps -> Adagrad.builder(ps).learningRate(0.1).learningRateDecay(0.01)
                        .initialAccumulatorValue(0.1).build()),
                new Case("lbfgs", ps -> LBFGS.builder(ps).maxIter(3).historySize(2)
                        .lineSearch(LBFGS.LineSearch.STRONG_WOLFE).build()));
    }

    private static List<Parameter> problem() {
        Rng rng = new Rng(2026);
        return List.of(new Parameter("w", Tensor.randn(rng, 2, 3)), new Parameter("b", Tensor.randn(rng, 3)));
    }

    /** L(w, b) = Σ (x w + b − y)² + Σ w⁴ / 4 for a fixed x (4 × 2) and y (4 × 3). */
    private static Closure closure(List<Parameter> ps) {
        Rng rng = new Rng(7);
        Tensor x = Tensor.randn(rng, 4, 2);
        Tensor y = Tensor.randn(rng, 4, 3);
        return () -> {
            Variable w = ps.get(0).variable();
            Variable r = Variable.constant(x).matmul(w).add(ps.get(1).variable()).sub(Variable.constant(y));
            Variable loss = r.mul(r).sum().add(w.mul(w).mul(w).mul(w).sum().mul(0.25));
            return new Closure.Evaluation(loss.item(), loss.backward());
        };
    }

    private static void step(ClosureOptimizer optimizer, Closure closure) {
        optimizer.step(closure);
    }

    private static Map<String, Tensor> state(ClosureOptimizer optimizer) {
        return optimizer.state();
    }

    /** Writes the fixtures (run against the 0.2.0 optimizers; see the class comment). */
    public static void main(String[] args) throws IOException {
        Files.createDirectories(DIR);
        for (Case c : cases()) {
            List<Parameter> ps = problem();
            ClosureOptimizer o = c.build().apply(ps);
            Closure f = closure(ps);
            for (int k = 0; k < 3; k++) {
                step(o, f);
            }
            OptimizerState.save(DIR.resolve(c.name() + ".npz"), state(o));
            Map<String, Tensor> values = new LinkedHashMap<>();
            values.put("w", ps.get(0).value());
            values.put("b", ps.get(1).value());
            for (int k = 0; k < 2; k++) {
                step(o, f);
            }
            values.put("w2", ps.get(0).value());
            values.put("b2", ps.get(1).value());
            Npz.write(DIR.resolve(c.name() + "-values.npz"), values);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aStateFileOfVersion020LoadsAndTheRunContinuesBitForBit(Case c) throws IOException {
        Map<String, Tensor> saved = OptimizerState.load(DIR.resolve(c.name() + ".npz"));
        Map<String, Tensor> values = Npz.read(DIR.resolve(c.name() + "-values.npz"));
        List<Parameter> ps = problem();
        ps.get(0).set(values.get("w"));
        ps.get(1).set(values.get("b"));
        ClosureOptimizer o = c.build().apply(ps);
        o.loadState(saved);
        assertThat(bits(state(o))).as("the state, read back").isEqualTo(bits(saved));
        Closure f = closure(ps);
        for (int k = 0; k < 2; k++) {
            step(o, f);
        }
        assertThat(ps.get(0).value().toArray()).as("w after two more steps").isEqualTo(values.get("w2").toArray());
        assertThat(ps.get(1).value().toArray()).as("b after two more steps").isEqualTo(values.get("b2").toArray());
    }

    private static Map<String, List<Long>> bits(Map<String, Tensor> state) {
        Map<String, List<Long>> out = new java.util.TreeMap<>();
        for (var e : state.entrySet()) {
            List<Long> b = new ArrayList<>();
            for (double v : e.getValue().toArray()) {
                b.add(Double.doubleToRawLongBits(v));
            }
            out.put(e.getKey(), b);
        }
        return out;
    }
}
