package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter11;

/** Chapter 11 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter11")
class Chapter11Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(11, CourseDocs.capture(Chapter11::run));
    }

    @Test
    void maximumLikelihoodRecoversTheFrequencies() {
        org.nabla.tensor.Tensor p = Chapter11.maximumLikelihood(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        assertThat(p.toArray()).containsExactly(new double[] {0.1, 0.3, 0.6}, within(1e-6));
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter11.exercise1()).isCloseTo(Math.log(10), within(1e-12));
        assertThat(Chapter11.exercise2()).isTrue();
    }
}
