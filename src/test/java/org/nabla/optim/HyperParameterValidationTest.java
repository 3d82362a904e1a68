package org.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

class HyperParameterValidationTest {
    private final List<Parameter> ps = List.of(new Parameter("w", Tensor.zeros(3)));

    @Test
    void sgd() {
        assertThatThrownBy(() -> SGD.builder(ps).build())
                .hasMessage("SGD: the learning rate is required (builder.learningRate(η))");
        assertThatThrownBy(() -> SGD.builder(ps).learningRate(-0.1).build())
                .hasMessage("SGD: invalid learningRate -0.1 (must be >= 0)");
        assertThatThrownBy(() -> SGD.builder(ps).lr(0.1).momentum(-0.5).build())
                .hasMessage("SGD: invalid momentum -0.5 (must be >= 0)");
        assertThatThrownBy(() -> SGD.builder(ps).lr(0.1).weightDecay(-1).build())
                .hasMessage("SGD: invalid weightDecay -1.0 (must be >= 0)");
        assertThatThrownBy(() -> SGD.builder(ps).lr(0.1).nesterov(true).build())
                .hasMessage("SGD: Nesterov momentum requires a momentum > 0 and zero dampening (momentum 0.0, dampening 0.0)");
        assertThatThrownBy(() -> SGD.builder(ps).lr(0.1).momentum(0.9).dampening(0.1).nesterov(true).build())
                .hasMessageContaining("requires a momentum > 0 and zero dampening");
    }

    @Test
    void adamAndAdamW() {
        assertThatThrownBy(() -> Adam.builder(ps).betas(1.0, 0.999).build())
                .hasMessage("Adam: invalid beta1 1.0 (must be in [0, 1))");
        assertThatThrownBy(() -> Adam.builder(ps).betas(0.9, -0.1).build())
                .hasMessage("Adam: invalid beta2 -0.1 (must be in [0, 1))");
        assertThatThrownBy(() -> Adam.builder(ps).epsilon(0).build())
                .hasMessage("Adam: invalid epsilon 0.0 (must be > 0)");
        assertThatThrownBy(() -> AdamW.builder(ps).learningRate(-1e-3).build())
                .hasMessage("AdamW: invalid learningRate -0.001 (must be >= 0)");
        assertThatThrownBy(() -> AdamW.builder(ps).weightDecay(-0.01).build())
                .hasMessage("AdamW: invalid weightDecay -0.01 (must be >= 0)");
    }

    @Test
    void rmspropAndAdagrad() {
        assertThatThrownBy(() -> RMSprop.builder(ps).alpha(-0.9).build())
                .hasMessage("RMSprop: invalid alpha -0.9 (must be >= 0)");
        assertThatThrownBy(() -> RMSprop.builder(ps).momentum(-1).build())
                .hasMessage("RMSprop: invalid momentum -1.0 (must be >= 0)");
        assertThatThrownBy(() -> RMSprop.builder(ps).epsilon(-1e-8).build())
                .hasMessage("RMSprop: invalid epsilon -1.0E-8 (must be > 0)");
        assertThatThrownBy(() -> Adagrad.builder(ps).learningRateDecay(-0.1).build())
                .hasMessage("Adagrad: invalid learningRateDecay -0.1 (must be >= 0)");
        assertThatThrownBy(() -> Adagrad.builder(ps).initialAccumulatorValue(-1).build())
                .hasMessage("Adagrad: invalid initialAccumulatorValue -1.0 (must be >= 0)");
    }

    @Test
    void lbfgs() {
        assertThatThrownBy(() -> LBFGS.builder(ps).historySize(0).build())
                .hasMessage("LBFGS: invalid historySize 0.0 (must be a whole number ≥ 1)");
        assertThatThrownBy(() -> LBFGS.builder(ps).maxIter(0).build())
                .hasMessage("LBFGS: invalid maxIter 0.0 (must be a whole number ≥ 1)");
        LBFGS whole = LBFGS.builder(ps).build();
        assertThatThrownBy(() -> whole.parameterGroups().get(0).set(LBFGS.MAX_ITER, 2.5)) // was truncated to 2
                .hasMessage("LBFGS: invalid maxIter 2.5 (must be a whole number ≥ 1)");
        assertThat(whole.parameterGroups().get(0).getInt(LBFGS.MAX_ITER)).isEqualTo(20);
        assertThatThrownBy(() -> whole.parameterGroups().get(0).getInt(LBFGS.TOLERANCE_GRAD))
                .hasMessage("hyper-parameter 'toleranceGrad' is not a whole number: 1.0E-7");
        assertThatThrownBy(() -> LBFGS.builder(ps).lineSearch(null).build())
                .hasMessage("LBFGS: lineSearch must be NONE or STRONG_WOLFE, got null");
        LBFGS o = LBFGS.builder(ps).maxIter(8).build();
        assertThat(o.parameterGroups().get(0).getInt(LBFGS.MAX_EVAL)).isEqualTo(10);
        assertThatThrownBy(() -> o.addParameterGroup(List.of(new Parameter("v", Tensor.zeros(1))), java.util.Map.of()))
                .hasMessage("LBFGS: parameter groups are not supported (there is one group)");
        assertThatThrownBy(() -> o.step(new Parameter("v", Tensor.zeros(1)).variable().sum().backward()))
                .hasMessageContaining("call step(Closure)");
    }

    @Test
    void changesThroughTheGroupAreValidatedAndRejectedAtomically() {
        SGD o = SGD.builder(ps).learningRate(0.1).momentum(0.9).build();
        ParameterGroup g = o.parameterGroups().get(0);
        assertThatThrownBy(() -> g.setLearningRate(-1)).hasMessage("SGD: invalid learningRate -1.0 (must be >= 0)");
        assertThat(g.learningRate()).isEqualTo(0.1);
        assertThatThrownBy(() -> g.set(SGD.MOMENTUM, 0.0 * 0 - 2)).hasMessageContaining("invalid momentum");
        g.set(SGD.NESTEROV, true);
        assertThat(g.getBoolean(SGD.NESTEROV)).isTrue();
        assertThatThrownBy(() -> g.set(SGD.MOMENTUM, 0.0)).hasMessageContaining("Nesterov momentum requires");
        assertThatThrownBy(() -> g.get("betas")).hasMessageContaining("unknown hyper-parameter 'betas'");
        g.setLearningRate(0.01);
        assertThat(g.learningRate()).isEqualTo(0.01);
        assertThat(g.initialLearningRate()).isEqualTo(0.1);
    }
}
