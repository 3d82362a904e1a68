package org.nabla.loss;

import org.nabla.autodiff.Variable;

/**
 * How a loss turns its per-element (or per-sample) values ℓᵢ into the value returned, as PyTorch's
 * {@code reduction} argument.
 * <pre>
 *   MEAN:        (1/n) Σᵢ ℓᵢ   over all n entries,
 *   SUM:         Σᵢ ℓᵢ,
 *   NONE:        the tensor (ℓᵢ) itself,
 *   BATCH_MEAN:  (1/N) Σᵢ ℓᵢ   with N the size of axis 0 (the batch); PyTorch's "batchmean",
 *                the mathematically correct mean of the KL divergence over a batch.
 * </pre>
 */
public enum Reduction {
    /** The mean over all entries. */
    MEAN,
    /** The sum over all entries. */
    SUM,
    /** No reduction: the per-entry losses. */
    NONE,
    /** The sum divided by the batch size (axis 0). */
    BATCH_MEAN;

    /** Applies this reduction to per-entry losses ℓ. */
    public Variable reduce(Variable perEntry) {
        switch (this) {
            case MEAN:
                return perEntry.mean();
            case SUM:
                return perEntry.sum();
            case NONE:
                return perEntry;
            default:
                int n = perEntry.shape().rank() == 0 ? 1 : perEntry.shape().dim(0);
                return perEntry.sum().div(n);
        }
    }

    static Reduction require(Reduction r, String loss) {
        if (r == null) {
            throw new IllegalArgumentException(loss + ": reduction must not be null (use MEAN, SUM, NONE or BATCH_MEAN)");
        }
        return r;
    }
}
