package org.nabla.data;

import org.nabla.tensor.Tensor;

/**
 * A mini-batch ℬ = {(x₁, y₁), …, (x_b, y_b)} collated into two tensors whose axis 0 indexes the
 * examples: features of shape (b, …) and targets of shape (b, …). The mini-batch gradient
 * (1/b) Σᵢ ∇ℓ(xᵢ, yᵢ) is the stochastic estimate of the full gradient used by SGD (Goodfellow,
 * Bengio &amp; Courville, <i>Deep Learning</i>, 2016, §8.1.3).
 *
 * @param features the stacked features, shape (b, …feature shape)
 * @param targets the stacked targets, shape (b, …target shape)
 */
public record Batch(Tensor features, Tensor targets) {

    /** Checks that both tensors have an axis 0 of the same size. */
    public Batch {
        if (features.rank() == 0 || targets.rank() == 0 || features.dim(0) != targets.dim(0)) {
            throw new IllegalArgumentException("Batch: features of shape " + features.shape() + " and targets of shape "
                    + targets.shape() + " (expected both to have an axis 0 of the same size, the batch size)");
        }
    }

    /** The number of examples b. */
    public int size() {
        return features.dim(0);
    }
}
