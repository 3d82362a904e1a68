package org.nabla.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class UniformTest {
    @Test
    void logProbIsMinusLogWidthOnTheSupportAndMinusInfinityOutside() {
        Uniform u = new Uniform(Variable.constant(Tensor.of(0.0, -2.0)), Variable.constant(Tensor.of(4.0, 3.0)));
        double[] lp = u.logProb(Tensor.of(new double[][] {{1.0, -2.0}, {4.0, 3.5}})).value().toArray();
        assertThat(lp[0]).isCloseTo(-Math.log(4), within(1e-15));
        assertThat(lp[1]).isCloseTo(-Math.log(5), within(1e-15));
        assertThat(lp[2]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(lp[3]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(u.entropy().value().toArray()).containsExactly(Math.log(4), Math.log(5));
    }

    @Test
    void sampleMomentsMatch() {
        Uniform u = Uniform.of(-1.0, 3.0);
        Tensor s = u.sample(new Rng(17), 100_000);
        // mean 1 (standard error 4/√12/√n ≈ 0.0037), variance 16/12 (standard error ≈ 0.0038)
        assertThat(s.mean().item()).isCloseTo(1.0, within(0.02));
        assertThat(s.var(true).item()).isCloseTo(16.0 / 12, within(0.02));
        assertThat(s.min().item()).isGreaterThanOrEqualTo(-1.0);
        assertThat(s.max().item()).isLessThan(3.0);
        assertThat(u.mean().item()).isEqualTo(1.0);
        assertThat(u.variance().item()).isCloseTo(16.0 / 12, within(1e-15));
    }

    @Test
    void rsampleGradientsAreOneMinusUAndU() {
        GradCheck.check(in -> new Uniform(in.get(0), in.get(1)).rsample(new Rng(2), 6).square().sum(),
                Tensor.of(-0.5, 0.2), Tensor.of(1.5, 0.9)).assertPassed();
        GradCheck.check(in -> new Uniform(in.get(0), in.get(1)).logProb(Variable.constant(Tensor.of(0.1, 0.5))).sum(),
                Tensor.of(-0.5, 0.2), Tensor.of(1.5, 0.9)).assertPassed();
    }

    @Test
    void emptyIntervalsAreRejected() {
        assertThatThrownBy(() -> Uniform.of(2.0, 2.0)).hasMessageContaining("Uniform: expected finite low < high, got low = 2.0, high = 2.0");
    }
}
