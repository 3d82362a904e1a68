package org.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

class RobbinsMonroLRTest {
    private static SGD sgd(double lr) {
        return SGD.builder(List.of(new Parameter("w", Tensor.zeros(2)))).learningRate(lr).build();
    }

    @Test
    void setsEtaZeroOverOnePlusTOverTauToThePower() {
        SGD o = sgd(0.3);
        RobbinsMonroLR s = new RobbinsMonroLR(o, 10, 0.75);
        for (int t = 0; t <= 25; t++) {
            assertThat(o.parameterGroups().get(0).learningRate()).as("t = " + t)
                    .isCloseTo(0.3 / Math.pow(1 + t / 10.0, 0.75), within(1e-15));
            s.step();
        }
        // p = 1: the classical η₀τ/(τ + t)
        assertThat(new RobbinsMonroLR(sgd(1), 4, 1).learningRate(12, 2.0)).isCloseTo(2.0 * 4 / 16, within(1e-15));
    }

    @Test
    void partialSumsGrowWithoutBoundAndSumsOfSquaresConverge() {
        double eta0 = 0.5;
        double tau = 3;
        for (double p : new double[] {0.55, 0.75, 1.0}) {
            RobbinsMonroLR s = new RobbinsMonroLR(sgd(eta0), tau, p);
            double sum = 0;
            double squares = 0;
            double squareBound = eta0 * eta0 * (1 + tau / (2 * p - 1));
            for (int t = 0; t < 1_000_000; t++) {
                double eta = s.learningRate(t, eta0);
                sum += eta;
                squares += eta * eta;
                int count = t + 1;
                if (count == 1000 || count == 1_000_000) {
                    // Σ_{t<T} η_t ≥ η₀ ∫₀ᵀ (1 + x/τ)⁻ᵖ dx, which grows like T^(1−p) (ln T at p = 1)
                    double integral = p == 1 ? eta0 * tau * Math.log(1 + count / tau)
                            : eta0 * tau * (Math.pow(1 + count / tau, 1 - p) - 1) / (1 - p);
                    assertThat(sum).as("p = %s, T = %s", p, count).isGreaterThanOrEqualTo(integral);
                    assertThat(sum).isLessThanOrEqualTo(integral + eta0);
                    assertThat(squares).isLessThanOrEqualTo(squareBound);
                }
            }
            assertThat(sum).isGreaterThan(eta0 * tau * Math.log(1 + 1_000_000 / tau));
        }
    }

    @Test
    void refusesPowersOutsideTheRobbinsMonroRange() {
        for (double p : new double[] {0.5, 0.2, 1.01, 2, Double.NaN, 0}) {
            assertThatThrownBy(() -> new RobbinsMonroLR(sgd(0.1), 10, p)).as("p = " + p)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(1/2, 1]");
        }
        assertThatThrownBy(() -> new RobbinsMonroLR(sgd(0.1), 0, 1)).hasMessageContaining("tau must be > 0");
    }
}
