package org.nabla.loss;

import org.nabla.autodiff.Variable;

/**
 * The absolute error (mean absolute error with the default reduction).
 * <pre>
 *   ℓᵢ = |ŷᵢ − yᵢ|,   ∂ℓᵢ/∂ŷᵢ = sign(ŷᵢ − yᵢ)   (0 at ŷᵢ = yᵢ, as PyTorch),   MAE = (1/n) Σᵢ ℓᵢ.
 * </pre>
 * Written from primitives. Source: Hastie, Tibshirani &amp; Friedman, The Elements of Statistical
 * Learning, §10.6 (absolute loss, robust to outliers).
 */
public final class L1Loss extends Loss {
    /** Mean reduction. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Variable forward(Variable prediction, Variable target) {
        requireSameShape(prediction, target);
        return reduction().reduce(prediction.sub(target).abs());
    }
}
