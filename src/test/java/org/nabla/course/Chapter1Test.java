package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter1;

/** Chapter 1 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter1")
class Chapter1Test {

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(1, CourseDocs.capture(Chapter1::run));
    }

    @Test
    void truncatedSvdAttainsTheEckartYoungBound() {
        double[] errors = Chapter1.lowRank(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        org.nabla.tensor.Tensor s = org.nabla.tensor.linalg.SVD.of(org.nabla.data.Digits.image(org.nabla.data.Digits.load(), 0)).s();
        double total = s.square().sum().item();
        for (int k = 1; k <= 8; k++) {
            double bound = Math.sqrt(s.slice(0, k, 8).square().sum().item() / total);
            assertThat(errors[k - 1]).isCloseTo(bound, within(1e-12));
        }
        for (int k = 1; k < 8; k++) {
            assertThat(errors[k]).isLessThanOrEqualTo(errors[k - 1] + 1e-15);
        }
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter1.exercise1()).isEqualTo("[4, 2, 3]");
        assertThat(Chapter1.exercise2()).isEqualTo(4);
        assertThat(Chapter1.exercise3()).isEqualTo(6);
        assertThat(Chapter1.exercise4()).isEqualTo(23 * (784 + 256) + 256);
        assertThat(Chapter1.exercise5()).isCloseTo(1.5 + Math.sqrt(2), within(1e-12));
        int r = Chapter1.exercise6();
        org.nabla.tensor.Tensor stack = org.nabla.data.Digits.load().features().slice(0, 0, 200).reshape(200, 8, 8);
        assertThat(org.nabla.tensor.linalg.TuckerDecomposition.hosvd(stack, r * r, r, r).explainedVariance())
                .isGreaterThanOrEqualTo(0.90);
        assertThat(org.nabla.tensor.linalg.TuckerDecomposition.hosvd(stack, (r - 1) * (r - 1), r - 1, r - 1)
                .explainedVariance()).isLessThan(0.90);
    }

    @Test
    void theEdgeKeepsExactlyTheRankTwoSignal() {
        assertThat(Chapter1.compression(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))).isEqualTo(2);
    }
}
