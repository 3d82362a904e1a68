package org.nabla.optim;

/**
 * Exponential decay of the learning rate,
 * <pre>
 *   η_t = η₀ · γᵗ
 * </pre>
 * (PyTorch's {@code ExponentialLR}).
 */
public final class ExponentialLR extends LearningRateSchedule {
    private final double gamma;

    /** @param gamma multiplicative factor γ per step (&gt; 0) */
    public ExponentialLR(Optimizer<?> optimizer, double gamma) {
        super(optimizer);
        requirePositive("ExponentialLR", "gamma", gamma);
        this.gamma = gamma;
        start();
    }

    @Override
    public double learningRate(int t, double initialLearningRate) {
        return initialLearningRate * Math.pow(gamma, t);
    }
}
