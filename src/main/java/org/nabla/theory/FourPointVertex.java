package org.nabla.theory;

import java.util.Arrays;
import java.util.function.DoubleFunction;

/**
 * The kernel K⁽ˡ⁾ and the normalized four-point vertex V⁽ˡ⁾ of a deep network at a single input, to
 * leading order in 1/n (Roberts, Yaida &amp; Hanin, <i>The Principles of Deep Learning Theory</i>, 2022,
 * ch. 4 for the recursions of the kernel and the four-point vertex, §5.4 for the scale-invariant closed form):
 * <pre>
 *   K⁽¹⁾ = C_b + C_W |x|²/n₀,                     K⁽ˡ⁺¹⁾ = C_b + C_W ⟨σ²⟩_{K⁽ˡ⁾}
 *   χ_∥(K) = (C_W / 2K²) ⟨σ(z)²(z² − K)⟩_K  (= dK⁽ˡ⁺¹⁾/dK⁽ˡ⁾;  C_W(σ′(0)² + σ(0)σ″(0)) at K = 0)
 *   V⁽¹⁾ = 0,   V⁽ˡ⁺¹⁾ = χ_∥(K⁽ˡ⁾)² V⁽ˡ⁾ + C_W² (⟨σ⁴⟩_{K⁽ˡ⁾} − ⟨σ²⟩²_{K⁽ˡ⁾})     (all hidden widths n)
 * </pre>
 * V⁽¹⁾ = 0 because with Gaussian weights the first layer is exactly Gaussian. ⟨·⟩_K is a Gaussian
 * expectation ({@link GaussianExpectation}, adaptive Gauss–Kronrod split at z = 0, ~1e-14 relative).
 *
 * <p><b>Normalisation</b> (theory2.md §1): V is PDLT's V⁽ˡ⁾ with the factor 1/n_{l−1} taken out, so for an
 * ensemble of networks of hidden width n at leading order in 1/n
 * <pre>
 *   Var(Ĝ⁽ˡ⁾) = V⁽ˡ⁾/n,  Ĝ⁽ˡ⁾ = C_b + (C_W/n) Σⱼ σ(z_j⁽ˡ⁻¹⁾)²   (the variance of z_i⁽ˡ⁾ given layer l − 1)
 *   Var(S⁽ˡ⁾) = (2K⁽ˡ⁾² + V⁽ˡ⁾)/n,  S⁽ˡ⁾ = (1/n) Σᵢ z_i⁽ˡ⁾²
 *   E[z_i⁴] − 3E[z_i²]² = 3V⁽ˡ⁾/n,   and the dimensionless non-Gaussianity is V⁽ˡ⁾/(n K⁽ˡ⁾²).
 * </pre>
 * {@link VertexEnsemble} measures all three.
 *
 * <p><b>Closed form for scale-invariant activations</b> (σ(z) = a₊z for z &gt; 0, a₋z otherwise). With
 * A = (a₊² + a₋²)/2 and B = (a₊⁴ + a₋⁴)/2, half the Gaussian mass on each side gives ⟨σ²⟩_K = A·K and
 * ⟨σ⁴⟩_K = 3B·K² (⟨z⁴⟩ = 3K²). Hence K⁽ˡ⁺¹⁾ = C_b + C_W A K⁽ˡ⁾, χ_∥ = C_W A (exactly, for every K) and
 * <pre>
 *   V⁽ˡ⁺¹⁾ = (C_W A)² V⁽ˡ⁾ + C_W² (3B − A²) K⁽ˡ⁾².
 * </pre>
 * With C_b = 0, K⁽ˡ⁺¹⁾ = C_W A K⁽ˡ⁾; dividing by K⁽ˡ⁺¹⁾² = (C_W A)² K⁽ˡ⁾² gives
 * V⁽ˡ⁺¹⁾/K⁽ˡ⁺¹⁾² = V⁽ˡ⁾/K⁽ˡ⁾² + (3B/A² − 1), so from V⁽¹⁾ = 0
 * <pre>
 *   V⁽ˡ⁾ / K⁽ˡ⁾² = (l − 1)(3B/A² − 1)     for every C_W (PDLT §5.4, in this normalisation):
 *   relu (A, B) = (½, ½): 5(l − 1);   leaky relu (slope 0.1): ≈ 4.882(l − 1);   linear (1, 1): 2(l − 1).
 * </pre>
 * The non-Gaussianity of a critical ReLU network therefore grows linearly in depth, as 5L/n: the
 * depth-to-width ratio L/n is the expansion parameter of the effective theory.
 *
 * <p><b>Unequal widths</b> (PDLT §4.3, "Deeper layers: accumulation of
 * non-Gaussianity": the vertex recursion carries the factor n_l/n_{l−1}; derived here in one line). With
 * hidden widths n₁, …, n_L, Ĝ⁽ˡ⁺¹⁾ = C_b + (C_W/n_l) Σ_{j ≤ n_l} σ(z_j⁽ˡ⁾)² and, given Ĝ⁽ˡ⁾, the z_j⁽ˡ⁾ are
 * n_l i.i.d. N(0, Ĝ⁽ˡ⁾), so by the law of total variance and E[Ĝ⁽ˡ⁺¹⁾ | Ĝ⁽ˡ⁾] = C_b + C_W⟨σ²⟩_{Ĝ⁽ˡ⁾}
 * <pre>
 *   Var Ĝ⁽ˡ⁺¹⁾ = χ_∥² Var Ĝ⁽ˡ⁾ + C_W²(⟨σ⁴⟩ − ⟨σ²⟩²)/n_l.   With V⁽ˡ⁾ := n_{l−1} Var Ĝ⁽ˡ⁾ (PDLT's V⁽ˡ⁾):
 *   V⁽ˡ⁺¹⁾ = (n_l/n_{l−1}) χ_∥² V⁽ˡ⁾ + C_W² (⟨σ⁴⟩_{K⁽ˡ⁾} − ⟨σ²⟩²_{K⁽ˡ⁾}),    Var S⁽ˡ⁾ = 2K⁽ˡ⁾²/n_l + V⁽ˡ⁾/n_{l−1}
 * </pre>
 * (the ratio is irrelevant at l = 1, where V⁽¹⁾ = 0). With equal widths it is the recursion above, bit for bit.
 *
 * <p><b>Orthogonal hidden weights</b> (Day, Kahn &amp; Roberts, "Feature learning and generalization in deep
 * networks with orthogonal weights", arXiv:2310.07765, 2023; {@link VertexEnsemble.Weights#ORTHOGONAL}: the first
 * layer Gaussian, every hidden layer W = √C_W·Q with Q Haar-orthogonal n×n). Given layer l − 1, Qh is uniform on
 * the sphere of radius |h|, so the z_i⁽ˡ⁾ − b_i are n coordinates of a uniform point on a sphere of squared
 * radius n(Ĝ⁽ˡ⁾ − C_b), not n independent Gaussians: the radius no longer fluctuates given the layer below.
 * Two numbers then differ. U⁽ˡ⁾ := n Var Ĝ⁽ˡ⁾ (what {@link VertexEnsemble} reports as
 * {@code vFromConditionalVariance}), and the four-point vertex proper, V⁽ˡ⁾ := n(E z⁴ − 3(E z²)²)/3 =
 * n Var S⁽ˡ⁾ − 2K⁽ˡ⁾² (the connected four-point function, the other two estimators). A sphere coordinate has
 * E z⁴ = 3(nG)²/(n(n + 2)), which subtracts 2(K − C_b)² from U; and expanding the next layer's Ĝ in the
 * fluctuation ε = |g|²/n − 1 of the normalization (Cov(C_Wσ², g²) = 2(K − C_b)χ_∥ by Gaussian integration by
 * parts) subtracts 2χ_∥²(K − C_b)² from the fresh term. To leading order in 1/n, for l ≥ 1:
 * <pre>
 *   U⁽ˡ⁺¹⁾ = χ_∥² V⁽ˡ⁾ + C_W² (⟨σ⁴⟩_{K⁽ˡ⁾} − ⟨σ²⟩²_{K⁽ˡ⁾}),     V⁽ˡ⁺¹⁾ = U⁽ˡ⁺¹⁾ − 2 (K⁽ˡ⁺¹⁾ − C_b)²
 * </pre>
 * (with Gaussian weights V = U and the same first equation is the recursion above). For a scale-invariant
 * activation at C_b = 0 this gives V⁽ˡ⁾/K⁽ˡ⁾² = (l − 1)(3B/A² − 3): linear networks 0 (|z⁽ˡ⁾|² = C_W^{l−1}|z⁽¹⁾|²
 * exactly), critical ReLU 3(l − 1) instead of 5(l − 1) — still linear in depth. For tanh at criticality
 * (C_b, C_W) = (0, 1) the fresh term cancels to O(K³), and V⁽ˡ⁾/K⁽ˡ⁾² saturates — to −2 (U/K² → 0) — instead of
 * growing as about (2/3)l: the paper's statement that orthogonal tanh networks have preactivation fluctuations
 * independent of depth at leading order in 1/width.
 */
