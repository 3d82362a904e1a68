package org.nabla.theory;

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
            double[] varianceTerm, double[] meanSigmaSquared, double[] meanSigmaFourth) {
        /** Var(S⁽ˡ⁾) = (2K⁽ˡ⁾² + V⁽ˡ⁾)/n predicted for width n, per layer. */
        public double[] varianceOfMeanSquare(int width) {
            double[] out = new double[kernel.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (2 * kernel[i] * kernel[i] + vertex[i]) / width;
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
        return recurse(cB, cW, k1, depth, k -> new double[] {GaussianExpectation.of(z -> pow2(a.value(z)), k),
            GaussianExpectation.of(z -> pow2(pow2(a.value(z))), k),
            k > 0 ? Criticality.chiParallel(a, cW, k) : cW * (pow2(a.derivative(0.0)) + a.value(0.0) * a.secondDerivative(0.0))});
    }

    /**
     * The same profile from the closed-form moments ⟨σ²⟩ = A·K, ⟨σ⁴⟩ = 3B·K² of a scale-invariant
     * activation — no quadrature.
     *
     * @throws IllegalArgumentException if the activation is not scale-invariant
     */
    public static Profile closedForm(ScalarActivation a, double cB, double cW, double k1, int depth) {
        check(cB, cW, k1, depth);
        if (!a.isScaleInvariant()) {
            throw new IllegalArgumentException("FourPointVertex.closedForm: " + a.label()
                    + " is not scale-invariant (relu, leaky_relu, linear)");
        }
        double ap = a.value(1.0);
        double am = -a.value(-1.0);
        double bigA = (ap * ap + am * am) / 2;
        double bigB = (pow2(ap * ap) + pow2(am * am)) / 2;
        return recurse(cB, cW, k1, depth, k -> new double[] {bigA * k, 3 * bigB * k * k, cW * bigA});
    }

    /** The two recursions, given K ↦ {⟨σ²⟩_K, ⟨σ⁴⟩_K, χ_∥(K)}. */
    private static Profile recurse(double cB, double cW, double k1, int depth, DoubleFunction<double[]> moments) {
        double[] k = new double[depth];
        double[] v = new double[depth];
        double[] chi = new double[depth - 1];
        double[] var = new double[depth - 1];
        double[] s2 = new double[depth - 1];
        double[] s4 = new double[depth - 1];
        k[0] = k1;
        for (int l = 0; l + 1 < depth; l++) {
            double[] m = moments.apply(k[l]);
            s2[l] = m[0];
            s4[l] = m[1];
            chi[l] = m[2];
            var[l] = cW * cW * (s4[l] - s2[l] * s2[l]);
            k[l + 1] = cB + cW * s2[l];
            v[l + 1] = chi[l] * chi[l] * v[l] + var[l];
        }
        return new Profile(k, v, ratio(v, k), chi, var, s2, s4);
    }

    /**
     * The slope 3B/A² − 1 of V⁽ˡ⁾/K⁽ˡ⁾² = (l − 1)(3B/A² − 1) for a scale-invariant activation at C_b = 0
     * (5 for relu, 2 for linear).
     */
    public static double scaleInvariantSlope(ScalarActivation a) {
        if (!a.isScaleInvariant()) {
            throw new IllegalArgumentException("FourPointVertex.scaleInvariantSlope: " + a.label() + " is not scale-invariant");
        }
        double ap = a.value(1.0);
        double am = -a.value(-1.0);
        double bigA = (ap * ap + am * am) / 2;
        double bigB = (pow2(ap * ap) + pow2(am * am)) / 2;
        return 3 * bigB / (bigA * bigA) - 1;
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
