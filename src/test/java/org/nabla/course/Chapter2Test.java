package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter2;

/** Chapter 2 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter2")
class Chapter2Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(2, CourseDocs.capture(Chapter2::run));
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter2.exercise1()).isEqualTo(64 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10).isEqualTo(17226);
        assertThat(Chapter2.exercise2()).isLessThan(1e-15);
    }
}
