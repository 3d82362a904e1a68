package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The four-point vertex: closed forms of the scale-invariant activations, Gaussian expectations two
 * ways, χ∥ as a derivative, and ensembles of real networks against the leading-order prediction.
 */
class FourPointVertexTest {
    private static final double[] X = {1.3211565181516327, -0.7706746355884524, 0.4403855060505443, 1.2110601416389968};

    @Test
    void criticalReluVertexGrowsAsFiveTimesDepth() {
        FourPointVertex.Profile p = FourPointVertex.of(ScalarActivation.RELU, 0, 2, X, 12);
        for (int l = 1; l <= 12; l++) {
            assertThat(p.vertexOverKernelSquared()[l - 1]).as("V/K² at layer " + l).isCloseTo(5.0 * (l - 1), within(1e-12 * l));
            assertThat(p.kernel()[l - 1]).isCloseTo(p.kernel()[0], within(1e-13));
        }
        assertThat(FourPointVertex.scaleInvariantSlope(ScalarActivation.RELU)).isEqualTo(5.0);
        assertThat(FourPointVertex.scaleInvariantSlope(ScalarActivation.LINEAR)).isEqualTo(2.0);
        double a = (1 + 0.01) / 2;
        double b = (1 + 0.0001) / 2;
        assertThat(FourPointVertex.scaleInvariantSlope(ScalarActivation.LEAKY_RELU)).isCloseTo(3 * b / (a * a) - 1, within(1e-15));
    }

