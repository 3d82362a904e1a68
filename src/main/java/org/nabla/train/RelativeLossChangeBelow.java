package org.nabla.train;

/**
 * Stop when the training loss has stalled: |L_t − L_{t−1}| / max(|L_{t−1}|, 1e-12) &lt; δ.
 */
public final class RelativeLossChangeBelow implements StoppingRule {
    private final double delta;

    /** @param delta the threshold δ &gt; 0 */
    public RelativeLossChangeBelow(double delta) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("RelativeLossChangeBelow: δ must be > 0, got " + delta);
        }
        this.delta = delta;
    }

    @Override
    public boolean shouldStop(History h) {
        int n = h.size();
        if (n < 2) {
            return false;
        }
        double prev = h.epochs().get(n - 2).trainLoss();
        double cur = h.epochs().get(n - 1).trainLoss();
        return Math.abs(cur - prev) / Math.max(Math.abs(prev), 1e-12) < delta;
    }

    @Override
    public String reason() {
        return "relative loss change below " + delta;
    }
}