public final class FourPointVertex {
    private FourPointVertex() {
    }

    /**
     * The profile of a network of the given depth: arrays indexed by layer l = i + 1.
     * {@code chiParallel}, {@code varianceTerm}, {@code meanSigmaSquared} and {@code meanSigmaFourth} are
     * evaluated at K⁽ⁱ⁺¹⁾ (length depth − 1): the factors that produce layer i + 2.
     */
    public record Profile(double[] kernel, double[] vertex, double[] vertexOverKernelSquared, double[] chiParallel,
            double[] varianceTerm, double[] meanSigmaSquared, double[] meanSigmaFourth, double[] conditionalVariance,
            int[] widths, VertexEnsemble.Weights weights) {
        /**
         * Var(S⁽ˡ⁾) = (2K⁽ˡ⁾² + V⁽ˡ⁾)/n predicted for width n, per layer (every hidden layer of width n).
         *
         * @throws IllegalStateException if the profile was computed for given unequal widths
         */
        public double[] varianceOfMeanSquare(int width) {
            if (widths != null && Arrays.stream(widths).anyMatch(w -> w != widths[0])) {
                throw new IllegalStateException("FourPointVertex.Profile.varianceOfMeanSquare: this profile is for the widths "
                        + Arrays.toString(widths) + "; use varianceOfMeanSquare()");
            }
            double[] out = new double[kernel.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (2 * kernel[i] * kernel[i] + vertex[i]) / width;
            }
            return out;
        }

        /**
         * Var(S⁽ˡ⁾) = 2K⁽ˡ⁾²/n_l + V⁽ˡ⁾/n_{l−1} for the widths the profile was computed with.
         *
         * @throws IllegalStateException if the profile was computed without widths
         */
        public double[] varianceOfMeanSquare() {
            if (widths == null) {
                throw new IllegalStateException("FourPointVertex.Profile.varianceOfMeanSquare: this profile holds for any"
                        + " equal width; pass the width");
            }
            double[] out = new double[kernel.length];
            for (int i = 0; i < out.length; i++) {
                int below = i == 0 ? widths[0] : widths[i - 1];
                out[i] = below == widths[i] ? (2 * kernel[i] * kernel[i] + vertex[i]) / widths[i]
                        : 2 * kernel[i] * kernel[i] / widths[i] + vertex[i] / below;
            }
            return out;
        }
    }

