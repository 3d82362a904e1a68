package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nabla.examples.course.Chapter12;
import org.nabla.theory.FourPointVertex;
import org.nabla.theory.InfiniteWidthKernels;
import org.nabla.theory.NtkFluctuation;
import org.nabla.theory.VertexEnsemble;

/** Chapter 12 of the course: the quoted output, the claims of the text and the exercise answers. */
@Tag("chapter12")
class Chapter12Test {
    private static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void printsWhatTheChapterQuotes() {
        CourseDocs.assertQuotedOutput(12, CourseDocs.capture(Chapter12::run));
    }

    @Test
    void reluVertexIsFiveTimesDepthAndTheEnsembleAgrees() {
        FourPointVertex.Profile p = Chapter12.vertexRecursion(NULL);
        assertThat(p.vertexOverKernelSquared()[9]).isCloseTo(45.0, within(1e-10));
        VertexEnsemble.Measurement[] m = Chapter12.vertexMeasured(NULL);
        double k2 = p.kernel()[9] * p.kernel()[9];
        for (VertexEnsemble.Measurement w : m) {
            // layer 2 is exact at leading order up to O(1/n²)
            assertThat(Math.abs(w.vFromConditionalVariance()[1] / k2 - 5.0)).isLessThanOrEqualTo(4 * w.vFromConditionalVarianceSe()[1] / k2);
        }
        // at layer 10 the measurement exceeds 45 by the O(L/n) correction, which shrinks with the width
        double gap64 = m[0].vFromConditionalVariance()[9] / k2 / 45.0 - 1;
        double gap256 = m[1].vFromConditionalVariance()[9] / k2 / 45.0 - 1;
        assertThat(gap64).isGreaterThan(0.1);
        assertThat(Math.abs(gap256)).isLessThan(gap64 / 2);
    }

    @Test
    void ntkDiagonalGrowsLinearlyAndTheAngleCloses() {
        InfiniteWidthKernels.Kernels k = Chapter12.ntkAtDepth(NULL);
        assertThat(k.ntk().get(19).get(0, 0)).isCloseTo(20.0, within(1e-12)); // K_aa = C_W |x|²/n₀ = 1
        double c1 = k.nngp().get(0).get(0, 1) / k.nngp().get(0).get(0, 0);
        double c20 = k.nngp().get(19).get(0, 1) / k.nngp().get(19).get(0, 0);
        assertThat(c20).isGreaterThan(c1).isLessThan(1.0);
    }

    @Test
    void fluctuationRatioLiesBetweenOneAndExpFiveBeta() {
        for (NtkFluctuation.Result r : Chapter12.ntkFluctuations(NULL)) {
            assertThat(r.spAll().value()).isGreaterThan(1.0).isLessThan(r.exp5Beta());
        }
    }

    @Test
    void exerciseAnswers() {
        assertThat(Chapter12.exercise1()).isCloseTo(2.0, within(1e-12));
        assertThat(Chapter12.exercise2()).isEqualTo(10);
        double[] e3 = Chapter12.exercise3();
        assertThat(e3[0]).isEqualTo(3.0);
        assertThat(e3[1]).isGreaterThan(10.0); // Gaussian: 2 + V/K², V/K² growing about 2/3 per layer
        assertThat(e3[2]).isLessThan(0.2); // orthogonal: below layer 2's 0.627 and still falling
    }
}
