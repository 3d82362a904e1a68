package org.nabla.loss;

import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The Huber loss with threshold δ &gt; 0 (default 1): quadratic near zero, linear in the tails.
 * <pre>
 *   with d = ŷ − y:   ℓ(d) = ½d²             if |d| &lt; δ,
 *                     ℓ(d) = δ(|d| − ½δ)     otherwise;
 *   ℓ′(d) = d if |d| &lt; δ, else δ·sign(d)   (continuous: both give ±δ at |d| = δ).
 * </pre>
 * Computed as where(|d| &lt; δ, ½d², δ(|d| − ½δ)). PyTorch's {@code huber_loss}; with δ = 1 it equals
 * {@code smooth_l1_loss}.
 * Source: Huber, "Robust Estimation of a Location Parameter", Ann. Math. Statist. 35 (1964), §4;
 * Hastie, Tibshirani &amp; Friedman, The Elements of Statistical Learning, §10.6, eq. (10.23).
 */
public final class Huber extends Loss {
    private final double delta;

    /** δ = 1, mean reduction. */
    public Huber() {
        this(1.0, Reduction.MEAN);
    }

    /** The given δ, mean reduction. */
    public Huber(double delta) {
        this(delta, Reduction.MEAN);
    }

    /** The given δ &gt; 0 and reduction. */
    public Huber(double delta, Reduction reduction) {
        super(reduction);
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("Huber: delta must be positive and finite, got δ = " + delta);
        }
        this.delta = delta;
    }

    /** δ. */
    public double delta() {
        return delta;
    }

    @Override
    public Variable forward(Variable prediction, Variable target) {
        requireSameShape(prediction, target);
        Variable d = prediction.sub(target);
        Variable abs = d.abs();
        Tensor quadratic = abs.value().lt(delta);
        Variable inner = d.square().mul(0.5);
        Variable outer = abs.sub(0.5 * delta).mul(delta);
        return reduction().reduce(Variable.where(quadratic, inner, outer));
    }

    @Override
    public String toString() {
        return "Huber(delta=" + delta + ", reduction=" + reduction() + ")";
    }
}
