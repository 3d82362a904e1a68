package org.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The typed settings of docs/design.md decision 13: every optimizer's hyper-parameters are a record,
 * valid by construction; the builders, the withers and the by-name view all make the same records;
 * and every optimizer, L-BFGS included, can be driven through {@link ClosureOptimizer}.
 */
class OptimizerSettingsTest {
    private static List<Parameter> ps() {
        return List.of(new Parameter("w", Tensor.of(1.0, -2.0)));
    }

    /** Each optimizer's built default settings, and the record's own defaults. */
    @Test
    void aBuilderWithNothingSetGivesTheRecordsDefaults() {
        assertThat(Adam.builder(ps()).build().defaults()).isEqualTo(Adam.Settings.defaults());
        assertThat(AdamW.builder(ps()).build().defaults()).isEqualTo(AdamW.Settings.defaults());
        assertThat(RMSprop.builder(ps()).build().defaults()).isEqualTo(RMSprop.Settings.defaults());
        assertThat(Adagrad.builder(ps()).build().defaults()).isEqualTo(Adagrad.Settings.defaults());
        assertThat(LBFGS.builder(ps()).build().settings()).isEqualTo(LBFGS.Settings.defaults());
        assertThat(SGD.builder(ps()).lr(0.3).build().defaults()).isEqualTo(SGD.Settings.of(0.3));
        // PyTorch's defaults, number for number
        assertThat(Adam.Settings.defaults()).isEqualTo(new Adam.Settings(1e-3, 0.9, 0.999, 1e-8, 0, false));
        assertThat(AdamW.Settings.defaults()).isEqualTo(new AdamW.Settings(1e-3, 0.9, 0.999, 1e-8, 1e-2, false));
        assertThat(RMSprop.Settings.defaults()).isEqualTo(new RMSprop.Settings(1e-2, 0.99, 1e-8, 0, 0, false));
        assertThat(Adagrad.Settings.defaults()).isEqualTo(new Adagrad.Settings(1e-2, 0, 0, 0, 1e-10));
        assertThat(LBFGS.Settings.defaults())
                .isEqualTo(new LBFGS.Settings(1, 20, 25, 1e-7, 1e-9, 100, LBFGS.LineSearch.NONE));
    }

    /** The builder's setters and the record's withers agree, setter for wither. */
    @Test
    void buildersAndWithersMakeTheSameRecords() {
        assertThat(SGD.builder(ps()).lr(0.1).momentum(0.9).dampening(0).weightDecay(1e-4).nesterov(true).build()
                .defaults()).isEqualTo(SGD.Settings.of(0.1).withMomentum(0.9).withWeightDecay(1e-4).withNesterov(true));
        assertThat(Adam.builder(ps()).lr(0.01).betas(0.8, 0.99).epsilon(1e-6).weightDecay(0.1).amsgrad(true).build()
                .defaults()).isEqualTo(Adam.Settings.defaults().withLearningRate(0.01).withBetas(0.8, 0.99)
                        .withEpsilon(1e-6).withWeightDecay(0.1).withAmsgrad(true));
        assertThat(RMSprop.builder(ps()).alpha(0.9).epsilon(1e-6).weightDecay(0.1).momentum(0.5).centered(true)
                .build().defaults()).isEqualTo(RMSprop.Settings.defaults().withAlpha(0.9).withEpsilon(1e-6)
                        .withWeightDecay(0.1).withMomentum(0.5).withCentered(true));
        assertThat(Adagrad.builder(ps()).learningRateDecay(0.1).weightDecay(0.2).initialAccumulatorValue(0.3)
                .epsilon(1e-6).build().defaults()).isEqualTo(Adagrad.Settings.defaults().withLearningRateDecay(0.1)
                        .withWeightDecay(0.2).withInitialAccumulatorValue(0.3).withEpsilon(1e-6));
        assertThat(LBFGS.builder(ps()).lr(0.5).maxIter(7).maxEval(9).toleranceGrad(1e-5).toleranceChange(1e-6)
                .historySize(3).lineSearch(LBFGS.LineSearch.STRONG_WOLFE).build().settings())
                .isEqualTo(LBFGS.Settings.defaults().withLearningRate(0.5).withMaxIter(7).withMaxEval(9)
                        .withToleranceGrad(1e-5).withToleranceChange(1e-6).withHistorySize(3)
                        .withLineSearch(LBFGS.LineSearch.STRONG_WOLFE));
        // the order of a builder's setters never matters: validation runs once, on the whole record
        assertThat(SGD.builder(ps()).nesterov(true).lr(0.1).momentum(0.9).build().defaults().nesterov()).isTrue();
    }

