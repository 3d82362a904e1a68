package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter8;

/** Chapter 8 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter8")
class Chapter8Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(8, CourseDocs.capture(Chapter8::run));
    }

    @Test
    void rfmImprovesOnThePlainKernel() {
        double[] test = Chapter8.recursiveFeatureMachine(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        assertThat(test[1]).isLessThan(test[0] / 10);
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter8.exercise1()).isEqualTo(2);
        assertThat(Chapter8.exercise2()).isTrue();
    }
}
