package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter5;

/** Chapter 5 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter5")
class Chapter5Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(5, CourseDocs.capture(Chapter5::run));
    }

    @Test
    void measuredRateIsTheBound() {
        double[] rates = Chapter5.gradientDescentRate(new PrintStream(OutputStream.nullOutputStream()));
        double[] kappas = {2, 10, 100};
        for (int i = 0; i < 3; i++) {
            assertThat(rates[i]).isCloseTo((kappas[i] - 1) / (kappas[i] + 1), within(1e-9));
        }
    }

    @Test
    void momentumBeatsGradientDescent() {
        int[] steps = Chapter5.momentumAndAdam(new PrintStream(OutputStream.nullOutputStream()));
        assertThat(steps[1]).isLessThan(steps[2]).isLessThan(steps[0]);
        assertThat(steps[0]).isBetween(900, 1000);
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter5.exercise1()).isEqualTo(69);
        assertThat(Math.pow(9.0 / 11, 69)).isLessThanOrEqualTo(1e-6);
        assertThat(Math.pow(9.0 / 11, 68)).isGreaterThan(1e-6);
        assertThat(Chapter5.exercise2()).isCloseTo(1.0, within(1e-12));
    }
}