    /**
     * The by-name view is the record: map and back gives the same record, for every optimizer; a
     * change by name changes that component only.
     */
    @Test
    void theByNameViewRoundTripsAndChangesOneComponent() {
        List<OptimizerSettings<?>> all = List.of(SGD.Settings.of(0.1).withMomentum(0.9), Adam.Settings.defaults(),
                AdamW.Settings.defaults(), RMSprop.Settings.defaults(), Adagrad.Settings.defaults(),
                LBFGS.Settings.defaults());
        for (OptimizerSettings<?> s : all) {
            Map<String, Object> byName = SettingsByName.asMap(s);
            assertThat(SettingsByName.create(s.getClass(), byName)).as(s.toString()).isEqualTo(s);
            assertThat(byName.get(ParameterGroup.LEARNING_RATE)).isEqualTo(s.learningRate());
            OptimizerSettings<?> faster = s.withLearningRate(s.learningRate() * 2);
            Map<String, Object> expected = new LinkedHashMap<>(byName);
            expected.put(ParameterGroup.LEARNING_RATE, s.learningRate() * 2);
            assertThat(SettingsByName.asMap(faster)).as(s.toString()).isEqualTo(expected);
        }
        ParameterGroup<LBFGS.Settings> g = new ParameterGroup<>(ps(), LBFGS.Settings.defaults());
        g.set(LBFGS.HISTORY_SIZE, 10.0); // a whole number given as a double is taken
        g.set(LBFGS.LINE_SEARCH, "STRONG_WOLFE"); // an enum by its name
        assertThat(g.settings()).isEqualTo(LBFGS.Settings.defaults().withHistorySize(10)
                .withLineSearch(LBFGS.LineSearch.STRONG_WOLFE));
        assertThat(g.get(LBFGS.HISTORY_SIZE)).isEqualTo(10);
        assertThatThrownBy(() -> g.set(LBFGS.HISTORY_SIZE, 10.5))
                .hasMessage("LBFGS: hyper-parameter historySize must be a whole number, got 10.5 (it is never rounded)");
        assertThatThrownBy(() -> g.set(LBFGS.LINE_SEARCH, "armijo"))
                .hasMessage("LBFGS: hyper-parameter lineSearch must be one of [NONE, STRONG_WOLFE], got armijo");
        assertThatThrownBy(() -> g.set(LBFGS.TOLERANCE_GRAD, "small"))
                .hasMessage("LBFGS: hyper-parameter toleranceGrad must be a number, got small");
        assertThat(g.settings().historySize()).as("a refused change leaves the group as it was").isEqualTo(10);
    }

    /** A record that exists is valid: the constructors refuse what the builders refuse. */
    @Test
    void recordsAreValidatedInTheirConstructors() {
        assertThatThrownBy(() -> new Adam.Settings(1e-3, 1.0, 0.999, 1e-8, 0, false))
                .hasMessage("Adam: invalid beta1 1.0 (must be in [0, 1))");
        assertThatThrownBy(() -> AdamW.Settings.defaults().withWeightDecay(-1))
                .hasMessage("AdamW: invalid weightDecay -1.0 (must be >= 0)");
        assertThatThrownBy(() -> RMSprop.Settings.defaults().withAlpha(1.5))
                .hasMessage("RMSprop: invalid alpha 1.5 (must be in [0, 1])");
        assertThatThrownBy(() -> Adagrad.Settings.defaults().withEpsilon(0))
                .hasMessage("Adagrad: invalid epsilon 0.0 (must be > 0)");
        assertThatThrownBy(() -> SGD.Settings.of(Double.POSITIVE_INFINITY))
                .hasMessage("SGD: invalid learningRate Infinity (must be >= 0)");
        assertThatThrownBy(() -> SGD.Settings.of(0.1).withDampening(Double.NaN))
                .hasMessage("SGD: invalid dampening NaN (must be finite)");
        assertThatThrownBy(() -> LBFGS.Settings.defaults().withMaxEval(0))
                .hasMessage("LBFGS: invalid maxEval 0 (must be a whole number ≥ 1)");
    }

