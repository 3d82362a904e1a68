package org.nabla.optim;

/**
 * Linear warm-up (Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017,
 * §2.2 "gradual warmup"): the learning rate rises linearly from f₀·η₀ to η₀ over W steps, then
 * stays at η₀,
 * <pre>
 *   η_t = η₀ · (f₀ + (1 − f₀) · min(t, W) / W)
 * </pre>
 * (PyTorch's {@code LinearLR} with {@code end_factor = 1}).
 */
public final class LinearWarmup extends LearningRateSchedule {
    private final int warmupSteps;
    private final double startFactor;

    /**
     * @param warmupSteps W (&gt; 0)
     * @param startFactor f₀ in (0, 1]
     */
    public LinearWarmup(Optimizer<?> optimizer, int warmupSteps, double startFactor) {
        super(optimizer);
        if (warmupSteps <= 0) {
            throw new IllegalArgumentException("LinearWarmup: warmupSteps must be > 0, got " + warmupSteps);
        }
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearWarmup: startFactor must be in (0, 1], got " + startFactor);
        }
        this.warmupSteps = warmupSteps;
        this.startFactor = startFactor;
        start();
    }

    @Override
    public double learningRate(int t, double initialLearningRate) {
        return initialLearningRate * (startFactor + (1 - startFactor) * Math.min(t, warmupSteps) / warmupSteps);
    }
}
