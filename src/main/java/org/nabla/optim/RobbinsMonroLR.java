package org.nabla.optim;

/**
 * A Robbins–Monro step schedule,
 * <pre>
 *   η_t = η₀ / (1 + t/τ)ᵖ,   ½ &lt; p ≤ 1,
 * </pre>
 * whose steps satisfy the Robbins–Monro conditions Σ η_t = ∞ and Σ η_t² &lt; ∞ (Robbins &amp; Monro,
 * "A Stochastic Approximation Method", Ann. Math. Statist. 22, 1951; Bottou, Curtis &amp; Nocedal,
 * "Optimization Methods for Large-Scale Machine Learning", SIAM Review 60, 2018, §4.2–4.3):
 * by comparison with ∫(1 + x/τ)⁻ᵖdx, the partial sums Σ_{t&lt;T} η_t grow like η₀τᵖ T¹⁻ᵖ/(1 − p)
 * (like η₀τ ln T at p = 1) without bound, while Σ_t η_t² ≤ η₀²(1 + τ/(2p − 1)). p = 1 is the classical
 * η₀τ/(τ + t); p outside (½, 1] is refused, since then one of the two sums is finite or infinite the
 * wrong way.
 */
public final class RobbinsMonroLR extends LearningRateSchedule {
    private final double tau;
    private final double power;

    /**
     * @param tau the time scale τ &gt; 0 (steps until η has fallen by 2ᵖ)
     * @param power the exponent p ∈ (½, 1]
     */
    public RobbinsMonroLR(Optimizer<?> optimizer, double tau, double power) {
        super(optimizer);
        requirePositive("RobbinsMonroLR", "tau", tau);
        if (!(power > 0.5 && power <= 1)) {
            throw new IllegalArgumentException("RobbinsMonroLR: power p must lie in (1/2, 1] so that Σηₜ = ∞ and "
                    + "Σηₜ² < ∞, got " + power);
        }
        this.tau = tau;
        this.power = power;
        start();
    }

    @Override
    public double learningRate(int t, double initialLearningRate) {
        return initialLearningRate / Math.pow(1 + t / tau, power);
    }

    /** τ. */
    public double tau() {
        return tau;
    }

    /** p. */
    public double power() {
        return power;
    }
}
