package org.nabla.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormalTest {
    private static double density(double x, double mu, double sigma) {
        return Math.exp(-(x - mu) * (x - mu) / (2 * sigma * sigma)) / Math.sqrt(2 * Math.PI * sigma * sigma);
    }

    @Test
    void logProbMatchesTheDensity() {
        Normal n = Normal.of(Variable.constant(Tensor.of(0.5, -1.0, 2.0)), Variable.constant(Tensor.of(1.0, 0.3, 2.5)));
        Tensor x = Tensor.of(0.1, -1.2, 7.0);
        double[] lp = n.logProb(x).value().toArray();
        double[][] params = {{0.5, 1.0}, {-1.0, 0.3}, {2.0, 2.5}};
        for (int i = 0; i < 3; i++) {
            assertThat(lp[i]).isCloseTo(Math.log(density(x.get(i), params[i][0], params[i][1])), within(1e-12));
        }
    }

    @Test
    void logStdParameterizationAgreesAndBroadcasts() {
        Variable mu = Variable.constant(Tensor.of(new double[][] {{0.0, 1.0}, {2.0, 3.0}}));
        Variable logStd = Variable.constant(Tensor.of(-0.5, 0.7));
        Normal a = Normal.withLogStd(mu, logStd);
        Normal b = Normal.of(mu, Variable.constant(Tensor.of(Math.exp(-0.5), Math.exp(0.7))));
        assertThat(a.batchShape().dims()).containsExactly(2, 2);
        Tensor x = Tensor.of(new double[][] {{0.3, -0.4}, {1.0, 5.0}});
        assertThat(a.logProb(x).value().allClose(b.logProb(x).value(), 1e-13, 1e-13)).isTrue();
        assertThat(a.std().value().allClose(Tensor.of(Math.exp(-0.5), Math.exp(0.7)), 1e-15, 0)).isTrue();
    }

    @Test
    void entropyIsTheClosedForm() {
        Normal n = Normal.of(Variable.constant(Tensor.of(0.0, 4.0)), Variable.constant(Tensor.of(1.0, 0.2)));
        double[] h = n.entropy().value().toArray();
        assertThat(h[0]).isCloseTo(0.5 * Math.log(2 * Math.PI * Math.E), within(1e-14));
        assertThat(h[1]).isCloseTo(0.5 * Math.log(2 * Math.PI * Math.E * 0.04), within(1e-14));
    }

    @Test
    void sampleMomentsMatchForALargeSeededSample() {
        Normal n = Normal.of(Variable.constant(Tensor.of(1.5, -2.0)), Variable.constant(Tensor.of(0.5, 3.0)));
        Tensor s = n.sample(new Rng(11), 200_000);
        assertThat(s.dims()).containsExactly(200_000, 2);
        double[] mean = s.mean(0).toArray();
        double[] var = s.var(new int[] {0}, true, false).toArray();
        // standard errors: σ/√n ≈ 0.0011 and 0.0067; σ²·√(2/n) ≈ 0.0008 and 0.028
        assertThat(mean[0]).isCloseTo(1.5, within(0.006));
        assertThat(mean[1]).isCloseTo(-2.0, within(0.035));
        assertThat(var[0]).isCloseTo(0.25, within(0.004));
        assertThat(var[1]).isCloseTo(9.0, within(0.15));
    }

    @Test
    void rsampleIsMuPlusSigmaEpsilonWithPathwiseGradients() {
        Variable mu = Variable.leaf(Tensor.of(0.3, -0.7, 1.1));
        Variable logStd = Variable.leaf(Tensor.of(0.2, -1.0, 0.5));
        Variable z = Normal.withLogStd(mu, logStd).rsample(new Rng(5), 4);
        Tensor eps = Tensor.randn(new Rng(5), 4, 3);
        Tensor sigma = logStd.value().exp();
        assertThat(z.value().allClose(mu.value().add(sigma.mul(eps)), 1e-14, 1e-14)).isTrue();
        Gradients g = z.sum().backward();
        assertThat(g.of(mu).allClose(Tensor.full(mu.shape(), 4.0), 1e-14, 0)).isTrue();
        // ∂z/∂ log σ = σ ε, summed over the 4 draws
        assertThat(g.of(logStd).allClose(sigma.mul(eps.sum(0)), 1e-12, 1e-12)).isTrue();
    }

    @Test
    void rsampleAndLogProbPassGradCheck() {
        GradCheck.check(in -> Normal.withLogStd(in.get(0), in.get(1)).rsample(new Rng(3), 5).tanh().sum(),
                Tensor.of(0.3, -0.7), Tensor.of(0.1, -0.4)).assertPassed();
        GradCheck.check(in -> Normal.of(in.get(0), in.get(1)).logProb(in.get(2)).sum(),
                Tensor.of(0.3, -0.7), Tensor.of(1.3, 0.4), Tensor.of(0.9, 0.2)).assertPassed();
    }

    @Test
    void badParametersAreRejectedWithTheirValues() {
        assertThatThrownBy(() -> Normal.of(0.0, -1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Normal: std must be positive").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Normal.of(Variable.constant(Tensor.zeros(3)), Variable.constant(Tensor.ones(2))))
                .hasMessageContaining("Normal: mean has shape [3] and std has shape [2]");
        assertThatThrownBy(() -> Normal.standard(2).logProb(Tensor.zeros(3)))
                .hasMessageContaining("Normal.logProb: x has shape [3]");
        assertThatThrownBy(() -> Normal.standard(2).sample(new Rng(1), 0))
                .hasMessageContaining("Normal.sample: sample sizes must be positive");
        assertThatThrownBy(() -> Normal.standard(2).sample(null, 3)).hasMessageContaining("rng must not be null");
    }
}
