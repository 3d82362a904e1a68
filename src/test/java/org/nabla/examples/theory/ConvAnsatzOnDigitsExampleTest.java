package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The convolutional-ansatz example in its quick mode: correlations in range, the network learns. */
class ConvAnsatzOnDigitsExampleTest {
    @Test
    void quickRunGivesCorrelationsForBothConvolutions() {
        ConvAnsatzOnDigits.Result r = ConvAnsatzOnDigits.run(true);
        for (double[] rho : new double[][] {r.before(), r.after()}) {
            assertThat(rho).hasSize(2);
            for (double v : rho) {
                assertThat(v).isBetween(0.0, 1.0);
            }
        }
        assertThat(r.testAccuracy()).isGreaterThan(0.3);
    }
}
