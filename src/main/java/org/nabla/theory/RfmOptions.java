package org.nabla.theory;

/**
 * The settings of a Recursive Feature Machine run ({@link FeatureMachine}), as the authors' code
 * exposes them (Radhakrishnan et al., Science 383, 2024, Algorithm 1; their package {@code rfm};
 * Mallinar et al., arXiv 2407.20199, {@code train_kernel.py}). One round t is
 * <pre>
 *   α_t = (K_{M_t}(X, X) + λI)⁻¹ Y                          (ridge λ ≥ 0, direct solve)
 *   G = Σⱼ Σ_c g_jc g_jcᵀ,  g_jc = ∇f_c(xⱼ)  (− (1/n)Σⱼ g_jc when centred)
 *   A = G/n (the AGOP);  M_{t+1} = N(A^β)                  (β = agopPower: 1, or ½ as in the grokking paper)
 * </pre>
 * with N the normalisation: {@link Normalization#NONE} leaves A^β as it is (the notebook, the
 * grokking code and the library's first RFM); {@link Normalization#MAX} divides it by its largest
 * entry (the package's {@code LaplaceRFM}/{@code GaussRFM}, where G/max G = A/max A). The power is
 * taken through the symmetric eigendecomposition (eigenvalues below 0 from rounding clipped to 0).
 * Starting from M₀ = I, {@code iterations} updates are made; the predictor is fitted with every
 * M₀ … M_{T−1}, and with M_T too when {@code fitAfterLastUpdate}.
 *
 * @param kernel the kernel and its bandwidth
 * @param ridge λ ≥ 0 (0: interpolation, as in the grokking paper)
 * @param iterations T ≥ 0, the number of updates of M
 * @param centered whether the gradients are centred over the training points before the outer products
 * @param normalization what M is divided by after each update
 * @param agopPower β &gt; 0 in M ← A^β
 * @param diagonal whether M keeps only the diagonal of the update (the authors' {@code diag=True})
 * @param fitAfterLastUpdate whether a last fit is made with M_T (T + 1 fits rather than T)
 */
public record RfmOptions(RfmKernel kernel, double ridge, int iterations, boolean centered,
        Normalization normalization, double agopPower, boolean diagonal, boolean fitAfterLastUpdate) {

    /** What the new feature matrix is divided by. */
    public enum Normalization {
        /** M = A^β, the AGOP (1/n)Σ itself (or its power). */
        NONE,
        /** M = A^β / max_ab (A^β)_ab, divided by its largest entry. */
        MAX
    }

    /** Checks every setting. */
    public RfmOptions {
        if (kernel == null || normalization == null) {
            throw new IllegalArgumentException("RfmOptions: kernel and normalization must be given, got kernel " + kernel
                    + " and normalization " + normalization);
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("RfmOptions: the ridge λ must be finite and ≥ 0, got " + ridge);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("RfmOptions: iterations must be ≥ 0, got " + iterations);
        }
        if (!(agopPower > 0) || Double.isInfinite(agopPower)) {
            throw new IllegalArgumentException("RfmOptions: the AGOP power β must be positive and finite, got "
                    + agopPower);
        }
    }

    /**
     * A builder whose defaults are the Science paper's notebook, the variant {@link RecursiveFeatureMachine}
     * implements: Laplace kernel, L = 10, λ = 1e-3, 5 iterations, M ← AGOP, no centring.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with another number of iterations. */
    public RfmOptions withIterations(int t) {
        return new RfmOptions(kernel, ridge, t, centered, normalization, agopPower, diagonal, fitAfterLastUpdate);
    }

    /**
     * Builds {@link RfmOptions}; the defaults are the Science paper's notebook: Laplace kernel with L = 10,
     * λ = 1e-3, 5 iterations, no centring, no normalisation, M ← AGOP, full M, a last fit with M_T.
     */
    public static final class Builder {
        private RfmKernel kernel = new RfmKernel.Laplace(10);
        private double ridge = 1e-3;
        private int iterations = 5;
        private boolean centered;
        private Normalization normalization = Normalization.NONE;
        private double agopPower = 1;
        private boolean diagonal;
        private boolean fitAfterLastUpdate = true;

        private Builder() {
        }

        /** The kernel (with its bandwidth). */
        public Builder kernel(RfmKernel k) {
            this.kernel = k;
            return this;
        }

        /** The ridge λ ≥ 0. */
        public Builder ridge(double lambda) {
            this.ridge = lambda;
            return this;
        }

        /** The number T of updates of M. */
        public Builder iterations(int t) {
            this.iterations = t;
            return this;
        }

        /** Whether the gradients are centred before the outer products. */
        public Builder centered(boolean c) {
            this.centered = c;
            return this;
        }

        /** What M is divided by after each update. */
        public Builder normalization(Normalization n) {
            this.normalization = n;
            return this;
        }

        /** β in M ← AGOP^β (½ for the eigh-based PSD square root). */
        public Builder agopPower(double beta) {
            this.agopPower = beta;
            return this;
        }

        /** Whether only the diagonal of the update is kept. */
        public Builder diagonal(boolean d) {
            this.diagonal = d;
            return this;
        }

        /** Whether a last fit is made with M_T. */
        public Builder fitAfterLastUpdate(boolean f) {
            this.fitAfterLastUpdate = f;
            return this;
        }

        /** The options (each checked). */
        public RfmOptions build() {
            return new RfmOptions(kernel, ridge, iterations, centered, normalization, agopPower, diagonal,
                    fitAfterLastUpdate);
        }
    }
}
