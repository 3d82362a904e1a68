package org.nabla.optim;

/**
 * The hyper-parameters of an optimizer: a record per optimizer ({@link SGD.Settings},
 * {@link Adam.Settings}, {@link RMSprop.Settings}, {@link Adagrad.Settings}, {@link LBFGS.Settings}),
 * each validated once, in its constructor, so that a settings object that exists is a valid one
 * (docs/design.md, decision 13).
 *
 * <p>Records are immutable: a change is a new record ({@code s.withMomentum(0.5)}), validated as a
 * whole, and a {@link ParameterGroup} holds one at a time. Every optimizer reads a learning rate η,
 * which is what schedules change, so it is declared here.
 *
 * <p>The components are named as in the textbook ({@code learningRate}, {@code momentum},
 * {@code beta1}, …) and the same names form the by-name view of a group
 * ({@link ParameterGroup#hyperParameters()}, {@link ParameterGroup#set(String, Object)}), PyTorch's
 * {@code param_groups} dictionaries.
 *
 * @param <S> the record itself, returned by the withers
 */
public interface OptimizerSettings<S extends OptimizerSettings<S>> {
    /** The learning rate (step size) η ≥ 0. */
    double learningRate();

    /**
     * These settings with another learning rate.
     *
     * @throws IllegalArgumentException when η is negative or not finite
     */
    S withLearningRate(double learningRate);
}
