package org.nabla.train;

/**
 * "Accuracy stable": a network counts as trained when the confidence mass below δ has stayed under a
 * threshold τ for k consecutive epochs,
 * <pre>
 *   stop after epoch t  ⇔  F_s(δ) = #{x ∈ validation set : δ_s(x) &lt; δ}/N &lt; τ   for s = t−k+1, …, t,
 * </pre>
 * where δ_s(x) = p_y(x) − max_{j≠y} p_j(x) is the {@link ClassificationConfidence} after epoch s.
 * F(δ) counts the objects that are misclassified or correct with margin less than δ, so 1 − F(δ) is a
 * lower bound on the accuracy that survives any perturbation of the probabilities by less than δ/2
 * in each coordinate. The rule is after Berlyand &amp; Jabin (Mathematics of Deep Learning, De Gruyter
 * 2023, "when is a network trained") and Berlyand, Jabin &amp; Safsten (M3AS 2021, arXiv 2002.04122):
 * accuracy is stable under further training when little mass of confidence sits near the decision
 * boundary. The {@link Trainer} tracks the confidence on its validation set when this rule is given.
 */
public final class AccuracyStable implements StoppingRule {
    private final double delta;
    private final double threshold;
    private final int epochs;

    /**
     * @param delta     the margin δ ∈ (0, 2]
     * @param threshold the mass τ ∈ (0, 1]
     * @param epochs    k ≥ 1 consecutive epochs
     */
    public AccuracyStable(double delta, double threshold, int epochs) {
        if (!(delta > 0 && delta <= 2)) {
            throw new IllegalArgumentException("AccuracyStable: the margin δ must lie in (0, 2], got " + delta);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("AccuracyStable: the mass threshold τ must lie in (0, 1], got " + threshold);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("AccuracyStable: k must be ≥ 1 epoch, got " + epochs);
        }
        this.delta = delta;
        this.threshold = threshold;
        this.epochs = epochs;
    }

    @Override
    public boolean shouldStop(History h) {
        int n = h.size();
        if (n < epochs) {
            return false;
        }
        for (int s = n - epochs; s < n; s++) {
            ClassificationConfidence c = h.epochs().get(s).confidence();
            if (c == null || !(c.fractionBelow(delta) < threshold)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String reason() {
        return "confidence mass below " + delta + " under " + threshold + " for " + epochs + " epochs";
    }
}
