package org.nabla.train;

/** Stop after a fixed number of epochs T. */
public final class MaxEpochs implements StoppingRule {
    private final int max;

    /** @param max the number of epochs T ≥ 1 */
    public MaxEpochs(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("MaxEpochs: expected at least 1 epoch, got " + max);
        }
        this.max = max;
    }

    @Override
    public boolean shouldStop(History h) {
        return h.size() >= max;
    }

    @Override
    public String reason() {
        return "reached " + max + " epochs";
    }
}
