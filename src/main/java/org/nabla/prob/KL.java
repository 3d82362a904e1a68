package org.nabla.prob;

import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * The Kullback–Leibler divergence KL(p ‖ q) = E_p[log p(x) − log q(x)] ≥ 0, zero iff p = q.
 *
 * <p>{@link #normalNormal(Normal, Normal)}, the closed form for diagonal Gaussians, entry by entry:
 * <pre>
 *   KL(𝒩(μ₁, σ₁²) ‖ 𝒩(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²) / (2σ₂²) − ½,
 *   and against the standard normal: KL(𝒩(μ, σ²) ‖ 𝒩(0, 1)) = ½(μ² + σ² − 1 − log σ²),
 * </pre>
 * computed with the log σ of each distribution (no log of a squared σ). Its derivatives, taken by
 * the reverse sweep, are ∂/∂μ₁ = (μ₁ − μ₂)/σ₂², ∂/∂σ₁ = σ₁/σ₂² − 1/σ₁. Sum over the entries for the
 * divergence of the joint (independent) distributions.
 *
 * <p>{@link #monteCarlo(Distribution, Distribution, Rng, int)} is the unbiased estimate
 * (1/n) Σ [log p(xᵢ) − log q(xᵢ)], xᵢ ~ p, for any pair (standard error O(1/√n)).
 *
 * <p>Sources: C. M. Bishop, Pattern Recognition and Machine Learning (2006), §1.6.1, eq. (1.113);
 * D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014, Appendix B.
 */
public final class KL {
    private KL() {
    }

    /** KL(p ‖ q) for diagonal normals, entry by entry (shape: the broadcast of both batch shapes). */
    public static Variable normalNormal(Normal p, Normal q) {
        if (p == null || q == null) {
            throw new IllegalArgumentException("KL.normalNormal: both distributions must be given");
        }
        try {
            org.nabla.tensor.Shape.broadcast(p.batchShape(), q.batchShape(), "KL.normalNormal");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("KL.normalNormal: p has batch shape " + p.batchShape()
                    + " and q has batch shape " + q.batchShape() + ", which do not broadcast together", e);
        }
        Variable varRatio = p.std().div(q.std()).square();
        Variable meanTerm = p.loc().sub(q.loc()).div(q.std()).square();
        return q.logStd().sub(p.logStd()).add(varRatio.add(meanTerm).sub(1.0).mul(0.5));
    }

    /** The Monte-Carlo estimate (1/n) Σ [log p(xᵢ) − log q(xᵢ)], xᵢ ~ p, entry by entry (no gradient). */
    public static Tensor monteCarlo(Distribution p, Distribution q, Rng rng, int n) {
        if (p == null || q == null || rng == null) {
            throw new IllegalArgumentException("KL.monteCarlo: p, q and rng must be given");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("KL.monteCarlo: the number of samples must be positive, got " + n);
        }
        try (NoGrad scope = NoGrad.enter()) {
            Tensor x = p.sample(rng, n);
            return p.logProb(x).sub(q.logProb(x)).value().mean(0);
        }
    }
}
