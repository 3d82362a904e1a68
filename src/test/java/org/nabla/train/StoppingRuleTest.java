package org.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoppingRuleTest {
    private static History history(double[] train, double[] val, double[] gradNorm) {
        History h = new History();
        for (int i = 0; i < train.length; i++) {
            h.add(new EpochRecord(i + 1, train[i], Double.NaN, val[i], Double.NaN, gradNorm[i], 0));
        }
        return h;
    }

    @Test
    void maxEpochs() {
        History h = history(new double[] {3, 2}, new double[] {3, 2}, new double[] {1, 1});
        assertThat(new MaxEpochs(2).shouldStop(h)).isTrue();
        assertThat(new MaxEpochs(3).shouldStop(h)).isFalse();
        assertThatThrownBy(() -> new MaxEpochs(0)).hasMessageContaining("at least 1 epoch");
    }

    @Test
    void gradientNorm() {
        assertThat(new GradientNormBelow(1e-3).shouldStop(history(new double[] {1}, new double[] {1},
                new double[] {5e-4}))).isTrue();
        assertThat(new GradientNormBelow(1e-3).shouldStop(history(new double[] {1}, new double[] {1},
                new double[] {5e-3}))).isFalse();
        assertThatThrownBy(() -> new GradientNormBelow(-1)).hasMessageContaining("ε must be > 0");
    }

    @Test
    void relativeLossChange() {
        RelativeLossChangeBelow r = new RelativeLossChangeBelow(1e-2);
        assertThat(r.shouldStop(history(new double[] {1.0, 0.995}, new double[2], new double[2]))).isTrue();
        assertThat(r.shouldStop(history(new double[] {1.0, 0.9}, new double[2], new double[2]))).isFalse();
        assertThat(r.shouldStop(history(new double[] {1.0}, new double[1], new double[1]))).isFalse();
    }

    @Test
    void earlyStoppingWithPatience() {
        NoValidationImprovement r = new NoValidationImprovement(2);
        assertThat(r.shouldStop(history(new double[4], new double[] {3, 2, 2.5, 2.1}, new double[4]))).isTrue();
        assertThat(r.shouldStop(history(new double[4], new double[] {3, 2, 2.5, 1.9}, new double[4]))).isFalse();
        assertThatThrownBy(() -> new NoValidationImprovement(0)).hasMessageContaining("patience must be ≥ 1");
    }
}
