package org.nabla.loss;

import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The Kullback–Leibler divergence KL(p ‖ q) with input log q and target p, as PyTorch's
 * {@code kl_div} (reduction "batchmean" by default).
 * <pre>
 *   ℓᵢ = pᵢ (ln pᵢ − ln qᵢ)   (0 where pᵢ = 0, the limit of p ln p),
 *   ∂ℓᵢ/∂(ln qᵢ) = −pᵢ,   ∂ℓᵢ/∂pᵢ = ln pᵢ + 1 − ln qᵢ   (for pᵢ &gt; 0),
 *   BATCH_MEAN:  (1/N) Σᵢ ℓᵢ — the mean of KL(pₙ ‖ qₙ) over the N rows of the batch.
 * </pre>
 * Written from primitives; where p = 0 the logarithm is taken of a masked 1, so neither the value
 * nor the derivative sees ln 0. ({@link Reduction#MEAN} divides by the number of entries instead,
 * which is not a KL divergence; PyTorch keeps it for compatibility.)
 * Source: Kullback &amp; Leibler, "On Information and Sufficiency", Ann. Math. Statist. 22 (1951);
 * Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §3.13, eq. (3.50).
 */
public final class KLDivergence extends Loss {
    /** Reduction BATCH_MEAN. */
    public KLDivergence() {
        this(Reduction.BATCH_MEAN);
    }

    /** With the given reduction. */
    public KLDivergence(Reduction reduction) {
        super(reduction);
    }

    /** KL(p ‖ q) for input ln q and target p. */
    @Override
    public Variable forward(Variable logQ, Variable p) {
        requireSameShape(logQ, p);
        Tensor positive = p.value().gt(0.0);
        Variable safeP = Variable.where(positive, p, Variable.constant(1.0));
        Variable terms = Variable.where(positive, p.mul(safeP.log().sub(logQ)), Variable.constant(0.0));
        return reduction().reduce(terms);
    }
}
