package org.nabla.train;

/**
 * Early stopping (Goodfellow, Bengio &amp; Courville, Deep Learning, §7.8): stop when the validation
 * loss has not improved on its best value for k consecutive epochs (the patience).
 */
public final class NoValidationImprovement implements StoppingRule {
    private final int patience;

    /** @param patience k ≥ 1 */
    public NoValidationImprovement(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("NoValidationImprovement: patience must be ≥ 1, got " + patience);
        }
        this.patience = patience;
    }

    @Override
    public boolean shouldStop(History h) {
        double[] v = h.validationLosses();
        if (v.length <= patience) {
            return false;
        }
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return v.length - 1 - best >= patience;
    }

    @Override
    public String reason() {
        return "validation loss did not improve for " + patience + " epochs";
    }
}
