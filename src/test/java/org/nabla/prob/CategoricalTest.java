package org.nabla.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CategoricalTest {
    private static final double[][] LOGITS = {{0.5, -1.0, 2.0}, {0.0, 0.0, 0.0}};

    private static double[] probabilities(double[] l) {
        double z = 0;
        for (double v : l) {
            z += Math.exp(v);
        }
        double[] p = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            p[i] = Math.exp(l[i]) / z;
        }
        return p;
    }

    @Test
    void logProbIsTheLogOfTheSoftmax() {
        Categorical c = new Categorical(Variable.constant(Tensor.of(LOGITS)));
        assertThat(c.batchShape().dims()).containsExactly(2);
        assertThat(c.classes()).isEqualTo(3);
        double[] lp = c.logProb(Tensor.of(2, 1)).value().toArray();
        assertThat(lp[0]).isCloseTo(Math.log(probabilities(LOGITS[0])[2]), within(1e-14));
        assertThat(lp[1]).isCloseTo(Math.log(1.0 / 3), within(1e-14));
        // several draws at once: x of shape (4, 2) broadcasts against the batch shape (2)
        Tensor many = c.logProb(Tensor.of(new double[][] {{0, 0}, {1, 1}, {2, 2}, {0, 2}})).value();
        assertThat(many.dims()).containsExactly(4, 2);
        assertThat(many.get(3, 0)).isCloseTo(Math.log(probabilities(LOGITS[0])[0]), within(1e-14));
    }

    @Test
    void entropyIsMinusSumPLogP() {
        Categorical c = new Categorical(Variable.constant(Tensor.of(LOGITS)));
        double[] h = c.entropy().value().toArray();
        double expected = 0;
        for (double p : probabilities(LOGITS[0])) {
            expected -= p * Math.log(p);
        }
        assertThat(h[0]).isCloseTo(expected, within(1e-14));
        assertThat(h[1]).isCloseTo(Math.log(3), within(1e-14));
        // a class with probability e^(−1000) does not give NaN
        assertThat(new Categorical(Variable.constant(Tensor.of(0.0, -1000.0))).entropy().item()).isCloseTo(0.0, within(1e-300));
    }

    @Test
    void sampleFrequenciesMatchTheProbabilities() {
        Categorical c = new Categorical(Variable.constant(Tensor.of(LOGITS)));
        Tensor s = c.sample(new Rng(9), 60_000);
        assertThat(s.dims()).containsExactly(60_000, 2);
        double[] p = probabilities(LOGITS[0]);
        for (int k = 0; k < 3; k++) {
            double f = s.select(1, 0).eq(Tensor.scalar(k)).mean().item();
            assertThat(f).isCloseTo(p[k], within(0.01));
            double g = s.select(1, 1).eq(Tensor.scalar(k)).mean().item();
            assertThat(g).isCloseTo(1.0 / 3, within(0.01));
        }
        double m = s.select(1, 0).mean().item();
        assertThat(m).isCloseTo(c.mean().value().get(0), within(0.02));
    }

    @Test
    void logProbAndEntropyPassGradCheck() {
        GradCheck.check(in -> new Categorical(in.get(0)).logProb(Variable.constant(Tensor.of(2, 0))).sum(),
                Tensor.of(LOGITS)).assertPassed();
        GradCheck.check(in -> new Categorical(in.get(0)).entropy().sum(), Tensor.of(LOGITS)).assertPassed();
    }

    @Test
    void errorsNameTheProblem() {
        Categorical c = new Categorical(Variable.constant(Tensor.of(LOGITS)));
        assertThatThrownBy(() -> c.logProb(Tensor.of(3, 0))).hasMessageContaining("Categorical.logProb: x must hold class indices 0…2, got 3.0");
        assertThatThrownBy(() -> c.logProb(Tensor.of(0.5, 0))).hasMessageContaining("got 0.5");
        assertThatThrownBy(() -> new Categorical(Variable.constant(Tensor.scalar(1.0)))).hasMessageContaining("expected logits of shape (…, K)");
        assertThatThrownBy(() -> c.rsample(new Rng(1))).isInstanceOf(UnsupportedOperationException.class);
    }
}
