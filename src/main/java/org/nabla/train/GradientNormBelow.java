package org.nabla.train;

/**
 * First-order stationarity: stop when ‖∇L(θ)‖₂ &lt; ε (Nocedal &amp; Wright, Numerical Optimization,
 * §2.1: a necessary condition for a local minimizer is ∇L = 0).
 */
public final class GradientNormBelow implements StoppingRule {
    private final double epsilon;

    /** @param epsilon the threshold ε &gt; 0 */
    public GradientNormBelow(double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("GradientNormBelow: ε must be > 0, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    @Override
    public boolean shouldStop(History h) {
        return h.size() > 0 && h.last().gradientNorm() < epsilon;
    }

    @Override
    public String reason() {
        return "gradient norm below " + epsilon;
    }
}
