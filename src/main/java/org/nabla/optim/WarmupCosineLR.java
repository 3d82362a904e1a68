package org.nabla.optim;

/**
 * Linear warm-up followed by cosine annealing: the learning rate rises in W equal steps to η₀, then
 * falls along a half cosine to η_min at step T and stays there,
 * <pre>
 *   η_t = η₀ · (t + 1) / W                                          for 0 ≤ t &lt; W,
 *   η_t = η_min + ½ (η₀ − η_min) (1 + cos(π (t − W) / (T − W)))     for W ≤ t ≤ T,
 *   η_t = η_min                                                     for t &gt; T.
 * </pre>
 * The warm-up keeps the first, largest updates of an adaptive method small while its moment estimates
 * are still poor (Goyal et al., "Accurate, Large Minibatch SGD", 2017, §2.2; the Transformer's warm-up,
 * Vaswani et al. 2017, §5.3); the cosine is SGDR's single cycle (Loshchilov &amp; Hutter, ICLR 2017,
 * eq. (5), as {@link CosineAnnealingLR}). The warm-up starts at η₀/W rather than 0, so that no step
 * is wasted. With W = 0 it is {@link CosineAnnealingLR} held at η_min after T.
 */
public final class WarmupCosineLR extends LearningRateSchedule {
    private final int warmupSteps;
    private final int totalSteps;
    private final double minimumLearningRate;

    /**
     * @param warmupSteps W (0 ≤ W &lt; T)
     * @param totalSteps T, the step at which η_min is reached
     * @param minimumLearningRate η_min (≥ 0)
     */
    public WarmupCosineLR(Optimizer<?> optimizer, int warmupSteps, int totalSteps, double minimumLearningRate) {
        super(optimizer);
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("WarmupCosineLR: expected 0 ≤ warmupSteps < totalSteps, got warmupSteps="
                    + warmupSteps + ", totalSteps=" + totalSteps);
        }
        if (!(minimumLearningRate >= 0)) {
            throw new IllegalArgumentException("WarmupCosineLR: minimumLearningRate must be >= 0, got "
                    + minimumLearningRate);
        }
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        this.minimumLearningRate = minimumLearningRate;
        start();
    }

    @Override
    public double learningRate(int t, double initialLearningRate) {
        if (t < warmupSteps) {
            return initialLearningRate * (t + 1) / warmupSteps;
        }
        int span = totalSteps - warmupSteps;
        return minimumLearningRate
                + (initialLearningRate - minimumLearningRate) * (1 + Math.cos(Math.PI * Math.min(t - warmupSteps, span) / span)) / 2;
    }
}