    /** The profile at the input x (|x|²/n₀ enters through K⁽¹⁾), by Gaussian quadrature. */
    public static Profile of(ScalarActivation a, double cB, double cW, double[] x, int depth) {
        return of(a, cB, cW, Criticality.firstLayerKernel(cB, cW, x), depth);
    }

    /**
     * The profile from a given K⁽¹⁾, by Gaussian quadrature.
     *
     * @throws IllegalArgumentException if depth &lt; 1, K⁽¹⁾ &lt; 0, or C_b, C_W are negative
     */
    public static Profile of(ScalarActivation a, double cB, double cW, double k1, int depth) {
        check(cB, cW, k1, depth);
        return recurse(cB, cW, k1, new int[depth], null, VertexEnsemble.Weights.GAUSSIAN, quadrature(a, cW));
    }

    /**
     * The profile of a network with the hidden widths n₁ … n_L ({@code widths[l − 1]} = n_l, L = widths.length)
     * and the given weight distribution, by Gaussian quadrature; V⁽ˡ⁾ = n_{l−1} Var Ĝ⁽ˡ⁾ for Gaussian weights.
     *
     * @throws IllegalArgumentException if a width is &lt; 1, or the weights are orthogonal and the widths unequal
     *     (a rectangular Q does not preserve norms)
     */
    public static Profile of(ScalarActivation a, double cB, double cW, double k1, int[] widths,
            VertexEnsemble.Weights weights) {
        check(cB, cW, k1, widths.length);
        return recurse(cB, cW, k1, widths, checkWidths(widths, weights), weights, quadrature(a, cW));
    }

