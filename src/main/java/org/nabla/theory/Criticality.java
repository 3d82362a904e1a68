package org.nabla.theory;

import java.util.Optional;
import java.util.OptionalDouble;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Criticality of deep networks at initialization: the kernel recursion, its fixed points and the
 * two susceptibilities (Roberts, Yaida &amp; Hanin, <i>The Principles of Deep Learning Theory</i>,
 * 2022, ch. 5).
 *
 * <p>For a network with weights W ~ N(0, C_W / fan_in) and biases b ~ N(0, C_b), in the
 * infinite-width limit each preactivation z⁽ˡ⁾ is Gaussian with variance K⁽ˡ⁾, and
 * <pre>
 *   K⁽ˡ⁺¹⁾ = C_b + C_W ⟨σ(z)²⟩_{K⁽ˡ⁾}                         (5.5)
 *   χ_∥(K) = dK⁽ˡ⁺¹⁾/dK⁽ˡ⁾ = (C_W / 2K²) ⟨σ(z)² (z² − K)⟩_K      (5.48)
 *          = C_W ⟨σ′(z)² + σ(z)σ″(z)⟩_K                     (Gaussian integration by parts)
 *   χ_⊥(K) = C_W ⟨σ′(z)²⟩_K                                  (5.50)
 * </pre>
 * A network is critical when K* = C_b + C_W⟨σ²⟩_{K*} and χ_∥(K*) = χ_⊥(K*) = 1, i.e.
 * C_W = 1/⟨σ′²⟩_{K*}, C_b = K* − C_W⟨σ²⟩_{K*}, with K* a root of ⟨σσ″⟩_K = 0 — or, for the
 * K* = 0 universality class (σ(0) = 0, σ′(0) ≠ 0, e.g. tanh), C_b = 0, C_W = 1/σ′(0)²; for the
 * scale-invariant class (relu, leaky relu, linear: σ(z) = a₊z for z &gt; 0, a₋z otherwise) every K is
 * a fixed point at C_b = 0, C_W = 2/(a₊² + a₋²) (§5.2).
 */
public final class Criticality {
    private Criticality() {
    }

    /** The critical initialization (C_b, C_W, K*) of an activation; K* is empty for scale-invariant ones. */
    public record CriticalPoint(double biasVariance, double weightVariance, OptionalDouble fixedPoint,
            String universalityClass) {
    }

    /** ⟨σ(z)²⟩_K. */
    public static double meanSigmaSquared(ScalarActivation a, double k) {
        return GaussianExpectation.of(z -> square(a.value(z)), k);
    }

    /** One step of the kernel recursion K ↦ C_b + C_W ⟨σ²⟩_K. */
    public static double nextKernel(ScalarActivation a, double cB, double cW, double k) {
        return cB + cW * meanSigmaSquared(a, k);
    }

    /** The parallel susceptibility χ_∥(K) = (C_W / 2K²) ⟨σ(z)² (z² − K)⟩_K (K &gt; 0). */
    public static double chiParallel(ScalarActivation a, double cW, double k) {
        if (!(k > 0)) {
            throw new IllegalArgumentException("chiParallel: K must be > 0, got " + k);
        }
        return cW / (2 * k * k) * GaussianExpectation.of(z -> square(a.value(z)) * (z * z - k), k);
    }

    /** The perpendicular susceptibility χ_⊥(K) = C_W ⟨σ′(z)²⟩_K. */
    public static double chiPerpendicular(ScalarActivation a, double cW, double k) {
        return cW * GaussianExpectation.of(z -> square(a.derivative(z)), k);
    }

