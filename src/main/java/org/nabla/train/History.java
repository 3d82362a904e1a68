package org.nabla.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The per-epoch records of a training run, in order.
 *
 * <p>To draw the loss and accuracy curves: {@code TrainingPlots.curves(history).writePng(path)} in
 * {@code org.nabla.viz}. The drawing lives there, not in a {@code plot} method here, because packages
 * depend one way ({@code train} is below {@code viz}, see docs/seeing.md).
 */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();

    void add(EpochRecord r) {
        epochs.add(r);
    }

    /** All epochs so far. */
    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Number of epochs. */
    public int size() {
        return epochs.size();
    }

    /** The last epoch's record. */
    public EpochRecord last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("History: no epoch has been recorded yet");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** Training losses per epoch. */
    public double[] trainLosses() {
        return epochs.stream().mapToDouble(EpochRecord::trainLoss).toArray();
    }

    /** Validation losses per epoch. */
    public double[] validationLosses() {
        return epochs.stream().mapToDouble(EpochRecord::validationLoss).toArray();
    }

    /** Validation accuracies per epoch. */
    public double[] validationAccuracies() {
        return epochs.stream().mapToDouble(EpochRecord::validationAccuracy).toArray();
    }

    /** Training accuracies per epoch. */
    public double[] trainAccuracies() {
        return epochs.stream().mapToDouble(EpochRecord::trainAccuracy).toArray();
    }
}
