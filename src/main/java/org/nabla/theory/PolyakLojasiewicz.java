package org.nabla.theory;

/**
 * The Polyak–Łojasiewicz constant of an objective estimated along a trajectory. f satisfies the PL
 * inequality with constant μ &gt; 0 if
 * <pre>
 *   ½ ‖∇f(θ)‖² ≥ μ (f(θ) − f*)   for all θ
 * </pre>
 * (Polyak, "Gradient methods for minimizing functionals", Zh. Vychisl. Mat. Mat. Fiz. 3, 1963;
 * Łojasiewicz 1963; Karimi, Nutini &amp; Schmidt, ECML-PKDD 2016, eq. (3)). Along iterates θ₀, …, θ_K
 * the largest μ consistent with them is
 * <pre>
 *   μ̂ = minₖ ‖∇f(θₖ)‖² / (2 (f(θₖ) − f*)),
 * </pre>
 * over the iterates with f(θₖ) − f* above the roundoff floor ε = 1e−10 · (1 + |f*|) (below it the gap is
 * rounding noise and the ratio means nothing; values below f* − ε are refused) — an upper bound on the
 * true PL constant. For a quadratic with
 * Hessian A ≻ 0 the ratio at θ is eᵀA²e / eᵀAe with e = θ − θ*, which is ≥ λ_min(A) with equality along
 * the bottom eigenvector; gradient descent aligns e with it, so μ̂ → λ_min(A) = μ. When f* is not known,
 * {@link #estimate(double[], double[])} uses the smallest value on the trajectory (that iterate is then
 * excluded), which can only raise μ̂.
 */
public final class PolyakLojasiewicz {
    /** The relative roundoff floor ε/(1 + |f*|) below which a gap f(θₖ) − f* is not used. */
    public static final double ROUNDOFF = 1e-10;

    private PolyakLojasiewicz() {
    }

    /** μ̂ along a gradient-descent trajectory with known optimal value f*. */
    public static double estimate(GradientDescentTrajectory trajectory, double fStar) {
        return estimate(trajectory.values(), trajectory.gradientNormsSquared(), fStar);
    }

    /** μ̂ along a gradient-descent trajectory, f* estimated as the smallest value on it. */
    public static double estimate(GradientDescentTrajectory trajectory) {
        return estimate(trajectory.values(), trajectory.gradientNormsSquared());
    }

    /** μ̂ from values f(θₖ) and squared gradient norms ‖∇f(θₖ)‖², f* estimated as min f(θₖ). */
    public static double estimate(double[] values, double[] gradientNormsSquared) {
        if (values.length == 0) {
            throw new IllegalArgumentException("PolyakLojasiewicz.estimate: empty trajectory");
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return estimate(values, gradientNormsSquared, min);
    }

    /**
     * μ̂ = minₖ ‖∇f(θₖ)‖²/(2(f(θₖ) − f*)) over the iterates with f(θₖ) − f* &gt; ε = 1e−10 · (1 + |f*|).
     *
     * @throws IllegalArgumentException if the lengths differ, a value is not finite, a value lies below
     *     f* − ε (f* is then not the minimum), or no iterate has f(θₖ) − f* &gt; ε
     */
    public static double estimate(double[] values, double[] gradientNormsSquared, double fStar) {
        if (values.length != gradientNormsSquared.length) {
            throw new IllegalArgumentException("PolyakLojasiewicz.estimate: " + values.length + " values but "
                    + gradientNormsSquared.length + " gradient norms");
        }
        if (!Double.isFinite(fStar)) {
            throw new IllegalArgumentException("PolyakLojasiewicz.estimate: f* must be finite, got " + fStar);
        }
        double floor = ROUNDOFF * (1 + Math.abs(fStar));
        double mu = Double.POSITIVE_INFINITY;
        for (int k = 0; k < values.length; k++) {
            double gap = values[k] - fStar;
            if (!Double.isFinite(values[k]) || !Double.isFinite(gradientNormsSquared[k]) || gradientNormsSquared[k] < 0) {
                throw new IllegalArgumentException("PolyakLojasiewicz.estimate: iterate " + k + " has f = " + values[k]
                        + ", ‖∇f‖² = " + gradientNormsSquared[k] + " (expected finite, ‖∇f‖² ≥ 0)");
            }
            if (gap < -floor) {
                throw new IllegalArgumentException("PolyakLojasiewicz.estimate: f(θ_" + k + ") = " + values[k]
                        + " < f* = " + fStar + "; f* must be the minimum value");
            }
            if (gap > floor) {
                mu = Math.min(mu, gradientNormsSquared[k] / (2 * gap));
            }
        }
        if (mu == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("PolyakLojasiewicz.estimate: no iterate with f(θₖ) − f* above the roundoff floor " + floor
                    + " (f* = " + fStar + ")");
        }
        return mu;
    }
}
