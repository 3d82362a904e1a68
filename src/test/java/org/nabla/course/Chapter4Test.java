package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter4;

/** Chapter 4 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter4")
class Chapter4Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(4, CourseDocs.capture(Chapter4::run));
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter4.exercise1()).isCloseTo(0.25, within(1e-15));
        assertThat(Chapter4.exercise2().toArray()).containsExactly(76.0, 108.0);
    }
}
