package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter9;

/** Chapter 9 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter9")
class Chapter9Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(9, CourseDocs.capture(Chapter9::run));
    }

    @Test
    void gradientsVanishThroughTime() {
        double[] norms = Chapter9.gradientsThroughTime(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        for (int i = 1; i < norms.length; i++) {
            assertThat(norms[i]).isLessThan(norms[i - 1]);
        }
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter9.exercise1()).isEqualTo((28 + 2 - 5) / 2 + 1).isEqualTo(13);
        assertThat(Chapter9.exercise2()).isEqualTo(448);
    }
}
