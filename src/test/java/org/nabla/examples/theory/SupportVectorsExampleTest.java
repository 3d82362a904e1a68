package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The support-vector example: the hard-margin hyperplane is w = (4/7, 4/7), b = −9/7; every kernel fits. */
class SupportVectorsExampleTest {
    @Test
    void hardMarginAndKernelsAsPrinted() {
        SupportVectors.Result r = SupportVectors.run();
        assertThat(r.w()[0]).isCloseTo(4.0 / 7, within(1e-9));
        assertThat(r.w()[1]).isCloseTo(4.0 / 7, within(1e-9));
        assertThat(r.b()).isCloseTo(-9.0 / 7, within(1e-9));
        assertThat(r.width()).isCloseTo(7 / (2 * Math.sqrt(2)), within(1e-9));
        assertThat(r.support()).containsExactly(0, 1, 4);
        for (double a : r.accuracy()) {
            assertThat(a).isGreaterThan(0.7);
        }
    }
}
