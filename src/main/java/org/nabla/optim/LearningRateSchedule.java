package org.nabla.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * A learning-rate schedule η_t = schedule(t, η₀) acting on an {@link Optimizer}: at construction it
 * sets every group's learning rate to its value at t = 0 and each {@link #step()} advances t by one
 * (call it once per epoch, or per iteration, after {@code optimizer.step}) and sets η_t, computed
 * in closed form from each group's {@link ParameterGroup#initialLearningRate() initial} learning
 * rate η₀ — PyTorch's {@code _get_closed_form_lr}.
 */
public abstract class LearningRateSchedule {
    private final Optimizer<?> optimizer;
    private final List<Double> baseLearningRates = new ArrayList<>();
    private int epoch;

    protected LearningRateSchedule(Optimizer<?> optimizer) {
        this.optimizer = optimizer;
        for (ParameterGroup<?> g : optimizer.parameterGroups()) {
            baseLearningRates.add(g.initialLearningRate());
        }
    }

    /** Sets the learning rates for t = 0; subclasses call it at the end of their constructor. */
    protected final void start() {
        apply();
    }

    /** The learning rate at step t for a group whose initial learning rate is η₀. */
    public abstract double learningRate(int t, double initialLearningRate);

    /** Advances t by one and sets each group's learning rate to η_t. */
    public void step() {
        epoch++;
        apply();
    }

    /** The number of {@link #step()} calls so far. */
    public int epoch() {
        return epoch;
    }

    /** The current learning rate of each group. */
    public List<Double> learningRates() {
        List<Double> out = new ArrayList<>();
        for (ParameterGroup<?> g : optimizer.parameterGroups()) {
            out.add(g.learningRate());
        }
        return out;
    }

    private void apply() {
        List<? extends ParameterGroup<?>> groups = optimizer.parameterGroups();
        for (int i = 0; i < groups.size() && i < baseLearningRates.size(); i++) {
            groups.get(i).setLearningRate(learningRate(epoch, baseLearningRates.get(i)));
        }
    }

    static void requirePositive(String schedule, String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(schedule + ": " + what + " must be > 0, got " + v);
        }
    }
}
