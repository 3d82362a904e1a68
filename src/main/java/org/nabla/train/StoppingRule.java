package org.nabla.train;

/**
 * When a network counts as trained: a rule consulted after every epoch with the history so far.
 * The textbook notions are each a small class: {@link MaxEpochs}, {@link GradientNormBelow},
 * {@link RelativeLossChangeBelow}, {@link NoValidationImprovement}, {@link AccuracyStable}.
 */
@FunctionalInterface
public interface StoppingRule {
    /** True when training should stop after the last recorded epoch. */
    boolean shouldStop(History history);

    /** A short reason printed when the rule fires. */
    default String reason() {
        return getClass().getSimpleName();
    }
}
