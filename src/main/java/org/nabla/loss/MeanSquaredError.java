package org.nabla.loss;

import org.nabla.autodiff.Variable;

/**
 * The squared error, averaged by default.
 * <pre>
 *   ℓᵢ = (ŷᵢ − yᵢ)²,   ∂ℓᵢ/∂ŷᵢ = 2(ŷᵢ − yᵢ),   MSE = (1/n) Σᵢ ℓᵢ.
 * </pre>
 * Written from primitives. Source: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §5.1.4,
 * eq. (5.4); Hastie, Tibshirani &amp; Friedman, The Elements of Statistical Learning, §2.4.
 */
public final class MeanSquaredError extends Loss {
    /** Mean reduction. */
    public MeanSquaredError() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public MeanSquaredError(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Variable forward(Variable prediction, Variable target) {
        requireSameShape(prediction, target);
        return reduction().reduce(prediction.sub(target).square());
    }
}
