package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter6;

/** Chapter 6 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter6")
class Chapter6Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(6, CourseDocs.capture(Chapter6::run));
    }

    @Test
    void newtonConvergesAndLanczosFindsTheTopEigenvalues() {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        assertThat(Chapter6.newton(none)).isEqualTo(7);
        assertThat(Chapter6.lbfgs(none)).isGreaterThan(7);
        double[] top = Chapter6.spectrum(none);
        assertThat(top[0]).isGreaterThan(top[1]).isGreaterThan(top[2]);
    }

    @Test
    void exerciseAnswers() {
        double[] e1 = Chapter6.exercise1();
        assertThat(e1[0]).isCloseTo(501 - Math.sqrt(301 * 301 + 400 * 400), within(1e-9));
        assertThat(e1[1]).isCloseTo(501 + Math.sqrt(301 * 301 + 400 * 400), within(1e-9));
        assertThat(e1[2]).isCloseTo(2508.0, within(0.1));
        assertThat(Chapter6.exercise2()).isLessThan(1e-12);
    }
}
