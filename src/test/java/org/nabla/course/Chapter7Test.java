package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter7;

/** Chapter 7 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter7")
class Chapter7Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(7, CourseDocs.capture(Chapter7::run));
    }

    @Test
    void reluVarianceGrowsLikeHalfTheWeightVariancePerLayer() {
        double[] cws = {1.5, 2.0, 2.5};
        for (double cw : cws) {
            double[] k = org.nabla.theory.Criticality.kernelSequence(org.nabla.theory.ScalarActivation.RELU, 0.0, cw, 1.0, 30);
            assertThat(k[29]).isCloseTo(Math.pow(cw / 2, 29), within(1e-9 * Math.pow(cw / 2, 29)));
        }
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter7.exercise1()).isEqualTo(32);
        assertThat(Math.pow(1.25, 31)).isGreaterThanOrEqualTo(1000);
        assertThat(Math.pow(1.25, 30)).isLessThan(1000);
        assertThat(Chapter7.exercise2()).isCloseTo(1 - 2e-4, within(1e-6));
    }
}
