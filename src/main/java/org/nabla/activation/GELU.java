package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The Gaussian error linear unit: x weighted by the standard normal CDF Φ.
 * <pre>
 *   exact:  GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2)),
 *           GELU′(x) = Φ(x) + x·φ(x),  φ(x) = e^(−x²/2)/√(2π);
 *   tanh approximation:
 *           GELU(x) ≈ ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
 * </pre>
 * Both are written from primitives (erf, tanh), so the class reads like the formula and its
 * derivatives of every order come from the primitives' rules.
 * Source: Hendrycks &amp; Gimpel, "Gaussian Error Linear Units (GELUs)" (2016), §2.
 */
public final class GELU extends Module {
    /** Which form to compute: the exact one with erf, or Hendrycks &amp; Gimpel's tanh approximation. */
    public enum Approximation {
        /** ½x(1 + erf(x/√2)). */
        NONE,
        /** ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
        TANH
    }

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private final Approximation approximation;

    /** The exact GELU. */
    public GELU() {
        this(Approximation.NONE);
    }

    /** The exact GELU (NONE) or the tanh approximation (TANH). */
    public GELU(Approximation approximation) {
        if (approximation == null) {
            throw new IllegalArgumentException("GELU: approximation must not be null (use NONE or TANH)");
        }
        this.approximation = approximation;
    }

    /** The form computed. */
    public Approximation approximation() {
        return approximation;
    }

    /** ½x(1 + erf(x/√2)) elementwise. */
    public static Variable gelu(Variable x) {
        return x.mul(x.mul(SQRT_HALF).erf().add(1.0)).mul(0.5);
    }

    /** ½x(1 + tanh(√(2/π)(x + 0.044715x³))) elementwise. */
    public static Variable geluTanh(Variable x) {
        Variable inner = x.add(x.pow(3.0).mul(0.044715)).mul(SQRT_2_OVER_PI);
        return x.mul(inner.tanh().add(1.0)).mul(0.5);
    }

    @Override
    public Variable forward(Variable x) {
        return approximation == Approximation.TANH ? geluTanh(x) : gelu(x);
    }

    @Override
    protected String describe() {
        return "GELU(approximation=" + approximation + ")";
    }
}