    /** A group added with a record of its own, or by name from the defaults, steps with its own η. */
    @Test
    void groupsTakeARecordOrOverridesByName() {
        Parameter a = new Parameter("a", Tensor.of(1.0));
        Parameter b = new Parameter("b", Tensor.of(1.0));
        Parameter c = new Parameter("c", Tensor.of(1.0));
        SGD sgd = SGD.builder(List.of(a)).lr(0.1).build();
        ParameterGroup<SGD.Settings> gb = sgd.addParameterGroup(List.of(b), SGD.Settings.of(0.2));
        ParameterGroup<SGD.Settings> gc = sgd.addParameterGroup(List.of(c), Map.of("learningRate", 0.4));
        assertThat(gb.settings()).isEqualTo(SGD.Settings.of(0.2));
        assertThat(gc.settings()).isEqualTo(SGD.Settings.of(0.4));
        // L = a + b + c: each parameter moves by its group's η
        sgd.step(a.variable().add(b.variable()).add(c.variable()).sum().backward());
        assertThat(a.value().item()).isCloseTo(0.9, within(1e-15));
        assertThat(b.value().item()).isCloseTo(0.8, within(1e-15));
        assertThat(c.value().item()).isCloseTo(0.6, within(1e-15));
        assertThatThrownBy(() -> sgd.addParameterGroup(List.of(new Parameter("d", Tensor.of(0.0))), Map.of("lr", 1.0)))
                .hasMessage("SGD: unknown hyper-parameter 'lr'; known: [learningRate, momentum, dampening, weightDecay,"
                        + " nesterov]");
    }

    /**
     * Code written for "an optimizer" takes a ClosureOptimizer: first-order methods and L-BFGS all
     * bring f(x) = ½‖x − (3, −1)‖² to its minimiser through the same loop.
     */
    @Test
    void everyOptimizerIsAClosureOptimizer() {
        Map<String, Function<List<Parameter>, ClosureOptimizer>> makers = new LinkedHashMap<>();
        makers.put("SGD", p -> SGD.builder(p).lr(0.5).build());
        makers.put("Adam", p -> Adam.builder(p).lr(0.05).build());
        makers.put("LBFGS", p -> LBFGS.builder(p).build());
        Tensor target = Tensor.of(3.0, -1.0);
        for (var e : makers.entrySet()) {
            Parameter x = new Parameter("x", Tensor.of(0.0, 0.0));
            ClosureOptimizer o = e.getValue().apply(List.of(x));
            Closure f = () -> {
                Variable r = x.variable().sub(Variable.constant(target));
                Variable loss = r.mul(r).sum().mul(0.5);
                return new Closure.Evaluation(loss.item(), loss.backward());
            };
            double first = o.step(f);
            for (int k = 0; k < 400; k++) {
                o.step(f);
            }
            assertThat(first).as(e.getKey()).isEqualTo(5.0);
            assertThat(x.value().sub(target).abs().max().item()).as(e.getKey()).isLessThan(1e-6);
            assertThat(o.parameters()).containsExactly(x);
        }
    }

    /** L-BFGS loads a state whole or not at all: a vector of the wrong length changes nothing. */
    @Test
    void lbfgsLoadsAStateWholeOrNotAtAll() {
        Parameter x = new Parameter("x", Tensor.of(0.0, 0.0));
        LBFGS o = LBFGS.builder(List.of(x)).maxIter(3).build();
        o.step(() -> {
            Variable loss = x.variable().sub(Variable.constant(Tensor.of(3.0, -1.0))).square().sum();
            return new Closure.Evaluation(loss.item(), loss.backward());
        });
        Map<String, Tensor> before = o.state();
        int iterations = o.iterations();
        assertThat(iterations).isPositive();
        Map<String, Tensor> bad = new java.util.TreeMap<>(before);
        bad.put("0.n_iter", Tensor.scalar(99));
        bad.put("0.old_dirs.0", Tensor.of(1.0, 2.0, 3.0));
        assertThatThrownBy(() -> o.loadState(bad))
                .hasMessage("LBFGS.loadState: key '0.old_dirs.0' holds 3 numbers but the parameters have 2 entries in all");
        assertThat(o.state()).isEqualTo(before);
        assertThat(o.iterations()).isEqualTo(iterations);
    }
}
