package org.nabla.theory;

/**
 * What the theorems promise for gradient descent θₖ₊₁ = θₖ − η∇f(θₖ) on an L-smooth f that satisfies
 * the Polyak–Łojasiewicz inequality ½‖∇f(θ)‖² ≥ μ(f(θ) − f*) with μ &gt; 0 (every μ-strongly convex f
 * does, with the same μ).
 *
 * <ul>
 *   <li>Admissible steps: 0 &lt; η &lt; 2/L. The descent lemma f(θ − η∇f) ≤ f(θ) − η(1 − Lη/2)‖∇f(θ)‖²
 *       (Nesterov, <i>Introductory Lectures on Convex Optimization</i>, 2004, Lemma 1.2.3, at θ' = θ − η∇f(θ))
 *       makes every step strictly decrease f while ∇f ≠ 0; on a quadratic with η &gt; 2/L the error
 *       along the top eigenvector is multiplied by |1 − ηL| &gt; 1 per step and GD diverges.</li>
 *   <li>Linear rate, step η: combining the two inequalities,
 *       f(θₖ) − f* ≤ qᵏ (f(θ₀) − f*) with q(η) = 1 − 2μη(1 − Lη/2).</li>
 *   <li>At η = 1/L, q = 1 − μ/L: f(θₖ) − f* ≤ (1 − μ/L)ᵏ (f(θ₀) − f*) — Polyak (1963), stated as
 *       Theorem 1 of Karimi, Nutini &amp; Schmidt, "Linear Convergence of Gradient and Proximal-Gradient
 *       Methods Under the Polyak-Łojasiewicz Condition", ECML-PKDD 2016. For strongly convex f, Bubeck,
 *       <i>Convex Optimization: Algorithms and Complexity</i>, 2015, Thm 3.10 gives the iterate form
 *       ‖θₖ₊₁ − θ*‖² ≤ exp(−k/κ) ‖θ₁ − θ*‖² at the same step 1/L.</li>
 *   <li>At η = 2/(μ + L), ‖θₖ − θ*‖ ≤ ((L − μ)/(L + μ))ᵏ ‖θ₀ − θ*‖ (Nesterov 2004, Thm 2.1.15).</li>
 * </ul>
 *
 * @param smoothness L &gt; 0
 * @param strongConvexity μ, 0 &lt; μ ≤ L (the PL or strong-convexity constant)
 */
public record GradientDescentRate(double smoothness, double strongConvexity) {
    /** Checks that the constants are finite and 0 &lt; μ ≤ L. */
    public GradientDescentRate {
        if (!(smoothness > 0) || !Double.isFinite(smoothness)) {
            throw new IllegalArgumentException("GradientDescentRate: L must be finite and > 0, got " + smoothness);
        }
        if (!(strongConvexity > 0) || strongConvexity > smoothness) {
            throw new IllegalArgumentException("GradientDescentRate: need 0 < μ ≤ L, got μ = " + strongConvexity
                    + ", L = " + smoothness + " (f is not strongly convex / PL where measured)");
        }
    }

    /** The supremum 2/L of the admissible constant steps. */
    public double maxStep() {
        return 2.0 / smoothness;
    }

    /** The classical step 1/L, at which the contraction is 1 − μ/L. */
    public double step() {
        return 1.0 / smoothness;
    }

    /** The step 2/(μ + L) of Nesterov's Thm 2.1.15. */
    public double optimalStep() {
        return 2.0 / (strongConvexity + smoothness);
    }

    /** The per-step contraction q(η) = 1 − 2μη(1 − Lη/2) of f − f*, for 0 &lt; η &lt; 2/L. */
    public double contraction(double eta) {
        if (!(eta > 0) || !(eta < maxStep())) {
            throw new IllegalArgumentException("GradientDescentRate.contraction: step η must satisfy 0 < η < 2/L = "
                    + maxStep() + ", got " + eta);
        }
        return Math.max(0.0, 1 - 2 * strongConvexity * eta * (1 - smoothness * eta / 2));
    }

    /** The bound (1 − μ/L)ᵏ on (f(θₖ) − f*)/(f(θ₀) − f*) at step 1/L. */
    public double bound(int k) {
        return bound(k, step());
    }

    /** The bound q(η)ᵏ on (f(θₖ) − f*)/(f(θ₀) − f*) at step η. */
    public double bound(int k, double eta) {
        if (k < 0) {
            throw new IllegalArgumentException("GradientDescentRate.bound: k must be >= 0, got " + k);
        }
        return Math.pow(contraction(eta), k);
    }

    /** The bound ((L − μ)/(L + μ))ᵏ on ‖θₖ − θ*‖/‖θ₀ − θ*‖ at step 2/(μ + L). */
    public double iterateBound(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("GradientDescentRate.iterateBound: k must be >= 0, got " + k);
        }
        return Math.pow((smoothness - strongConvexity) / (smoothness + strongConvexity), k);
    }
}
