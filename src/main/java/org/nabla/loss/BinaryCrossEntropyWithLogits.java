package org.nabla.loss;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The binary cross-entropy of a logit x (p = σ(x)) against a target y ∈ [0, 1].
 * <pre>
 *   ℓ = −[y·ln σ(x) + (1 − y)·ln(1 − σ(x))] = ln(1 + eˣ) − x·y,
 *   ∂ℓ/∂x = σ(x) − y,   ∂ℓ/∂y = −x.
 * </pre>
 * A fused primitive for stability (docs/design.md, decision 4): the forward pass computes
 * <pre>
 *   ℓ = max(x, 0) − x·y + ln(1 + e^(−|x|)),
 * </pre>
 * where e^(−|x|) ≤ 1 never overflows, so logits of magnitude 800 (σ(x) = 0 or 1 in double) give the
 * exact finite loss instead of ln 0. The backward rule σ(x) − y is written with Variable operations,
 * so it is differentiable again.
 * Source: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §6.2.2.2, eq. (6.19)–(6.23).
 */
public final class BinaryCrossEntropyWithLogits extends Loss {
    /** Mean reduction. */
    public BinaryCrossEntropyWithLogits() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public BinaryCrossEntropyWithLogits(Reduction reduction) {
        super(reduction);
    }

    /** The per-entry losses ln(1 + eˣ) − x·y, unreduced. */
    public static Variable elementwise(Variable logit, Variable target) {
        if (!logit.shape().equals(target.shape())) {
            throw new IllegalArgumentException("BinaryCrossEntropyWithLogits: prediction has shape " + logit.shape()
                    + " but target has shape " + target.shape() + " (expected equal shapes)");
        }
        return new Primitive().apply(logit, target);
    }

    @Override
    public Variable forward(Variable logit, Variable target) {
        return reduction().reduce(elementwise(logit, target));
    }

    /** ℓ = max(x, 0) − x·y + log1p(e^(−|x|)). */
    static final class Primitive extends Operation {
        Primitive() {
            super("binaryCrossEntropyWithLogits");
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            return in[0].zipWith(in[1], "binaryCrossEntropyWithLogits",
                    (x, y) -> Math.max(x, 0.0) - x * y + Math.log1p(Math.exp(-Math.abs(x))));
        }

        @Override
        protected Variable jvp(Variable[] t) {
            // ℓ̇ = ẋ ⊙ (σ(x) − y) − ẏ ⊙ x
            Variable x = input(0);
            Variable y = input(1);
            return sumOfTangents(t[0] == null ? null : t[0].mul(x.sigmoid().sub(y)), t[1] == null ? null : t[1].mul(x).neg());
        }

        @Override
        protected Variable[] backward(Variable g) {
            Variable x = input(0);
            Variable y = input(1);
            return new Variable[] {
                needsGrad(0) ? g.mul(x.sigmoid().sub(y)) : null,
                needsGrad(1) ? g.mul(x).neg() : null};
        }
    }
}
