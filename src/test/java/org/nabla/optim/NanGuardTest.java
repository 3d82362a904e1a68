package org.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The opt-in NaN guard: a step that would write a NaN or an infinity into a parameter throws,
 * naming it, and changes neither any parameter nor the optimizer's state; unguarded optimizers
 * behave as before, and guarded ones take exactly the same finite steps.
 */
class NanGuardTest {
    private static final Map<String, Function<List<Parameter>, OptimizerBuilder<?>>> BUILDERS = Map.of(
            "SGD", p -> SGD.builder(p).lr(0.1),
            "SGD+momentum", p -> SGD.builder(p).lr(0.1).momentum(0.9),
            "Adam", p -> Adam.builder(p),
            "AdamW", p -> AdamW.builder(p),
            "Adagrad", p -> Adagrad.builder(p),
            "RMSprop", p -> RMSprop.builder(p));

    /** L = Σ w² + Σ (c ⊙ b): the gradient of b is c, which may hold a NaN or an infinity. */
    private static Gradients gradients(Parameter w, Parameter b, Tensor c) {
        Variable loss = w.variable().square().sum().add(b.variable().mul(Variable.constant(c)).sum());
        return loss.backward();
    }

    @Test
    void aGuardedStepThatWouldWriteNaNChangesNothing() {
        BUILDERS.forEach((name, builder) -> {
            Parameter w = new Parameter("w", Tensor.of(1.0, -2.0, 0.5));
            Parameter b = new Parameter("layer.bias", Tensor.of(0.25, 4.0));
            Optimizer<?> o = (Optimizer<?>) builder.apply(List.of(w, b)).nanGuard(true).build();
            assertThat(o.nanGuard()).isTrue();
            o.step(gradients(w, b, Tensor.of(1, 2)));
            Tensor w1 = w.value();
            Tensor b1 = b.value();
            Map<String, Tensor> state = o.state();
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
                assertThatThrownBy(() -> o.step(gradients(w, b, Tensor.of(1, bad)))).as(name)
                        .isInstanceOf(ArithmeticException.class)
                        .hasMessageStartingWith(o.getClass().getSimpleName() + ".step: parameter 'layer.bias' (shape [2])"
                                + " would become ")
                        .hasMessageContaining(" at element 1 (its gradient there is " + bad + ")")
                        .hasMessageEndingWith("; no parameter was changed (NaN guard)");
                assertThat(w.value()).as(name).isSameAs(w1);
                assertThat(b.value()).as(name).isSameAs(b1);
                assertThat(o.state()).as(name).isEqualTo(state);
            }
            // the guarded optimizer goes on exactly as an unguarded twin that never saw the bad steps
            Parameter w2 = new Parameter("w", Tensor.of(1.0, -2.0, 0.5));
            Parameter b2 = new Parameter("layer.bias", Tensor.of(0.25, 4.0));
            Optimizer<?> twin = (Optimizer<?>) builder.apply(List.of(w2, b2)).build();
            assertThat(twin.nanGuard()).isFalse();
            twin.step(gradients(w2, b2, Tensor.of(1, 2)));
            o.step(gradients(w, b, Tensor.of(3, 1)));
            twin.step(gradients(w2, b2, Tensor.of(3, 1)));
            assertThat(w.value()).as(name).isEqualTo(w2.value());
            assertThat(b.value()).as(name).isEqualTo(b2.value());
            // unguarded, the NaN goes in, as the formula says
            twin.step(gradients(w2, b2, Tensor.of(1, Double.NaN)));
            assertThat(b2.value().get(1)).as(name).isNaN();
        });
    }

    @Test
    void theSystemPropertyGuardsOptimizersCreatedAfterwards() {
        Parameter w = new Parameter("w", Tensor.of(1.0));
        assertThat(SGD.builder(List.of(w)).lr(0.1).build().nanGuard()).isFalse();
        System.setProperty(Optimizer.NAN_GUARD_PROPERTY, "true");
        try {
            Optimizer<?> o = SGD.builder(List.of(w)).lr(0.1).build();
            assertThat(o.nanGuard()).isTrue();
            assertThatThrownBy(() -> o.step(w.variable().mul(Variable.constant(Tensor.of(Double.NaN))).sum()
                    .backward())).isInstanceOf(ArithmeticException.class).hasMessageContaining("parameter 'w'");
            assertThat(w.value()).isEqualTo(Tensor.of(1.0));
            assertThat(SGD.builder(List.of(w)).lr(0.1).nanGuard(false).build().nanGuard()).isFalse();
        } finally {
            System.clearProperty(Optimizer.NAN_GUARD_PROPERTY);
        }
    }

    @Test
    void lbfgsRestoresItsParametersAndHistory() {
        Parameter x = new Parameter("x", Tensor.of(1.0, 2.0));
        LBFGS o = LBFGS.builder(List.of(x)).nanGuard(true).build();
        Closure fine = Closure.of(() -> x.variable().square().sum());
        o.step(fine);
        Tensor after = x.value();
        Map<String, Tensor> state = o.state();
        // a loss whose gradient is infinite everywhere: every trial point is non-finite
        Closure bad = Closure.of(() -> x.variable().mul(Variable.constant(Tensor.of(Double.POSITIVE_INFINITY, 1)))
                .sum());
        assertThatThrownBy(() -> o.step(bad)).isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("LBFGS.step: parameter 'x' (shape [2]) would become ")
                .hasMessageEndingWith("; no parameter was changed (NaN guard)");
        assertThat(x.value()).isEqualTo(after);
        assertThat(o.state()).isEqualTo(state);
        Parameter y = new Parameter("y", Tensor.of(1.0, 2.0));
        LBFGS unguarded = LBFGS.builder(List.of(y)).build();
        unguarded.step(Closure.of(() -> y.variable().square().sum()));
        unguarded.step(Closure.of(() -> y.variable().mul(Variable.constant(Tensor.of(Double.POSITIVE_INFINITY, 1)))
                .sum()));
        assertThat(Double.isFinite(y.value().get(0))).isFalse();
    }
}
