package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConvergenceBoundsTest {
    @Test
    void measuredCurvesStayBelowTheBoundAndDivergeAboveTwoOverL() {
        ConvergenceBounds.Result r = ConvergenceBounds.run(100);
        for (ConvergenceBounds.Curve c : new ConvergenceBounds.Curve[] {r.leastSquares(), r.logistic()}) {
            for (int k = 0; k <= 100; k++) {
                assertThat(c.gaps()[k]).as("%s, k = %s", c.name(), k).isLessThanOrEqualTo(c.bounds()[k] + 1e-14);
            }
            assertThat(c.plEstimate()).isGreaterThanOrEqualTo(c.strongConvexity() * (1 - 1e-9));
        }
        // the numbers quoted in docs/theory.md
        assertThat(r.leastSquares().smoothness()).isCloseTo(1.043718, within(5e-7));
        assertThat(r.leastSquares().gaps()[100]).isCloseTo(3.794107e-05, within(5e-12));
        assertThat(r.logistic().smoothness()).isCloseTo(0.310930, within(5e-7));
        assertThat(r.logisticAtEnd().strongConvexity()).isGreaterThanOrEqualTo(0.05 - 1e-12);
        assertThat(r.logisticAtStart().smoothness()).isLessThanOrEqualTo(r.logistic().smoothness());
        assertThat(r.logisticAtEnd().smoothness()).isLessThanOrEqualTo(r.logistic().smoothness());
        for (int k = 1; k <= 100; k++) {
            assertThat(r.belowTwoOverL()[k]).isLessThan(r.belowTwoOverL()[k - 1]);
        }
        assertThat(r.aboveTwoOverL()[100]).isGreaterThan(1e7 * r.aboveTwoOverL()[0]);
    }
}
