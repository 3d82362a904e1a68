package org.nabla.optim;

/**
 * Step decay: the learning rate is multiplied by γ every {@code stepSize} steps,
 * <pre>
 *   η_t = η₀ · γ^⌊t / stepSize⌋
 * </pre>
 * (PyTorch's {@code StepLR}; the classic schedule of Krizhevsky et al. 2012 and He et al. 2016).
 */
public final class StepLR extends LearningRateSchedule {
    private final int stepSize;
    private final double gamma;

    /**
     * @param stepSize number of steps between decays (&gt; 0)
     * @param gamma multiplicative factor γ (&gt; 0; usually 0.1)
     */
    public StepLR(Optimizer<?> optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepLR: stepSize must be > 0, got " + stepSize);
        }
        requirePositive("StepLR", "gamma", gamma);
        this.stepSize = stepSize;
        this.gamma = gamma;
        start();
    }

    @Override
    public double learningRate(int t, double initialLearningRate) {
        return initialLearningRate * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }
}
