package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter10;

/** Chapter 10 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter10")
class Chapter10Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(10, CourseDocs.capture(Chapter10::run));
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter10.exercise1()).isTrue();
        assertThat(Chapter10.exercise2()).isEqualTo(4 * (8 * 8 + 8));
    }
}
