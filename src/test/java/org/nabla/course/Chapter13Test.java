package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter13;
import org.nabla.theory.ConvexObjectives;
import org.nabla.theory.SmoothnessConstants;
import org.nabla.train.ClassificationConfidence;
import org.nabla.train.EpochRecord;
import org.nabla.train.History;

/** Chapter 13 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter13")
class Chapter13Test {
    private static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(13, CourseDocs.capture(Chapter13::run));
    }

    @Test
    void measuredSmoothnessIsTheLargestEigenvalueOfTheGramMatrix() {
        SmoothnessConstants c = Chapter13.smoothness(NULL);
        double exact = ConvexObjectives.leastSquaresSmoothness(Chapter13.leastSquares().x());
        assertThat(c.smoothness()).isCloseTo(exact, within(1e-10));
        assertThat(c.rate().maxStep()).isCloseTo(2 / exact, within(1e-9));
        assertThat(c.strongConvexity()).isPositive();
    }

    @Test
    void gapStaysUnderTheRateBelowTwoOverLAndDivergesAbove() {
        Chapter13.Rates r = Chapter13.rate(NULL);
        assertThat(r.monotone()).isTrue();
        for (int k = 0; k < r.gaps().length; k++) {
            assertThat(r.gaps()[k]).as("k = %d", k).isGreaterThanOrEqualTo(-1e-12).isLessThanOrEqualTo(r.bounds()[k] * (1 + 1e-12));
            if (k > 0) {
                assertThat(r.below()[k]).isLessThan(r.below()[k - 1]);
                assertThat(r.above()[k]).isGreaterThan(r.above()[k - 1]);
            }
        }
        // above 2/L the top error component grows by |1 − 2.1| = 1.1 per step, the gap by 1.21 asymptotically
        assertThat(r.above()[100] / r.above()[99]).isCloseTo(1.21, within(1e-3));
    }

    @Test
    void plEstimateOfTheNonConvexExampleBoundsItsConstantAndTheRunIsMonotone() {
        double mu = Chapter13.polyakLojasiewicz(NULL);
        assertThat(mu).isGreaterThanOrEqualTo(1.0 / 32);
    }

    @Test
    void robbinsMonroKeepsImprovingWhileTheConstantStepStalls() {
        double[][] ms = Chapter13.robbinsMonro(NULL);
        int last = ms[0].length - 1;
        // η = 0.1: stationary mean-square error η/(2 − η) = 0.0526; 200 runs, so within 30 %
        assertThat(ms[0][last]).isCloseTo(0.1 / 1.9, within(0.3 * 0.1 / 1.9));
        // η_t = 1/(1 + t): θ_T is the mean of T samples, mean-square error 1/T
        assertThat(ms[1][last]).isCloseTo(1e-4, within(0.3e-4));
        for (int h = 1; h <= last; h++) {
            assertThat(ms[1][h]).isLessThan(ms[1][h - 1]);
            assertThat(ms[2][h]).isLessThan(ms[2][h - 1]);
        }
        assertThat(ms[2][last]).isLessThan(ms[0][last]);
    }

    @Test
    void accuracyStableStopsAfterThreeEpochsUnderTheThreshold() {
        History h = Chapter13.whenTrained(NULL);
        assertThat(h.size()).isEqualTo(5);
        for (int i = h.size() - 3; i < h.size(); i++) {
            assertThat(h.epochs().get(i).confidence().fractionBelow(0.5)).isLessThan(0.2);
        }
        assertThat(h.epochs().get(h.size() - 4).confidence().fractionBelow(0.5)).isGreaterThanOrEqualTo(0.2);
        for (EpochRecord r : h.epochs()) {
            ClassificationConfidence c = r.confidence();
            assertThat(c.accuracy()).isCloseTo(r.validationAccuracy(), within(1e-12));
        }
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter13.exercise1()).isCloseTo(0.5, within(1e-12));
        assertThat(Chapter13.exercise2()).isEqualTo(132);
        assertThat(Chapter13.exercise2()).isEqualTo((int) Math.ceil(Math.log(1e-6) / Math.log(0.9)));
        assertThat(Chapter13.exercise3()).isCloseTo(2.0, within(1e-6));
        assertThat(Chapter13.exercise4(Chapter13.whenTrained(NULL))).isEqualTo(3);
    }
}
