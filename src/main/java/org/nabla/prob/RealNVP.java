package org.nabla.prob;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A normalizing flow: a composition f = f_L ∘ … ∘ f₁ of {@link AffineCoupling} layers with alternating
 * masks, mapping data x ∈ ℝ^D to a latent z = f(x) with the standard normal prior p_Z = 𝒩(0, I).
 * By the change of variables,
 * <pre>
 *   log p_X(x) = log p_Z(f(x)) + log |det ∂f/∂x|
 *              = Σᵢ (−½ zᵢ² − ½ log 2π) + Σ_ℓ log |det ∂f_ℓ/∂h_(ℓ−1)|,
 * </pre>
 * the log-determinant of a composition being the sum of the layers' (each exact, Σ s). Sampling runs
 * the flow backwards: x = f⁻¹(z) = f₁⁻¹ ∘ … ∘ f_L⁻¹(z), z ~ 𝒩(0, I). Training maximizes the exact
 * log-likelihood (minimize −mean log p_X(x) over the data).
 *
 * <p>Source: L. Dinh, J. Sohl-Dickstein and S. Bengio, "Density estimation using Real NVP", ICLR
 * 2017, §3.1 eq. (1)–(3) and §3.5 (composing couplings with alternating masks); G. Papamakarios et
 * al., "Normalizing Flows for Probabilistic Modeling and Inference", JMLR 22 (2021), §2.
 */
public final class RealNVP extends Module {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final int dimension;
    private final List<AffineCoupling> couplings = new ArrayList<>();

    /** L couplings of ℝ^D (D ≥ 2, L ≥ 1) with alternating masks and hidden width h. */
    public RealNVP(int dimension, int layers, int hidden, Rng rng) {
        if (layers <= 0) {
            throw new IllegalArgumentException("RealNVP: the number of coupling layers must be positive, got " + layers);
        }
        if (rng == null) {
            throw new IllegalArgumentException("RealNVP: rng must not be null");
        }
        this.dimension = dimension;
        for (int l = 0; l < layers; l++) {
            couplings.add(registerModule("coupling" + l,
                    new AffineCoupling(AffineCoupling.alternatingMask(dimension, l % 2), hidden, rng)));
        }
    }

    /** The dimension D. */
    public int dimension() {
        return dimension;
    }

    /** The coupling layers f₁, …, f_L in order. */
    public List<AffineCoupling> couplings() {
        return Collections.unmodifiableList(couplings);
    }

    /** z = f(x). */
    @Override
    public Variable forward(Variable x) {
        return transform(x).value();
    }

    /** z = f(x) and log |det ∂f/∂x| = Σ_ℓ (the layers' log-determinants), one per example. */
    public AffineCoupling.Transformed transform(Variable x) {
        Variable h = x;
        Variable logDet = null;
        for (AffineCoupling c : couplings) {
            AffineCoupling.Transformed t = c.transform(h);
            h = t.value();
            logDet = logDet == null ? t.logDet() : logDet.add(t.logDet());
        }
        return new AffineCoupling.Transformed(h, logDet);
    }

    /** x = f⁻¹(z), the layers inverted in reverse order. */
    public Variable inverse(Variable z) {
        Variable h = z;
        for (int l = couplings.size() - 1; l >= 0; l--) {
            h = couplings.get(l).inverse(h);
        }
        return h;
    }

    /** log p_X(x) = log 𝒩(f(x); 0, I) + log |det ∂f/∂x|, one value per example (shape: x without its last axis). */
    public Variable logProb(Variable x) {
        AffineCoupling.Transformed t = transform(x);
        Variable logPz = t.value().square().mul(-0.5).sub(HALF_LOG_TWO_PI).sum(-1);
        return logPz.add(t.logDet());
    }

    /** n draws x = f⁻¹(z), z ~ 𝒩(0, I), shape (n, D), without a graph. */
    public Tensor sample(Rng rng, int n) {
        if (rng == null || n <= 0) {
            throw new IllegalArgumentException("RealNVP.sample: expected an rng and a positive count, got n = " + n);
        }
        try (NoGrad scope = NoGrad.enter()) {
            return inverse(Variable.constant(Tensor.randn(rng, n, dimension))).value();
        }
    }

    @Override
    protected String describe() {
        return "RealNVP(D=" + dimension + ", layers=" + couplings.size() + ")";
    }
}