    /** Away from criticality and with a bias the closed-form recursion still matches quadrature; V/K² = (l−1)·slope at C_b = 0 for any C_W. */
    @Test
    void scaleInvariantClosedFormsMatchQuadrature() {
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.RELU, ScalarActivation.LEAKY_RELU, ScalarActivation.LINEAR}) {
            for (double[] bw : new double[][] {{0.3, 1.7}, {0.0, 1.3}, {0.1, 2.4}}) {
                FourPointVertex.Profile q = FourPointVertex.of(a, bw[0], bw[1], 0.8, 8);
                FourPointVertex.Profile c = FourPointVertex.closedForm(a, bw[0], bw[1], 0.8, 8);
                assertClose(a + " K", q.kernel(), c.kernel(), 1e-12);
                assertClose(a + " V", q.vertex(), c.vertex(), 1e-12);
                assertClose(a + " χ∥", q.chiParallel(), c.chiParallel(), 1e-12);
                assertClose(a + " ⟨σ⁴⟩", q.meanSigmaFourth(), c.meanSigmaFourth(), 1e-12);
                if (bw[0] == 0) {
                    for (int l = 1; l <= 8; l++) {
                        assertThat(c.vertexOverKernelSquared()[l - 1])
                                .isCloseTo((l - 1) * FourPointVertex.scaleInvariantSlope(a), within(1e-12 * l));
                    }
                }
            }
        }
    }

    /** ⟨σ²⟩ and ⟨σ⁴⟩ by adaptive Gauss–Kronrod and by 300-node Gauss–Hermite agree to 1e-10 for the smooth activations. */
    @Test
    void gaussianExpectationsTwoWays() {
        GaussHermite rule = GaussHermite.of(300);
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.TANH, ScalarActivation.GELU, ScalarActivation.SWISH,
            ScalarActivation.SOFTPLUS, ScalarActivation.SIGMOID}) {
            for (double k : new double[] {0.05, 0.5, 1.0, 2.5}) {
                for (int power : new int[] {2, 4}) {
                    double adaptive = GaussianExpectation.of(z -> Math.pow(a.value(z), power), k);
                    double gh = rule.expectation(z -> Math.pow(a.value(z), power), k);
                    assertThat(gh).as(a + " ⟨σ^" + power + "⟩ at K = " + k).isCloseTo(adaptive, within(1e-10 * Math.abs(adaptive)));
                }
            }
        }
        // the piecewise-linear ones against their closed forms ⟨σ²⟩ = A K, ⟨σ⁴⟩ = 3 B K²
        for (double k : new double[] {0.05, 1.0, 7.0}) {
            assertThat(GaussianExpectation.of(z -> Math.pow(Math.max(z, 0), 4), k)).isCloseTo(1.5 * k * k, within(1e-14 * k * k));
            assertThat(GaussianExpectation.of(z -> Math.pow(ScalarActivation.LEAKY_RELU.value(z), 2), k))
                    .isCloseTo((1 + 0.01) / 2 * k, within(1e-14 * k));
        }
    }

    /** χ∥(K) = dK⁽ˡ⁺¹⁾/dK⁽ˡ⁾: the quadrature formula against a central difference of the kernel map. */
    @Test
    void chiParallelIsTheDerivativeOfTheKernelMap() {
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.TANH, ScalarActivation.GELU, ScalarActivation.SWISH}) {
            double k = 0.9;
            double h = 1e-4;
            double fd = (Criticality.nextKernel(a, 0.1, 1.8, k + h) - Criticality.nextKernel(a, 0.1, 1.8, k - h)) / (2 * h);
            assertThat(Criticality.chiParallel(a, 1.8, k)).as(a + " χ∥").isCloseTo(fd, within(1e-8));
        }
    }

    /**
     * 600 networks of width 64 and depth 4: every estimator of V at every layer within 4 standard
     * errors of the leading-order prediction (the 1/n correction is a few per cent here).
     */
    @Test
    void ensembleOfRealNetworksMatchesThePrediction() {
        int width = 64;
        int depth = 4;
        for (Object[] c : new Object[][] {{ScalarActivation.RELU, 0.0, 2.0}, {ScalarActivation.TANH, 0.0, 1.0},
            {ScalarActivation.GELU, 0.1, 1.8}}) {
            ScalarActivation a = (ScalarActivation) c[0];
            double cB = (Double) c[1];
            double cW = (Double) c[2];
            FourPointVertex.Profile p = FourPointVertex.of(a, cB, cW, X, depth);
            VertexEnsemble.Measurement m = VertexEnsemble.measure(a, cB, cW, X, width, depth, 600, 11);
            assertThat(m.vFromConditionalVariance()[0]).isEqualTo(0.0);
            for (int l = 1; l < depth; l++) {
                String what = a + " layer " + (l + 1);
                assertWithin(what + " n·Var(Ĝ)", m.vFromConditionalVariance()[l], m.vFromConditionalVarianceSe()[l], p.vertex()[l]);
                assertWithin(what + " n·Var(S) − 2S̄²", m.vFromMeanSquare()[l], m.vFromMeanSquareSe()[l], p.vertex()[l]);
                assertWithin(what + " fourth moment", m.vFromFourthMoment()[l], m.vFromFourthMomentSe()[l], p.vertex()[l]);
                assertWithin(what + " K", m.kernel()[l], m.kernelSe()[l], p.kernel()[l]);
            }
        }
    }

    /** The exact single-input law reproduces the same prediction at a larger width and depth cheaply. */
    @Test
    void exactLawEnsembleMatchesThePrediction() {
        FourPointVertex.Profile p = FourPointVertex.of(ScalarActivation.SWISH, 0.2, 2.0, X, 8);
        VertexEnsemble.Measurement m = VertexEnsemble.measureExactLaw(ScalarActivation.SWISH, 0.2, 2.0, X, 512, 8, 4000, 5);
        for (int l = 1; l < 8; l++) {
            assertWithin("swish layer " + (l + 1), m.vFromConditionalVariance()[l], m.vFromConditionalVarianceSe()[l], p.vertex()[l]);
        }
    }

    /**
     * Orthogonal hidden weights suppress the growth of V (Day, Kahn &amp; Roberts 2023): for a linear
     * network |z⁽ˡ⁾|² = C_W^(l−1)|z⁽¹⁾|² exactly, so n·Var(S) − 2K² stays 0 instead of 2(l − 1)K².
     */
    @Test
    void orthogonalWeightsSuppressTheVertex() {
        int depth = 6;
        VertexEnsemble.Measurement g = VertexEnsemble.measure(ScalarActivation.LINEAR, 0, 1, X, 48, depth, 500, 3,
                VertexEnsemble.Weights.GAUSSIAN);
        VertexEnsemble.Measurement o = VertexEnsemble.measure(ScalarActivation.LINEAR, 0, 1, X, 48, depth, 500, 3,
                VertexEnsemble.Weights.ORTHOGONAL);
        double k = Criticality.firstLayerKernel(0, 1, X);
        for (int l = 1; l < depth; l++) {
            assertWithin("orthogonal layer " + (l + 1), o.vFromMeanSquare()[l], o.vFromMeanSquareSe()[l], 0.0);
            assertWithin("gaussian layer " + (l + 1), g.vFromMeanSquare()[l], g.vFromMeanSquareSe()[l], 2.0 * l * k * k);
        }
        int reluDepth = 6;
        VertexEnsemble.Measurement gr = VertexEnsemble.measure(ScalarActivation.RELU, 0, 2, X, 16, reluDepth, 4000, 4,
                VertexEnsemble.Weights.GAUSSIAN);
        VertexEnsemble.Measurement or = VertexEnsemble.measure(ScalarActivation.RELU, 0, 2, X, 16, reluDepth, 4000, 4,
                VertexEnsemble.Weights.ORTHOGONAL);
        int last = reluDepth - 1;
        double gap = gr.vFromMeanSquare()[last] - or.vFromMeanSquare()[last];
        double se = Math.hypot(gr.vFromMeanSquareSe()[last], or.vFromMeanSquareSe()[last]);
        assertThat(gap).as("relu: Gaussian V minus orthogonal V at layer " + reluDepth + " (" + gr.vFromMeanSquare()[last]
                + " vs " + or.vFromMeanSquare()[last] + ")").isGreaterThan(4 * se);
    }

    private static void assertWithin(String what, double measured, double se, double predicted) {
        assertThat(Math.abs(measured - predicted)).as(what + ": measured " + measured + " ± " + se + ", predicted " + predicted)
                .isLessThanOrEqualTo(4 * se);
    }

    private static void assertClose(String what, double[] a, double[] b, double rtol) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as(what + "[" + i + "]").isCloseTo(b[i], within(rtol * Math.max(1.0, Math.abs(b[i]))));
        }
    }
}
