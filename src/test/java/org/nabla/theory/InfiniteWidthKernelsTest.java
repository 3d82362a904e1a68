package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * The infinite-width NNGP and NTK: closed form against quadrature, Gauss–Hermite against adaptive
 * quadrature, the two-layer formula, and the empirical NTK of real networks approaching the limit as
 * the width grows.
 */
class InfiniteWidthKernelsTest {
    private static final Tensor X = Tensor.of(new double[][] {{0.35, 0.82, 0.33}, {-1.30, 0.91, 0.45}, {-0.54, 0.58, 0.36}});

    @Test
    void arcCosineClosedFormsAgreeWithQuadrature() {
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.RELU, ScalarActivation.LEAKY_RELU, ScalarActivation.LINEAR}) {
            InfiniteWidthKernels.Kernels c = InfiniteWidthKernels.of(InfiniteWidthKernels.closedForm(a), 0.2, 1.9, X, 4);
            InfiniteWidthKernels.Kernels q = InfiniteWidthKernels.of(InfiniteWidthKernels.adaptive(a), 0.2, 1.9, X, 4);
            for (int l = 0; l < 4; l++) {
                assertMatrixClose(a + " K at depth " + (l + 1), c.nngp().get(l), q.nngp().get(l), 1e-10);
                assertMatrixClose(a + " Θ at depth " + (l + 1), c.ntk().get(l), q.ntk().get(l), 1e-10);
            }
        }
        // the degree-0 and degree-1 kernels alone, at negative, small and near-one correlations
        for (double rho : new double[] {-0.95, -0.2, 0.0, 0.6, 0.999}) {
            double j1 = BivariateGaussianExpectation.adaptive((u, v) -> Math.max(u, 0) * Math.max(v, 0), 1.5, rho * Math.sqrt(1.5 * 0.7), 0.7);
            double j0 = BivariateGaussianExpectation.adaptive((u, v) -> u > 0 && v > 0 ? 1 : 0, 1.5, rho * Math.sqrt(1.5 * 0.7), 0.7);
            assertThat(ArcCosineKernel.degree1(1.5, rho * Math.sqrt(1.5 * 0.7), 0.7)).isCloseTo(j1, within(1e-12));
            assertThat(ArcCosineKernel.degree0(1.5, rho * Math.sqrt(1.5 * 0.7), 0.7)).isCloseTo(j0, within(1e-12));
        }
    }

    /** Tensor Gauss–Hermite (the default for smooth activations) against nested adaptive Gauss–Kronrod. */
    @Test
    void gaussHermiteAgreesWithAdaptiveQuadrature() {
        Tensor pair = Tensor.of(new double[][] {{0.35, 0.82, 0.33}, {-1.30, 0.91, 0.45}});
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.TANH, ScalarActivation.SWISH}) {
            InfiniteWidthKernels.Kernels g = InfiniteWidthKernels.of(a, 0.1, 1.5, pair, 3);
            InfiniteWidthKernels.Kernels q = InfiniteWidthKernels.of(InfiniteWidthKernels.adaptive(a), 0.1, 1.5, pair, 3);
            for (int l = 0; l < 3; l++) {
                assertMatrixClose(a + " K at depth " + (l + 1), g.nngp().get(l), q.nngp().get(l), 1e-10);
                assertMatrixClose(a + " Θ at depth " + (l + 1), g.ntk().get(l), q.ntk().get(l), 1e-10);
            }
        }
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.GELU, ScalarActivation.SOFTPLUS}) {
            double gh = BivariateGaussianExpectation.gaussHermite((u, v) -> a.value(u) * a.value(v), 1.2, 0.5, 0.8, GaussHermite.of(200));
            double ad = BivariateGaussianExpectation.adaptive((u, v) -> a.value(u) * a.value(v), 1.2, 0.5, 0.8);
            assertThat(gh).as(a + " E[σ(u)σ(v)]").isCloseTo(ad, within(1e-10 * Math.abs(ad)));
        }
    }

    /**
     * Depth 2, C_b = 0, C_W = 1, inputs scaled by √n₀: the two-layer bias-free formula of
     * {@link NeuralTangentKernel}, to 1e-14 off the diagonal. On the diagonal that formula takes arccos of
     * a cosine rounded below 1 (t ≈ 1.5e-8, an error of ~2e-9, theory2.md §2); here t = 0 exactly, so the
     * diagonal is |x|²/2 + |x|²/2 = |x|².
     */
    @Test
    void depthTwoIsTheTwoLayerFormula() {
        Tensor scaled = X.mul(Math.sqrt(3));
        Tensor theta = InfiniteWidthKernels.of(ScalarActivation.RELU, 0, 1, scaled, 2).lastNtk();
        Tensor twoLayer = NeuralTangentKernel.infiniteWidthTwoLayerRelu(X, X);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                if (a != b) {
                    assertThat(theta.get(a, b)).isCloseTo(twoLayer.get(a, b), within(1e-14));
                }
            }
            double norm2 = X.select(0, a).square().sum().item();
            assertThat(theta.get(a, a)).isCloseTo(norm2, within(1e-15));
            assertThat(twoLayer.get(a, a)).isCloseTo(norm2, within(1e-8));
        }
    }

    /** Critical ReLU: K⁽ˡ⁾_aa stays C_W|x_a|²/n₀ and each layer adds one K to the diagonal, Θ⁽ˡ⁾_aa = l·K_aa. */
    @Test
    void criticalReluDiagonalGrowsLinearly() {
        InfiniteWidthKernels.Kernels k = InfiniteWidthKernels.of(ScalarActivation.RELU, 0, 2, X, 6);
        for (int l = 1; l <= 6; l++) {
            for (int a = 0; a < 3; a++) {
                double kaa = k.nngp().get(0).get(a, a);
                assertThat(k.nngp().get(l - 1).get(a, a)).isCloseTo(kaa, within(1e-14));
                assertThat(k.ntk().get(l - 1).get(a, a)).isCloseTo(l * kaa, within(1e-13 * l));
            }
        }
    }

    /**
     * The empirical NTK (autograd, NTK parameterisation) of tanh networks of depth 3 at widths 32, 128
     * and 512 (24 seeds each): the root-mean-square relative error to Θ⁽³⁾ falls like n^(−½) — by a
     * factor near 2 per quadrupling of the width, 4 over the whole range. (One draw's error is dominated
     * by a single random scale, so few seeds give a noisy rate.)
     */
    @Test
    void empiricalNtkOfWideNetworksApproachesTheLimit() {
        ScalarActivation act = ScalarActivation.TANH;
        double cB = 0.1;
        double cW = 1.5;
        int depth = 3;
        int seeds = 24;
        Tensor limit = InfiniteWidthKernels.of(act, cB, cW, X, depth).lastNtk();
        int[] widths = {32, 128, 512};
        double[] rms = new double[widths.length];
        for (int w = 0; w < widths.length; w++) {
            for (int seed = 0; seed < seeds; seed++) {
                Tensor theta = empiricalNtk(act, cB, cW, X, widths[w], depth, new Rng(40 + seed));
                double e = theta.sub(limit).norm() / limit.norm();
                rms[w] += e * e / seeds;
            }
            rms[w] = Math.sqrt(rms[w]);
        }
        String errors = " (rms errors " + java.util.Arrays.toString(rms) + ")";
        assertThat(rms[0] / rms[1]).as("32 → 128" + errors).isGreaterThan(1.3);
        assertThat(rms[1] / rms[2]).as("128 → 512" + errors).isGreaterThan(1.3);
        assertThat(rms[0] / rms[2]).as("32 → 512, n^(−½) predicts 4" + errors).isBetween(2.5, 6.5);
    }

    /** Θ of z⁽ᴸ⁾₁ over all w, β of the NTK-parameterised network W = √(C_W/fan_in)·w, b = √C_b·β. */
    static Tensor empiricalNtk(ScalarActivation act, double cB, double cW, Tensor x, int width, int depth, Rng rng) {
        List<Variable> params = new ArrayList<>();
        int in = x.dim(1);
        for (int l = 0; l < depth; l++) {
            int out = l == depth - 1 ? 1 : width;
            params.add(Variable.leaf(Tensor.randn(rng, out, in)));
            params.add(Variable.leaf(Tensor.randn(rng, out)));
            in = out;
        }
        Function<Variable, Variable> f = xv -> {
            Variable h = xv;
            for (int l = 0; l < depth; l++) {
                Variable w = params.get(2 * l);
                double scale = Math.sqrt(cW / w.shape().dim(1));
                h = h.matmul(w.mul(scale).transpose()).add(params.get(2 * l + 1).mul(Math.sqrt(cB)));
                if (l < depth - 1) {
                    h = act.apply(h);
                }
            }
            return h;
        };
        return NeuralTangentKernel.empirical(params, f, x);
    }

    static void assertMatrixClose(String what, Tensor actual, Tensor expected, double rtol) {
        double scale = expected.abs().max().item();
        assertThat(actual.sub(expected).abs().max().item()).as(what).isLessThanOrEqualTo(rtol * scale);
    }
}
