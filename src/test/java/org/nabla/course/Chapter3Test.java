package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter3;

/** Chapter 3 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter3")
class Chapter3Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(3, CourseDocs.capture(Chapter3::run));
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter3.exercise1()).isCloseTo(Math.log(10), within(1e-12));
        double[] e2 = Chapter3.exercise2();
        assertThat(e2[0]).isCloseTo(2.875, within(1e-12));
        assertThat(e2[1]).isCloseTo(7.296875, within(1e-12));
    }
}