    /** K ↦ {⟨σ²⟩_K, ⟨σ⁴⟩_K, χ_∥(K)} by quadrature. */
    private static DoubleFunction<double[]> quadrature(ScalarActivation a, double cW) {
        return k -> new double[] {GaussianExpectation.of(z -> pow2(a.value(z)), k),
            GaussianExpectation.of(z -> pow2(pow2(a.value(z))), k),
            k > 0 ? Criticality.chiParallel(a, cW, k) : cW * (pow2(a.derivative(0.0)) + a.value(0.0) * a.secondDerivative(0.0))};
    }

    /**
     * The same profile from the closed-form moments ⟨σ²⟩ = A·K, ⟨σ⁴⟩ = 3B·K² of a scale-invariant
     * activation — no quadrature.
     *
     * @throws IllegalArgumentException if the activation is not scale-invariant
     */
    public static Profile closedForm(ScalarActivation a, double cB, double cW, double k1, int depth) {
        check(cB, cW, k1, depth);
        return recurse(cB, cW, k1, new int[depth], null, VertexEnsemble.Weights.GAUSSIAN, scaleInvariant(a, cW));
    }

    /** {@link #closedForm(ScalarActivation, double, double, double, int)} for given widths and weights. */
    public static Profile closedForm(ScalarActivation a, double cB, double cW, double k1, int[] widths,
            VertexEnsemble.Weights weights) {
        check(cB, cW, k1, widths.length);
        return recurse(cB, cW, k1, widths, checkWidths(widths, weights), weights, scaleInvariant(a, cW));
    }

    /** K ↦ {A·K, 3B·K², C_W·A} of a scale-invariant activation. */
    private static DoubleFunction<double[]> scaleInvariant(ScalarActivation a, double cW) {
        if (!a.isScaleInvariant()) {
            throw new IllegalArgumentException("FourPointVertex.closedForm: " + a.label()
                    + " is not scale-invariant (relu, leaky_relu, linear)");
        }
        double ap = a.value(1.0);
        double am = -a.value(-1.0);
        double bigA = (ap * ap + am * am) / 2;
        double bigB = (pow2(ap * ap) + pow2(am * am)) / 2;
        return k -> new double[] {bigA * k, 3 * bigB * k * k, cW * bigA};
    }

