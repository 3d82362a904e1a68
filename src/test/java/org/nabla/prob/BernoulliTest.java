package org.nabla.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BernoulliTest {
    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void logProbIsLogPOrLogOneMinusP() {
        Tensor logits = Tensor.of(-2.0, 0.0, 1.5, 30.0);
        Bernoulli b = new Bernoulli(Variable.constant(logits));
        double[] at1 = b.logProb(Tensor.ones(4)).value().toArray();
        double[] at0 = b.logProb(Tensor.zeros(4)).value().toArray();
        for (int i = 0; i < 3; i++) {
            double p = sigmoid(logits.get(i));
            assertThat(at1[i]).isCloseTo(Math.log(p), within(1e-14));
            assertThat(at0[i]).isCloseTo(Math.log(1 - p), within(1e-14));
        }
        // stable where 1 − σ(30) ≈ 9.4e-14 loses digits: log(1 − σ(ℓ)) = −softplus(ℓ) ≈ −30 − e^(−30)
        assertThat(at0[3]).isCloseTo(-30 - Math.exp(-30), within(1e-14));
        assertThat(new Bernoulli(Variable.constant(Tensor.of(-800.0))).logProb(Tensor.of(1.0)).item()).isEqualTo(-800.0);
    }

    @Test
    void logProbAcceptsGreyValuesAsNegativeCrossEntropyAndBroadcasts() {
        Bernoulli b = new Bernoulli(Variable.constant(Tensor.of(0.4, -1.0)));
        Tensor x = Tensor.of(new double[][] {{0.25, 1.0}, {0.0, 0.5}});
        double[] lp = b.logProb(x).value().toArray();
        double p0 = sigmoid(0.4);
        assertThat(lp[0]).isCloseTo(0.25 * Math.log(p0) + 0.75 * Math.log(1 - p0), within(1e-14));
        double p1 = sigmoid(-1.0);
        assertThat(lp[3]).isCloseTo(0.5 * Math.log(p1) + 0.5 * Math.log(1 - p1), within(1e-14));
    }

    @Test
    void entropyMeanAndVarianceAreClosedForms() {
        Bernoulli b = Bernoulli.withProbability(Tensor.of(0.5, 0.1));
        double[] h = b.entropy().value().toArray();
        assertThat(h[0]).isCloseTo(Math.log(2), within(1e-14));
        assertThat(h[1]).isCloseTo(-0.1 * Math.log(0.1) - 0.9 * Math.log(0.9), within(1e-14));
        assertThat(b.mean().value().get(1)).isCloseTo(0.1, within(1e-15));
        assertThat(b.variance().value().get(1)).isCloseTo(0.09, within(1e-15));
    }

    @Test
    void sampleFrequencyMatchesP() {
        Bernoulli b = Bernoulli.withProbability(Tensor.of(0.2, 0.9));
        Tensor s = b.sample(new Rng(3), 100_000);
        double[] f = s.mean(0).toArray();
        // standard errors √(p(1−p)/n) ≈ 0.0013 and 0.00095
        assertThat(f[0]).isCloseTo(0.2, within(0.007));
        assertThat(f[1]).isCloseTo(0.9, within(0.005));
        assertThat(s.toArray()).containsOnly(0.0, 1.0);
    }

    @Test
    void logProbAndEntropyPassGradCheck() {
        GradCheck.check(in -> new Bernoulli(in.get(0)).logProb(Variable.constant(Tensor.of(1, 0, 0.3))).sum(),
                Tensor.of(0.2, -1.3, 2.0)).assertPassed();
        GradCheck.check(in -> new Bernoulli(in.get(0)).entropy().sum(), Tensor.of(0.2, -1.3, 2.0)).assertPassed();
    }

    @Test
    void discreteHasNoRsampleAndValuesAreChecked() {
        Bernoulli b = new Bernoulli(Variable.constant(Tensor.zeros(2)));
        assertThat(b.hasRsample()).isFalse();
        assertThatThrownBy(() -> b.rsample(new Rng(1), 2)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Bernoulli.rsample");
        assertThatThrownBy(() -> b.logProb(Tensor.of(0.0, 2.0))).hasMessageContaining("Bernoulli.logProb: x must lie in [0, 1], got 2.0");
        assertThatThrownBy(() -> Bernoulli.withProbability(Tensor.of(1.0))).hasMessageContaining("p must lie in (0, 1)");
    }
}