    /**
     * The kernel sequence K⁽¹⁾, …, K⁽ᴸ⁾ starting from the given K⁽¹⁾.
     *
     * @param layers L ≥ 1, the length of the returned array
     */
    public static double[] kernelSequence(ScalarActivation a, double cB, double cW, double k1, int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("kernelSequence: layers must be >= 1, got " + layers);
        }
        double[] k = new double[layers];
        k[0] = k1;
        for (int l = 1; l < layers; l++) {
            k[l] = nextKernel(a, cB, cW, k[l - 1]);
        }
        return k;
    }

    /** The first-layer kernel K⁽¹⁾ = C_b + C_W |x|² / n₀ of an input x. */
    public static double firstLayerKernel(double cB, double cW, double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return cB + cW * s / x.length;
    }

    /**
     * A fixed point K* = C_b + C_W⟨σ²⟩_{K*} reached by iterating the recursion from K₀ (it converges
     * when the fixed point is stable, χ_∥(K*) &lt; 1).
     *
     * @throws IllegalStateException if 10,000 iterations do not settle to 1e-14 relative
     */
    public static double fixedPoint(ScalarActivation a, double cB, double cW, double k0) {
        double k = k0;
        for (int i = 0; i < 10_000; i++) {
            double next = nextKernel(a, cB, cW, k);
            if (Math.abs(next - k) <= 1e-14 * Math.max(Math.abs(next), 1e-300)) {
                return next;
            }
            k = next;
        }
        throw new IllegalStateException("fixedPoint: the recursion for " + a.label() + " at (C_b, C_W) = (" + cB + ", "
                + cW + ") did not converge from K0 = " + k0 + " (last K " + k + "); the fixed point may be unstable");
    }

    /** ⟨σ(z)σ″(z)⟩_K, whose positive root is the non-trivial critical K*. */
    public static double meanSigmaSigmaSecond(ScalarActivation a, double k) {
        return GaussianExpectation.of(z -> a.value(z) * a.secondDerivative(z), k);
    }

    /**
     * The critical initialization of an activation, or empty when it has none (sigmoid, softplus).
     * A non-trivial K* is the first sign change of ⟨σσ″⟩_K on a geometric grid of K in [10⁻³, 10⁴]
     * with C_b ≥ 0, refined by bisection to machine precision.
     */
    public static Optional<CriticalPoint> criticalPoint(ScalarActivation a) {
        if (a.isScaleInvariant()) {
            double ap = a.value(1.0);
            double am = -a.value(-1.0);
            return Optional.of(new CriticalPoint(0.0, 2.0 / (ap * ap + am * am), OptionalDouble.empty(),
                    "scale-invariant"));
        }
        int n = 280;
        double lo = 1e-3;
        double prevK = lo;
        double prevF = meanSigmaSigmaSecond(a, lo);
        for (int i = 1; i <= n; i++) {
            double k = lo * Math.pow(10, 7.0 * i / n);
            double f = meanSigmaSigmaSecond(a, k);
            if (Math.signum(f) != Math.signum(prevF) && f != 0 || f == 0) {
                double root = f == 0 ? k : bisect(a, prevK, k, prevF);
                double cW = 1.0 / GaussianExpectation.of(z -> square(a.derivative(z)), root);
                double cB = root - cW * meanSigmaSquared(a, root);
                if (cB >= 0) {
                    return Optional.of(new CriticalPoint(cB, cW, OptionalDouble.of(root), "nonzero fixed point"));
                }
            }
            prevK = k;
            prevF = f;
        }
        if (a.value(0.0) == 0.0 && a.derivative(0.0) != 0.0) {
            double d = a.derivative(0.0);
            return Optional.of(new CriticalPoint(0.0, 1.0 / (d * d), OptionalDouble.of(0.0), "K* = 0"));
        }
        return Optional.empty();
    }

    private static double bisect(ScalarActivation a, double lo, double hi, double fLo) {
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            double f = meanSigmaSigmaSecond(a, mid);
            if (f == 0) {
                return mid;
            }
            if (Math.signum(f) == Math.signum(fLo)) {
                lo = mid;
                fLo = f;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * The empirical counterpart of the kernel recursion: the preactivation second moment
     * (1/(m·n)) Σ_α Σ_i (z_i⁽ˡ⁾(x_α))² of each layer l = 1, …, L of one random MLP of the given
     * width, with W⁽¹⁾ ~ N(0, C_W/n₀), W⁽ˡ⁾ ~ N(0, C_W/width), b ~ N(0, C_b), for inputs X (m, n₀).
     * At large width it approaches K⁽ˡ⁾ of {@link #kernelSequence} started from K⁽¹⁾ of each input.
     */
    public static double[] empiricalPreactivationMoments(ScalarActivation a, double cB, double cW, Tensor inputs,
            int width, int depth, Rng rng) {
        if (inputs.rank() != 2) {
            throw new IllegalArgumentException("empiricalPreactivationMoments: inputs must be (m, n0), got " + inputs.shape());
        }
        double[] moments = new double[depth];
        Tensor h = inputs;
        for (int l = 0; l < depth; l++) {
            int fanIn = h.dim(1);
            Tensor w = Tensor.normal(rng, 0.0, Math.sqrt(cW / fanIn), width, fanIn);
            Tensor b = cB == 0 ? Tensor.zeros(width) : Tensor.normal(rng, 0.0, Math.sqrt(cB), width);
            Tensor z = h.matmul(w.transpose()).add(b);
            moments[l] = z.square().mean().item();
            h = a.apply(z);
        }
        return moments;
    }

    private static double square(double v) {
        return v * v;
    }
}
