package org.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

class LearningRateScheduleTest {
    private static SGD sgd(double lr) {
        return SGD.builder(List.of(new Parameter("w", Tensor.zeros(2)))).learningRate(lr).build();
    }

    private static void check(SGD o, LearningRateSchedule s, IntToDoubleFunction expected, int steps) {
        for (int t = 0; t <= steps; t++) {
            assertThat(o.parameterGroups().get(0).learningRate()).as("t = " + t).isCloseTo(expected.applyAsDouble(t), within(1e-15));
            s.step();
        }
    }

    @Test
    void stepLR() {
        SGD o = sgd(0.1);
        // PyTorch: 0.1 for t = 0..2, 0.05 for t = 3..5, 0.025 for 6..8
        double[] torch = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125};
        check(o, new StepLR(o, 3, 0.5), t -> torch[t], 9);
    }

    @Test
    void exponentialLR() {
        SGD o = sgd(0.2);
        check(o, new ExponentialLR(o, 0.9), t -> 0.2 * Math.pow(0.9, t), 10);
    }

    @Test
    void cosineAnnealingLR() {
        SGD o = sgd(0.1);
        CosineAnnealingLR s = new CosineAnnealingLR(o, 10, 0.001);
        check(o, s, t -> 0.001 + 0.5 * (0.1 - 0.001) * (1 + Math.cos(Math.PI * t / 10)), 10);
        assertThat(s.learningRate(5, 0.1)).isCloseTo(0.0505, within(1e-15));
        assertThat(s.learningRate(10, 0.1)).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void linearWarmup() {
        SGD o = sgd(0.3);
        check(o, new LinearWarmup(o, 4, 0.25), t -> 0.3 * (0.25 + 0.75 * Math.min(t, 4) / 4.0), 8);
    }

    @Test
    void warmupCosineRisesToThePeakThenFallsToTheFloorAndStays() {
        SGD o = sgd(0.4);
        WarmupCosineLR s = new WarmupCosineLR(o, 4, 12, 0.01);
        check(o, s, t -> t < 4 ? 0.4 * (t + 1) / 4
                : 0.01 + 0.5 * (0.4 - 0.01) * (1 + Math.cos(Math.PI * Math.min(t - 4, 8) / 8)), 15);
        assertThat(s.learningRate(3, 0.4)).isEqualTo(0.4);  // the last warm-up step reaches η₀ …
        assertThat(s.learningRate(4, 0.4)).isEqualTo(0.4);  // … where the cosine starts
        assertThat(s.learningRate(12, 0.4)).isCloseTo(0.01, within(1e-15));
        assertThat(s.learningRate(100, 0.4)).isCloseTo(0.01, within(1e-15));
        for (int t = 4; t < 12; t++) { // non-increasing after the warm-up
            assertThat(s.learningRate(t + 1, 0.4)).isLessThanOrEqualTo(s.learningRate(t, 0.4));
        }
        // without warm-up it is cosine annealing (held at the floor after T)
        WarmupCosineLR plain = new WarmupCosineLR(sgd(0.1), 0, 10, 0.001);
        CosineAnnealingLR cosine = new CosineAnnealingLR(sgd(0.1), 10, 0.001);
        for (int t = 0; t <= 10; t++) {
            assertThat(plain.learningRate(t, 0.1)).isCloseTo(cosine.learningRate(t, 0.1), within(1e-15));
        }
        assertThatThrownBy(() -> new WarmupCosineLR(sgd(0.1), 10, 10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmupSteps=10").hasMessageContaining("totalSteps=10");
        assertThatThrownBy(() -> new WarmupCosineLR(sgd(0.1), 1, 10, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimumLearningRate");
    }

    @Test
    void schedulesActOnEveryGroupFromItsOwnInitialRate() {
        SGD o = sgd(0.1);
        o.addParameterGroup(List.of(new Parameter("v", Tensor.zeros(1))), Map.of("learningRate", 1.0));
        ExponentialLR s = new ExponentialLR(o, 0.5);
        s.step();
        s.step();
        assertThat(s.learningRates()).containsExactly(0.025, 0.25);
        assertThat(s.epoch()).isEqualTo(2);
    }

    @Test
    void reduceOnPlateau() {
        SGD o = sgd(1.0);
        ReduceLROnPlateau s = new ReduceLROnPlateau(o, ReduceLROnPlateau.Mode.MIN, 0.5, 2, 1e-4, 1, 0.2);
        double[] metrics = {1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
        // step 1: best 1.0; 2: best 0.9; 3,4 bad (1, 2); 5 bad (3 > 2) → 0.5, cooldown 1;
        // 6: cooldown → bad reset; 7, 8 bad (1, 2); 9 bad (3) → 0.25; 10 cooldown; 11 bad 1
        double[] expected = {1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25};
        for (int i = 0; i < metrics.length; i++) {
            s.step(metrics[i]);
            assertThat(o.parameterGroups().get(0).learningRate()).as("after step " + (i + 1)).isEqualTo(expected[i]);
        }
        for (int i = 0; i < 10; i++) {
            s.step(0.9);
        }
        assertThat(o.parameterGroups().get(0).learningRate()).isEqualTo(0.2);
        assertThat(s.best()).isEqualTo(0.9);
    }

    @Test
    void validation() {
        SGD o = sgd(0.1);
        assertThatThrownBy(() -> new StepLR(o, 0, 0.1)).hasMessage("StepLR: stepSize must be > 0, got 0");
        assertThatThrownBy(() -> new ExponentialLR(o, -1)).hasMessage("ExponentialLR: gamma must be > 0, got -1.0");
        assertThatThrownBy(() -> new CosineAnnealingLR(o, 0, 0)).hasMessageContaining("maxSteps (T_max) must be > 0");
        assertThatThrownBy(() -> new LinearWarmup(o, 5, 0)).hasMessage("LinearWarmup: startFactor must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new ReduceLROnPlateau(o, ReduceLROnPlateau.Mode.MIN, 1.5, 1, 0, 0, 0))
                .hasMessage("ReduceLROnPlateau: factor must be in (0, 1), got 1.5");
    }
}
