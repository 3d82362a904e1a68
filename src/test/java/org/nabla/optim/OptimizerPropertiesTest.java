package org.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

class OptimizerPropertiesTest {
    // a strongly convex quadratic: Q = AᵀA + I
    private static final double[][] Q = {
        {4.0, 1.0, 0.5, 0.0},
        {1.0, 3.0, 0.2, 0.3},
        {0.5, 0.2, 2.0, -0.4},
        {0.0, 0.3, -0.4, 1.5}};
    private static final double[] C = {1.0, -2.0, 0.5, 3.0};

    private static Variable f(Parameter x) {
        return Objectives.quadratic(x.variable(), Tensor.of(Q), Tensor.of(C));
    }

    private static double distanceToMinimizer(Parameter x) {
        double[] star = Objectives.quadraticMinimizer(Q, C);
        return x.value().sub(Tensor.of(star)).norm();
    }

    private static void run(Optimizer<?> o, Parameter x, int steps) {
        for (int i = 0; i < steps; i++) {
            o.step(f(x).backward());
        }
    }

    private static Parameter start() {
        return new Parameter("x", Tensor.of(2.0, -1.0, 0.5, 1.0));
    }

    @Test
    void everyFirstOrderOptimizerReachesTheMinimizer() {
        Map<String, Function<List<Parameter>, Optimizer<?>>> makers = Map.of(
                "SGD", p -> SGD.builder(p).learningRate(0.1).build(),
                "SGD momentum", p -> SGD.builder(p).learningRate(0.05).momentum(0.9).build(),
                "SGD Nesterov", p -> SGD.builder(p).learningRate(0.05).momentum(0.9).nesterov(true).build(),
                "Adam", p -> Adam.builder(p).learningRate(0.05).build(),
                "Adam AMSGrad", p -> Adam.builder(p).learningRate(0.05).amsgrad(true).build(),
                "AdamW (λ = 0)", p -> AdamW.builder(p).learningRate(0.05).weightDecay(0).build(),
                "RMSprop", p -> RMSprop.builder(p).learningRate(0.01).build(),
                "RMSprop centered momentum", p -> RMSprop.builder(p).learningRate(0.005).momentum(0.5).centered(true).build(),
                "Adagrad", p -> Adagrad.builder(p).learningRate(0.5).build());
        for (var e : makers.entrySet()) {
            Parameter x = start();
            Optimizer<?> o = e.getValue().apply(List.of(x));
            int steps = 5000;
            for (int i = 0; i < steps; i++) {
                o.step(f(x).backward());
                if (e.getKey().startsWith("Adam") || e.getKey().startsWith("RMSprop")) {
                    // constant-step adaptive methods hover within ~η of the minimiser; anneal to converge
                    if (i % 1000 == 999) {
                        o.parameterGroups().get(0).setLearningRate(o.parameterGroups().get(0).learningRate() * 0.1);
                    }
                }
            }
            assertThat(distanceToMinimizer(x)).as(e.getKey()).isLessThan(1e-6);
        }
    }

    @Test
    void lbfgsReachesTheMinimizerOfTheQuadratic() {
        for (LBFGS.LineSearch ls : LBFGS.LineSearch.values()) {
            Parameter x = start();
            // the default stopping rule |Δf| < 1e-9 leaves ‖x − x*‖ ≈ √(1e-9); tighten it to test convergence
            LBFGS o = LBFGS.builder(List.of(x)).learningRate(ls == LBFGS.LineSearch.NONE ? 0.5 : 1).lineSearch(ls)
                    .toleranceChange(1e-15).toleranceGrad(1e-10).build();
            for (int i = 0; i < 20; i++) {
                o.step(Closure.of(() -> f(x)));
            }
            assertThat(distanceToMinimizer(x)).as(ls.toString()).isLessThan(1e-6);
        }
    }

