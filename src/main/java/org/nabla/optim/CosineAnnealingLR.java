package org.nabla.optim;

/**
 * Cosine annealing without restarts (Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient Descent with
 * Warm Restarts", ICLR 2017, eq. (5) with a single cycle):
 * <pre>
 *   η_t = η_min + ½ (η₀ − η_min) (1 + cos(π t / T_max))
 * </pre>
 * This is the closed form of PyTorch's {@code CosineAnnealingLR}; for t &gt; T_max the cosine keeps
 * going (the learning rate rises again), as PyTorch's closed form does.
 */
public final class CosineAnnealingLR extends LearningRateSchedule {
    private final int maxSteps;
    private final double minimumLearningRate;

    /**
     * @param maxSteps T_max, the number of steps of the half cosine (&gt; 0)
     * @param minimumLearningRate η_min (≥ 0)
     */
    public CosineAnnealingLR(Optimizer<?> optimizer, int maxSteps, double minimumLearningRate) {
        super(optimizer);
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("CosineAnnealingLR: maxSteps (T_max) must be > 0, got " + maxSteps);
        }
        if (!(minimumLearningRate >= 0)) {
            throw new IllegalArgumentException("CosineAnnealingLR: minimumLearningRate must be >= 0, got "
                    + minimumLearningRate);
        }
        this.maxSteps = maxSteps;
        this.minimumLearningRate = minimumLearningRate;
        start();
    }

    @Override
    public double learningRate(int t, double initialLearningRate) {
        return minimumLearningRate
                + (initialLearningRate - minimumLearningRate) * (1 + Math.cos(Math.PI * t / maxSteps)) / 2;
    }
}
