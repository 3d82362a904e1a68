package org.nabla.theory;

import java.util.function.Function;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * The smoothness constant L and the strong-convexity constant μ of a twice-differentiable objective
 * f : ℝᴾ → ℝ, measured as the extreme eigenvalues of its Hessian,
 * <pre>
 *   L = λ_max(∇²f(θ)),   μ = λ_min(∇²f(θ)),
 * </pre>
 * by Lanczos with full reorthogonalization on Hessian-vector products ({@link HessianSpectrum#lanczos},
 * {@link Autodiff#hvp}). f is L-smooth (‖∇f(θ) − ∇f(θ')‖ ≤ L‖θ − θ'‖) and μ-strongly convex
 * (f(θ') ≥ f(θ) + ∇f(θ)ᵀ(θ' − θ) + (μ/2)‖θ' − θ‖²) on a convex set exactly when μI ⪯ ∇²f ⪯ LI on it
 * (Nesterov, <i>Introductory Lectures on Convex Optimization</i>, 2004, Thm 2.1.6 and Thm 2.1.11).
 *
 * <p>For a quadratic ½θᵀAθ − bᵀθ the Hessian is A everywhere and the constants are global; for any
 * other objective one Hessian gives local constants, and {@link #overPoints} takes the largest L and the
 * smallest μ over several points (a lower bound on the global L, an upper bound on the global μ). With
 * as many Lanczos steps as parameters the Ritz values are the eigenvalues (Golub &amp; Van Loan, 4th ed.,
 * §10.1); with fewer, L is approximated from below and μ from above.
 *
 * @param smoothness L, the largest Hessian eigenvalue
 * @param strongConvexity μ, the smallest Hessian eigenvalue (≤ 0 when f is not strongly convex there)
 */
public record SmoothnessConstants(double smoothness, double strongConvexity) {
    /** Checks that the constants are finite and μ ≤ L. */
    public SmoothnessConstants {
        if (!Double.isFinite(smoothness) || !Double.isFinite(strongConvexity) || strongConvexity > smoothness) {
            throw new IllegalArgumentException("SmoothnessConstants: need finite μ ≤ L, got L = " + smoothness
                    + ", μ = " + strongConvexity);
        }
    }

    /** L and μ of f at θ by {@code steps} Lanczos steps on Hessian-vector products (steps ≥ P: exact). */
    public static SmoothnessConstants at(Function<Variable, Variable> f, Tensor theta, int steps, Rng rng) {
        if (theta.rank() != 1) {
            throw new IllegalArgumentException("SmoothnessConstants.at: θ must be a vector (P), got " + theta.shape());
        }
        if (steps < 1) {
            throw new IllegalArgumentException("SmoothnessConstants.at: steps must be >= 1, got " + steps);
        }
        double[] ritz = HessianSpectrum.lanczos(v -> Autodiff.hvp(f, theta, v), theta.size(), steps, rng);
        return new SmoothnessConstants(ritz[ritz.length - 1], ritz[0]);
    }

    /** The largest L and smallest μ over the Hessians at the given points. */
    public static SmoothnessConstants overPoints(Function<Variable, Variable> f, Iterable<Tensor> points, int steps, Rng rng) {
        double l = Double.NEGATIVE_INFINITY;
        double mu = Double.POSITIVE_INFINITY;
        for (Tensor p : points) {
            SmoothnessConstants c = at(f, p, steps, rng);
            l = Math.max(l, c.smoothness);
            mu = Math.min(mu, c.strongConvexity);
        }
        if (l == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("SmoothnessConstants.overPoints: no points given");
        }
        return new SmoothnessConstants(l, mu);
    }

    /** Whether μ &gt; 0 (f strongly convex where it was measured). */
    public boolean isStronglyConvex() {
        return strongConvexity > 0;
    }

    /** The condition number κ = L/μ (requires μ &gt; 0). */
    public double conditionNumber() {
        requireStronglyConvex("conditionNumber");
        return smoothness / strongConvexity;
    }

    /** The gradient-descent rate of these constants ({@link GradientDescentRate}). */
    public GradientDescentRate rate() {
        return new GradientDescentRate(smoothness, strongConvexity);
    }

    void requireStronglyConvex(String what) {
        if (!isStronglyConvex()) {
            throw new IllegalStateException("SmoothnessConstants." + what + ": f is not strongly convex here (μ = "
                    + strongConvexity + " ≤ 0)");
        }
    }
}
