package org.nabla.optim;

/**
 * Reduces the learning rate when a monitored metric has stopped improving (PyTorch's
 * {@code ReduceLROnPlateau}, relative threshold).
 *
 * <p>After each {@link #step(double)} with metric m: m is an improvement when
 * m &lt; best · (1 − threshold) (mode MIN) or m &gt; best · (1 + threshold) (mode MAX). After more than
 * {@code patience} steps without improvement, outside a cool-down period, every group's learning
 * rate becomes
 * <pre>
 *   η ← max(η · factor, η_min)      (skipped when the change would be smaller than 1e-8)
 * </pre>
 * and a cool-down of {@code cooldown} steps starts, during which bad steps are not counted.
 */
public final class ReduceLROnPlateau {
    /** Whether the metric should decrease (a loss) or increase (an accuracy). */
    public enum Mode { MIN, MAX }

    private static final double EPSILON = 1e-8;

    private final Optimizer<?> optimizer;
    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minimumLearningRate;
    private double best;
    private int badSteps;
    private int cooldownCounter;

    /** PyTorch's defaults: mode MIN, factor 0.1, patience 10, threshold 1e-4, no cool-down, η_min 0. */
    public ReduceLROnPlateau(Optimizer<?> optimizer) {
        this(optimizer, Mode.MIN, 0.1, 10, 1e-4, 0, 0);
    }

    /**
     * @param factor multiplier in (0, 1)
     * @param patience number of non-improving steps tolerated (≥ 0)
     * @param threshold relative improvement needed (≥ 0)
     * @param cooldown steps to wait after a reduction (≥ 0)
     * @param minimumLearningRate lower bound η_min (≥ 0)
     */
    public ReduceLROnPlateau(Optimizer<?> optimizer, Mode mode, double factor, int patience, double threshold,
            int cooldown, double minimumLearningRate) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0 || !(threshold >= 0) || !(minimumLearningRate >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: patience, cooldown, threshold and "
                    + "minimumLearningRate must be >= 0 (got " + patience + ", " + cooldown + ", " + threshold
                    + ", " + minimumLearningRate + ")");
        }
        this.optimizer = optimizer;
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minimumLearningRate = minimumLearningRate;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Records the metric of this epoch and reduces the learning rates when it has plateaued. */
    public void step(double metric) {
        if (Double.isNaN(metric)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: the metric is NaN (a diverged loss?); a NaN can be"
                    + " neither better nor worse than the best value " + best);
        }
        if (isBetter(metric)) {
            best = metric;
            badSteps = 0;
        } else {
            badSteps++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badSteps = 0;
        }
        if (badSteps > patience) {
            for (ParameterGroup<?> g : optimizer.parameterGroups()) {
                double old = g.learningRate();
                double reduced = Math.max(old * factor, minimumLearningRate);
                if (old - reduced > EPSILON) {
                    g.setLearningRate(reduced);
                }
            }
            cooldownCounter = cooldown;
            badSteps = 0;
        }
    }

    /** The best metric seen so far. */
    public double best() {
        return best;
    }

    private boolean isBetter(double m) {
        return mode == Mode.MIN ? m < best * (1 - threshold) : m > best * (1 + threshold);
    }
}
