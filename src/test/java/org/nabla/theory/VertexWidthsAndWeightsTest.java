package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nabla.theory.VertexEnsemble.Weights;

/**
 * The four-point vertex with unequal widths (PDLT §4.3, the factor n_l/n_{l−1}) and with orthogonal hidden
 * weights (Day, Kahn &amp; Roberts, arXiv:2310.07765): reductions to the equal-width Gaussian recursion, closed
 * forms, and ensembles of real networks against the leading-order prediction.
 */
class VertexWidthsAndWeightsTest {
    private static final double[] X = {1.3211565181516327, -0.7706746355884524, 0.4403855060505443, 1.2110601416389968};
    private static final double K1_RELU = Criticality.firstLayerKernel(0, 2, X);

    /** Equal widths and Gaussian weights give the equal-width recursion and the equal-width ensemble bit for bit. */
    @Test
    void equalWidthsReduceExactly() {
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.RELU, ScalarActivation.TANH, ScalarActivation.GELU}) {
            FourPointVertex.Profile p = FourPointVertex.of(a, 0.1, 1.8, 0.9, 7);
            FourPointVertex.Profile q = FourPointVertex.of(a, 0.1, 1.8, 0.9, widths(7, 40), Weights.GAUSSIAN);
            assertThat(q.vertex()).containsExactly(p.vertex());
            assertThat(q.kernel()).containsExactly(p.kernel());
            assertThat(q.conditionalVariance()).containsExactly(p.vertex());
            assertThat(q.varianceOfMeanSquare()).containsExactly(p.varianceOfMeanSquare(40));
        }
        VertexEnsemble.Measurement m = VertexEnsemble.measure(ScalarActivation.RELU, 0.1, 2, X, 12, 4, 50, 9);
        VertexEnsemble.Measurement n = VertexEnsemble.measure(ScalarActivation.RELU, 0.1, 2, X, widths(4, 12), 50, 9, Weights.GAUSSIAN);
        assertThat(n.vFromMeanSquare()).containsExactly(m.vFromMeanSquare());
        assertThat(n.vFromFourthMomentSe()).containsExactly(m.vFromFourthMomentSe());
        VertexEnsemble.Measurement e = VertexEnsemble.measureExactLaw(ScalarActivation.TANH, 0, 1, X, 12, 4, 50, 9);
        VertexEnsemble.Measurement f = VertexEnsemble.measureExactLaw(ScalarActivation.TANH, 0, 1, X, widths(4, 12), 50, 9,
                Weights.GAUSSIAN);
        assertThat(f.vFromConditionalVariance()).containsExactly(e.vFromConditionalVariance());
    }

    /** V⁽ˡ⁺¹⁾ = (n_l/n_{l−1})χ²V⁽ˡ⁾ + C_W²(⟨σ⁴⟩ − ⟨σ²⟩²): closed form against quadrature, and by hand for ReLU. */
    @Test
    void unequalWidthRecursionByHand() {
        int[] w = {48, 96, 32, 64, 40};
        FourPointVertex.Profile q = FourPointVertex.of(ScalarActivation.RELU, 0, 2, K1_RELU, w, Weights.GAUSSIAN);
        FourPointVertex.Profile c = FourPointVertex.closedForm(ScalarActivation.RELU, 0, 2, K1_RELU, w, Weights.GAUSSIAN);
        double k2 = K1_RELU * K1_RELU;
        double v = 0;
        for (int l = 1; l < w.length; l++) {
            v = (l == 1 ? 0 : (double) w[l - 1] / w[l - 2] * v) + 5 * k2; // χ = 1, fresh 5K² for critical ReLU
            assertThat(q.vertex()[l]).as("layer " + (l + 1)).isCloseTo(v, within(1e-12 * v));
            assertThat(c.vertex()[l]).isCloseTo(v, within(1e-12 * v));
            // Var S = 2K²/n_l + V/n_{l−1}
            assertThat(q.varianceOfMeanSquare()[l]).isCloseTo(2 * k2 / w[l] + v / w[l - 1], within(1e-13));
        }
        assertThatThrownBy(() -> q.varianceOfMeanSquare(48)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[48, 96, 32, 64, 40]");
        assertThatThrownBy(() -> FourPointVertex.of(ScalarActivation.RELU, 0, 2, 1, w, Weights.ORTHOGONAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equal hidden widths");
    }

    /**
     * Real networks of unequal widths (1,500 each, full Gaussian weight matrices): every estimator within 4
     * standard errors of the unequal-width prediction; the equal-width formula at the mean width is not.
     */
    @Test
    void unequalWidthEnsembleMatchesThePrediction() {
        int[] w = {96, 24, 96, 24};
        for (Object[] c : new Object[][] {{ScalarActivation.RELU, 0.0, 2.0}, {ScalarActivation.TANH, 0.1, 1.2}}) {
            ScalarActivation a = (ScalarActivation) c[0];
            double cB = (Double) c[1];
            double cW = (Double) c[2];
            FourPointVertex.Profile p = FourPointVertex.of(a, cB, cW, Criticality.firstLayerKernel(cB, cW, X), w, Weights.GAUSSIAN);
            VertexEnsemble.Measurement m = VertexEnsemble.measure(a, cB, cW, X, w, 1500, 21, Weights.GAUSSIAN);
            for (int l = 1; l < w.length; l++) {
                String what = a + " layer " + (l + 1);
                assertWithin(what + " n_{l−1}Var(Ĝ)", m.vFromConditionalVariance()[l], m.vFromConditionalVarianceSe()[l],
                        p.vertex()[l]);
                assertWithin(what + " S", m.vFromMeanSquare()[l], m.vFromMeanSquareSe()[l], p.vertex()[l]);
                assertWithin(what + " fourth moment", m.vFromFourthMoment()[l], m.vFromFourthMomentSe()[l], p.vertex()[l]);
                assertWithin(what + " Var S", m.meanSquareVariance()[l], m.meanSquareVarianceSe()[l], p.varianceOfMeanSquare()[l]);
            }
        }
        // at layer 4 the factor n₃/n₂ = 4 carries V⁽³⁾ = 6.25K²: V⁽⁴⁾/K² = 30, where any equal-width profile has 15
        FourPointVertex.Profile p = FourPointVertex.of(ScalarActivation.RELU, 0, 2, K1_RELU, w, Weights.GAUSSIAN);
        assertThat(p.vertexOverKernelSquared()[3]).isCloseTo(5 + 4 * (5 + 5.0 / 4), within(1e-12));
        VertexEnsemble.Measurement m = VertexEnsemble.measureExactLaw(ScalarActivation.RELU, 0, 2, X, w, 6000, 22, Weights.GAUSSIAN);
        double naive = 15 * K1_RELU * K1_RELU;
        assertThat(Math.abs(m.vFromConditionalVariance()[3] - naive)).isGreaterThan(8 * m.vFromConditionalVarianceSe()[3]);
        assertWithin("relu exact law layer 4", m.vFromConditionalVariance()[3], m.vFromConditionalVarianceSe()[3], p.vertex()[3]);
    }

    /**
     * Orthogonal hidden weights: V⁽ˡ⁾/K² = (l − 1)(3B/A² − 3) for scale-invariant activations (relu 3, linear 0),
     * U = V + 2K², and the quadrature agrees with the closed form.
     */
    @Test
    void orthogonalClosedForms() {
        assertThat(FourPointVertex.scaleInvariantSlope(ScalarActivation.RELU, Weights.ORTHOGONAL)).isEqualTo(3.0);
        assertThat(FourPointVertex.scaleInvariantSlope(ScalarActivation.LINEAR, Weights.ORTHOGONAL)).isEqualTo(0.0);
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.RELU, ScalarActivation.LEAKY_RELU, ScalarActivation.LINEAR}) {
            FourPointVertex.Profile q = FourPointVertex.of(a, 0, 1.7, 0.8, widths(9, 32), Weights.ORTHOGONAL);
            FourPointVertex.Profile c = FourPointVertex.closedForm(a, 0, 1.7, 0.8, widths(9, 32), Weights.ORTHOGONAL);
            double slope = FourPointVertex.scaleInvariantSlope(a, Weights.ORTHOGONAL);
            for (int l = 1; l <= 9; l++) {
                double k2 = q.kernel()[l - 1] * q.kernel()[l - 1];
                assertThat(q.vertexOverKernelSquared()[l - 1]).as(a + " layer " + l).isCloseTo((l - 1) * slope, within(1e-11 * l));
                assertThat(c.vertex()[l - 1]).isCloseTo(q.vertex()[l - 1], within(1e-12 * Math.max(1, k2)));
                if (l > 1) {
                    assertThat(q.conditionalVariance()[l - 1]).isCloseTo(q.vertex()[l - 1] + 2 * k2, within(1e-12 * k2 * l));
                }
            }
        }
    }

    /**
     * Real networks with Haar-orthogonal hidden matrices (QR of Gaussian matrices, 1,000 networks of width 32,
     * depth 4): the three estimators of U and V within 4 standard errors of the orthogonal recursion, for
     * critical ReLU and for tanh with a bias.
     */
    @Test
    void orthogonalEnsembleOfRealNetworksMatchesThePrediction() {
        int[] w = widths(4, 32);
        for (Object[] c : new Object[][] {{ScalarActivation.RELU, 0.0, 2.0}, {ScalarActivation.TANH, 0.2, 1.0}}) {
            ScalarActivation a = (ScalarActivation) c[0];
            double cB = (Double) c[1];
            double cW = (Double) c[2];
            FourPointVertex.Profile p = FourPointVertex.of(a, cB, cW, Criticality.firstLayerKernel(cB, cW, X), w, Weights.ORTHOGONAL);
            VertexEnsemble.Measurement m = VertexEnsemble.measure(a, cB, cW, X, w, 1000, 31, Weights.ORTHOGONAL);
            for (int l = 1; l < w.length; l++) {
                String what = a + " orthogonal layer " + (l + 1);
                assertWithin(what + " U", m.vFromConditionalVariance()[l], m.vFromConditionalVarianceSe()[l],
                        p.conditionalVariance()[l]);
                assertWithin(what + " V from S", m.vFromMeanSquare()[l], m.vFromMeanSquareSe()[l], p.vertex()[l]);
                assertWithin(what + " V from z⁴", m.vFromFourthMoment()[l], m.vFromFourthMomentSe()[l], p.vertex()[l]);
            }
        }
    }

    /**
     * Day, Kahn &amp; Roberts (2023): at criticality, tanh networks with orthogonal weights have preactivation
     * fluctuations that do not grow with depth, at leading order in 1/n. Here: the fluctuation of the mean square,
     * n Var(S⁽ˡ⁾)/K² (= 2 + V/K²), for tanh at (C_b, C_W) = (0, 1), width 96, depth 16, 1,500 networks of the exact
     * single-input law. Orthogonal: within 4 standard errors of the orthogonal recursion at every layer, and it
     * falls from layer 2 to 16; Gaussian: it grows, and ends more than 15 standard errors above the orthogonal one.
     * For critical ReLU the slope only drops from 5 to 3, checked the same way at depth 8.
     */
    @Test
    void orthogonalWeightsStopTheGrowthWithDepthForTanh() {
        int depth = 16;
        int[] w = widths(depth, 96);
        double k1 = Criticality.firstLayerKernel(0, 1, X);
        FourPointVertex.Profile po = FourPointVertex.of(ScalarActivation.TANH, 0, 1, k1, w, Weights.ORTHOGONAL);
        FourPointVertex.Profile pg = FourPointVertex.of(ScalarActivation.TANH, 0, 1, k1, w, Weights.GAUSSIAN);
        double[][] o = VertexEnsemble.measureExactLaw(ScalarActivation.TANH, 0, 1, X, w, 1500, 41, Weights.ORTHOGONAL)
                .normalizedMeanSquareVariance();
        double[][] g = VertexEnsemble.measureExactLaw(ScalarActivation.TANH, 0, 1, X, w, 1500, 42, Weights.GAUSSIAN)
                .normalizedMeanSquareVariance();
        for (int l = 1; l < depth; l++) {
            assertWithin("tanh orthogonal n Var(S)/K² at layer " + (l + 1), o[0][l], o[1][l], normalized(po, l, 96));
        }
        int last = depth - 1;
        assertThat(normalized(po, last, 96)).isLessThan(normalized(po, 1, 96) / 4);
        assertThat(normalized(pg, last, 96)).isGreaterThan(4 * normalized(pg, 1, 96));
        assertThat(o[0][last]).as("orthogonal falls with depth").isLessThan(o[0][1] - 4 * Math.hypot(o[1][1], o[1][last]));
        assertThat(g[0][last]).as("gaussian grows with depth").isGreaterThan(g[0][1] + 4 * Math.hypot(g[1][1], g[1][last]));
        assertThat(g[0][last] - o[0][last]).isGreaterThan(15 * Math.hypot(g[1][last], o[1][last]));

        int[] r = widths(8, 96);
        FourPointVertex.Profile pr = FourPointVertex.of(ScalarActivation.RELU, 0, 2, K1_RELU, r, Weights.ORTHOGONAL);
        double[][] ro = VertexEnsemble.measureExactLaw(ScalarActivation.RELU, 0, 2, X, r, 1500, 43, Weights.ORTHOGONAL)
                .normalizedMeanSquareVariance();
        for (int l = 1; l < 8; l++) {
            assertThat(normalized(pr, l, 96)).isCloseTo(2 + 3.0 * l, within(1e-11 * l));
            assertWithin("relu orthogonal n Var(S)/K² at layer " + (l + 1), ro[0][l], ro[1][l], normalized(pr, l, 96));
        }
    }

    /** The prediction n Var(S⁽ˡ⁾)/K⁽ˡ⁾² = 2 + V/K² at width n. */
    private static double normalized(FourPointVertex.Profile p, int l, int n) {
        return n * p.varianceOfMeanSquare()[l] / (p.kernel()[l] * p.kernel()[l]);
    }

    private static int[] widths(int depth, int n) {
        int[] w = new int[depth];
        Arrays.fill(w, n);
        return w;
    }

    private static void assertWithin(String what, double measured, double se, double predicted) {
        assertThat(Math.abs(measured - predicted)).as(what + ": measured " + measured + " ± " + se + ", predicted " + predicted)
                .isLessThanOrEqualTo(4 * se);
    }
}