    /**
     * The recursions, given K ↦ {⟨σ²⟩_K, ⟨σ⁴⟩_K, χ_∥(K)}; {@code widths} only enters through n_l/n_{l−1}
     * (all 0 for "any equal width", ratio 1).
     */
    private static Profile recurse(double cB, double cW, double k1, int[] widths, int[] given, VertexEnsemble.Weights weights,
            DoubleFunction<double[]> moments) {
        int depth = widths.length;
        double[] k = new double[depth];
        double[] v = new double[depth];
        double[] u = new double[depth];
        double[] chi = new double[depth - 1];
        double[] var = new double[depth - 1];
        double[] s2 = new double[depth - 1];
        double[] s4 = new double[depth - 1];
        boolean orthogonal = weights == VertexEnsemble.Weights.ORTHOGONAL;
        k[0] = k1;
        for (int l = 0; l + 1 < depth; l++) {
            double[] m = moments.apply(k[l]);
            s2[l] = m[0];
            s4[l] = m[1];
            chi[l] = m[2];
            var[l] = cW * cW * (s4[l] - s2[l] * s2[l]);
            k[l + 1] = cB + cW * s2[l];
            double carried = chi[l] * chi[l] * v[l];
            if (l > 0 && widths[l] != widths[l - 1]) {
                carried *= (double) widths[l] / widths[l - 1];
            }
            u[l + 1] = carried + var[l];
            v[l + 1] = orthogonal ? u[l + 1] - 2 * pow2(k[l + 1] - cB) : u[l + 1];
        }
        return new Profile(k, v, ratio(v, k), chi, var, s2, s4, u, given, weights);
    }

    private static int[] checkWidths(int[] widths, VertexEnsemble.Weights weights) {
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("FourPointVertex: every width must be >= 1, got " + Arrays.toString(widths));
            }
            if (weights == VertexEnsemble.Weights.ORTHOGONAL && w != widths[0]) {
                throw new IllegalArgumentException("FourPointVertex: orthogonal weights need equal hidden widths (square Q),"
                        + " got " + Arrays.toString(widths));
            }
        }
        if (weights == null) {
            throw new IllegalArgumentException("FourPointVertex: the weight distribution must be given");
        }
        return widths.clone();
    }

    /**
     * The slope 3B/A² − 1 of V⁽ˡ⁾/K⁽ˡ⁾² = (l − 1)(3B/A² − 1) for a scale-invariant activation at C_b = 0
     * (5 for relu, 2 for linear).
     */
    public static double scaleInvariantSlope(ScalarActivation a) {
        return scaleInvariantSlope(a, VertexEnsemble.Weights.GAUSSIAN);
    }

    /**
     * The slope of V⁽ˡ⁾/K⁽ˡ⁾² in l at C_b = 0: 3B/A² − 1 for Gaussian weights, 3B/A² − 3 for orthogonal
     * hidden weights (relu 5 and 3, linear 2 and 0).
     */
    public static double scaleInvariantSlope(ScalarActivation a, VertexEnsemble.Weights weights) {
        if (!a.isScaleInvariant()) {
            throw new IllegalArgumentException("FourPointVertex.scaleInvariantSlope: " + a.label() + " is not scale-invariant");
        }
        double ap = a.value(1.0);
        double am = -a.value(-1.0);
        double bigA = (ap * ap + am * am) / 2;
        double bigB = (pow2(ap * ap) + pow2(am * am)) / 2;
        return 3 * bigB / (bigA * bigA) - (weights == VertexEnsemble.Weights.ORTHOGONAL ? 3 : 1);
    }

    private static void check(double cB, double cW, double k1, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("FourPointVertex: depth must be >= 1, got " + depth);
        }
        if (!(cB >= 0) || !(cW >= 0) || !(k1 >= 0) || Double.isInfinite(k1)) {
            throw new IllegalArgumentException("FourPointVertex: C_b, C_W and K1 must be finite and >= 0, got C_b = " + cB
                    + ", C_W = " + cW + ", K1 = " + k1);
        }
    }

    private static double[] ratio(double[] v, double[] k) {
        double[] r = new double[v.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = k[i] == 0 ? 0.0 : v[i] / (k[i] * k[i]);
        }
        return r;
    }

    private static double pow2(double v) {
        return v * v;
    }
}
