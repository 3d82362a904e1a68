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
                .hasMessage("LBFGS: invalid historySize 0 (must be a whole number ≥ 1)");
        assertThatThrownBy(() -> LBFGS.builder(ps).maxIter(0).build())
                .hasMessage("LBFGS: invalid maxIter 0 (must be a whole number ≥ 1)");
        LBFGS whole = LBFGS.builder(ps).build();
        // by name, a whole-number setting refuses 2.5 instead of truncating it to 2
        assertThatThrownBy(() -> whole.setSettings(SettingsByName.with(whole.settings(), java.util.Map.of(LBFGS.MAX_ITER, 2.5))))
                .hasMessage("LBFGS: hyper-parameter maxIter must be a whole number, got 2.5 (it is never rounded)");
        assertThat(whole.settings().maxIter()).isEqualTo(20);
        assertThatThrownBy(() -> LBFGS.builder(ps).lineSearch(null).build())
                .hasMessage("LBFGS: hyper-parameter lineSearch must be one of [NONE, STRONG_WOLFE], got null");
        assertThatThrownBy(() -> new LBFGS.Settings(1, 20, 25, 1e-7, 1e-9, 100, null))
                .hasMessage("LBFGS: lineSearch must be NONE or STRONG_WOLFE, got null");
        LBFGS o = LBFGS.builder(ps).maxIter(8).build();
        assertThat(o.settings().maxEval()).as("PyTorch's max_eval = max_iter * 5 // 4").isEqualTo(10);
        assertThat(o.settings()).isEqualTo(LBFGS.Settings.defaults().withMaxIter(8).withMaxEval(10));
        // L-BFGS is a closure optimizer only: it has no step(Gradients) or parameter groups to refuse
        assertThat(ClosureOptimizer.class.isAssignableFrom(LBFGS.class)).isTrue();
        assertThat(Optimizer.class.isAssignableFrom(LBFGS.class)).isFalse();
    }

    @Test
    void changesThroughTheGroupAreValidatedAndRejectedAtomically() {
        SGD o = SGD.builder(ps).learningRate(0.1).momentum(0.9).build();
        ParameterGroup<SGD.Settings> g = o.parameterGroups().get(0);
        assertThatThrownBy(() -> g.setLearningRate(-1)).hasMessage("SGD: invalid learningRate -1.0 (must be >= 0)");
        assertThat(g.learningRate()).isEqualTo(0.1);
        assertThatThrownBy(() -> g.set(SGD.MOMENTUM, 0.0 * 0 - 2)).hasMessageContaining("invalid momentum");
        g.set(SGD.NESTEROV, true);
        assertThat(g.settings().nesterov()).isTrue();
        assertThatThrownBy(() -> g.set(SGD.MOMENTUM, 0.0)).hasMessageContaining("Nesterov momentum requires");
        assertThat(g.settings()).isEqualTo(new SGD.Settings(0.1, 0.9, 0, 0, true));
        assertThatThrownBy(() -> g.get("betas")).hasMessageContaining("unknown hyper-parameter 'betas'");
        assertThatThrownBy(() -> g.set("betas", 0.5)).hasMessage("SGD: unknown hyper-parameter 'betas'; known: "
                + "[learningRate, momentum, dampening, weightDecay, nesterov]");
        assertThatThrownBy(() -> g.set(SGD.NESTEROV, "yes"))
                .hasMessage("SGD: hyper-parameter nesterov must be true or false, got yes");
        assertThatThrownBy(() -> g.setSettings(g.settings().withMomentum(0))).hasMessageContaining("Nesterov");
        g.setSettings(g.settings().withNesterov(false).withMomentum(0));
        assertThat(g.settings().momentum()).isEqualTo(0);
        g.setLearningRate(0.01);
        assertThat(g.learningRate()).isEqualTo(0.01);
        assertThat(g.initialLearningRate()).isEqualTo(0.1);
    }
}