    @Test
    void lbfgsWithStrongWolfeSolvesTenDimensionalRosenbrock() {
        double[] x0 = new double[10];
        for (int i = 0; i < 10; i++) {
            x0[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        Parameter x = new Parameter("x", Tensor.of(x0));
        LBFGS o = LBFGS.builder(List.of(x)).lineSearch(LBFGS.LineSearch.STRONG_WOLFE).maxIter(100)
                .toleranceGrad(1e-12).toleranceChange(1e-15).build();
        for (int i = 0; i < 20; i++) {
            o.step(Closure.of(() -> Objectives.rosenbrock(x.variable())));
        }
        assertThat(x.value().sub(Tensor.ones(10)).norm()).isLessThan(1e-6);
    }

    @Test
    void stateRoundTripGivesIdenticalContinuedTrajectories() {
        List<Function<List<Parameter>, Optimizer<?>>> makers = List.of(
                p -> SGD.builder(p).learningRate(0.05).momentum(0.9).nesterov(true).build(),
                p -> Adam.builder(p).learningRate(0.05).amsgrad(true).build(),
                p -> AdamW.builder(p).learningRate(0.05).build(),
                p -> RMSprop.builder(p).momentum(0.5).centered(true).build(),
                p -> Adagrad.builder(p).learningRateDecay(0.01).build());
        for (var make : makers) {
            Parameter x = start();
            Optimizer<?> o = make.apply(List.of(x));
            run(o, x, 7);
            Map<String, Tensor> saved = o.state();
            Tensor savedX = x.value();
            run(o, x, 10);
            Tensor continued = x.value();

            Parameter y = new Parameter("y", savedX);
            Optimizer<?> fresh = make.apply(List.of(y));
            fresh.loadState(saved);
            run(fresh, y, 10);
            assertThat(y.value()).as(o.getClass().getSimpleName()).isEqualTo(continued);
        }
    }

    @Test
    void adamStateIsASnapshotAndLoadingItRewindsTheSameOptimizer() {
        List<Function<List<Parameter>, Optimizer<?>>> makers = List.of(
                p -> Adam.builder(p).learningRate(0.05).amsgrad(true).build(),
                p -> AdamW.builder(p).learningRate(0.05).build());
        for (var make : makers) {
            Parameter x = start();
            Optimizer<?> o = make.apply(List.of(x));
            run(o, x, 5);
            Map<String, Tensor> saved = o.state();
            Tensor m = saved.get("0.exp_avg");
            double[] mBefore = m.toArray();
            Tensor savedX = x.value();
            run(o, x, 6); // the moments move on, in place inside the optimizer ...
            assertThat(m.toArray()).isEqualTo(mBefore); // ... and the snapshot it handed out does not
            assertThat(o.state().get("0.exp_avg").toArray()).isNotEqualTo(mBefore);
            Tensor continued = x.value();
            // rewinding this same optimizer to the snapshot and replaying gives the same bits
            o.loadState(saved);
            x.set(savedX);
            run(o, x, 6);
            assertThat(x.value()).as(o.getClass().getSimpleName()).isEqualTo(continued);
            // and a state without moments (before any step) starts them from zero again
            Parameter y = start();
            Optimizer<?> fresh = make.apply(List.of(y));
            Map<String, Tensor> empty = fresh.state();
            run(fresh, y, 3);
            Tensor afterThree = y.value();
            fresh.loadState(empty);
            y.set(start().value());
            run(fresh, y, 3);
            assertThat(y.value()).isEqualTo(afterThree);
        }
    }

    @Test
    void lbfgsStateRoundTrip() {
        for (LBFGS.LineSearch ls : LBFGS.LineSearch.values()) {
            Parameter x = new Parameter("x", Tensor.of(-1.2, 1.0, -1.2, 1.0));
            LBFGS o = LBFGS.builder(List.of(x)).learningRate(ls == LBFGS.LineSearch.NONE ? 0.1 : 1).historySize(5)
                    .maxIter(4).lineSearch(ls).build();
            Closure cx = Closure.of(() -> Objectives.rosenbrock(x.variable()));
            o.step(cx);
            o.step(cx);
            Map<String, Tensor> saved = o.state();
            assertThat(saved).containsKeys("0.d", "0.t", "0.H_diag", "0.old_dirs.0", "0.n_iter");
            Tensor savedX = x.value();
            o.step(cx);
            o.step(cx);

            Parameter y = new Parameter("y", savedX);
            LBFGS fresh = LBFGS.builder(List.of(y)).learningRate(ls == LBFGS.LineSearch.NONE ? 0.1 : 1).historySize(5)
                    .maxIter(4).lineSearch(ls).build();
            fresh.loadState(saved);
            Closure cy = Closure.of(() -> Objectives.rosenbrock(y.variable()));
            fresh.step(cy);
            fresh.step(cy);
            assertThat(y.value()).isEqualTo(x.value());
            assertThat(fresh.iterations()).isEqualTo(o.iterations());
        }
    }

    @Test
    void loadStateRejectsMalformedKeys() {
        Parameter x = start();
        SGD o = SGD.builder(List.of(x)).learningRate(0.1).momentum(0.9).build();
        assertThatThrownBy(() -> o.loadState(Map.of("momentum_buffer", Tensor.zeros(4))))
                .hasMessageContaining("not of the form <parameter index>.<name>");
        assertThatThrownBy(() -> o.loadState(Map.of("3.momentum_buffer", Tensor.zeros(4))))
                .hasMessageContaining("names parameter 3 but this optimizer has 1 parameters");
    }

    @Test
    void parameterGroupsHaveTheirOwnLearningRate() {
        Parameter a = new Parameter("a", Tensor.of(1.0));
        Parameter b = new Parameter("b", Tensor.of(1.0));
        SGD o = SGD.builder(List.of(a)).learningRate(0.1).build();
        o.addParameterGroup(List.of(b), Map.of("learningRate", 0.5));
        o.step(a.variable().add(b.variable()).sum().backward());
        assertThat(a.value().item()).isEqualTo(0.9);
        assertThat(b.value().item()).isEqualTo(0.5);
        assertThat(o.state()).isEmpty();
        assertThatThrownBy(() -> o.addParameterGroup(List.of(a), Map.of()))
                .hasMessage("SGD: parameter 'a' already belongs to a parameter group");
        assertThatThrownBy(() -> o.addParameterGroup(List.of(new Parameter("c", Tensor.of(0.0))), Map.of("lr", 1.0)))
                .hasMessageContaining("unknown hyper-parameter 'lr'");
    }

    @Test
    void parametersWithoutGradientAreLeftAlone() {
        Parameter a = new Parameter("a", Tensor.of(1.0));
        Parameter unused = new Parameter("unused", Tensor.of(5.0));
        Adam o = Adam.builder(List.of(a, unused)).learningRate(0.1).build();
        o.step(a.variable().square().sum().backward());
        assertThat(unused.value().item()).isEqualTo(5.0);
        assertThat(o.state()).containsKeys("0.exp_avg", "0.step").doesNotContainKey("1.exp_avg");
    }
}
