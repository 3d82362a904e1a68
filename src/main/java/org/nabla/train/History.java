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

    /** An empty history (no epochs yet). */
    public History() {
    }

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

    /**
     * The confidence distributions per epoch (entries null for epochs where it was not tracked, see
     * {@link Trainer.Builder#trackConfidence()}).
     */
    public List<ClassificationConfidence> confidences() {
        return epochs.stream().map(EpochRecord::confidence).toList();
    }

    /**
     * The history of the first {@code n} epochs (0 ≤ n ≤ size()), e.g. to ask a {@link StoppingRule}
     * after the fact at which epoch it would have stopped.
     */
    public History prefix(int n) {
        if (n < 0 || n > epochs.size()) {
            throw new IllegalArgumentException("History.prefix: expected 0 ≤ n ≤ " + epochs.size() + ", got " + n);
        }
        History h = new History();
        h.epochs.addAll(epochs.subList(0, n));
        return h;
    }

    /**
     * The first epoch (from 1) after which {@code rule} fires on this history's prefixes, or −1 if it
     * never fires within the recorded epochs.
     */
    public int firstStop(StoppingRule rule) {
        for (int n = 1; n <= epochs.size(); n++) {
            if (rule.shouldStop(prefix(n))) {
                return n;
            }
        }
        return -1;
    }

    /** Training accuracies per epoch. */
    public double[] trainAccuracies() {
        return epochs.stream().mapToDouble(EpochRecord::trainAccuracy).toArray();
    }
}
