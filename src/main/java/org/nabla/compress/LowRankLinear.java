package org.nabla.compress;

import org.nabla.autodiff.Parameter;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SVD;

/**
 * Low-rank factorization of a Linear layer: W ≈ W_r = U_r Σ_r V_rᵀ, computed as two Linear layers.
 *
 * <p>With the SVD W = U Σ Vᵀ = Σᵢ σᵢ uᵢ vᵢᵀ of W ∈ ℝ^(out×in) (σ₁ ≥ σ₂ ≥ ⋯ ≥ σ_k, k = min(out, in)), the
 * layer y = x Wᵀ + b is replaced by the {@link Sequential}
 * <pre>
 *   x ↦ x W₁ᵀ ↦ (x W₁ᵀ) W₂ᵀ + b,     W₁ = Σ_r^{1/2} V_rᵀ ∈ ℝ^(r×in) (no bias),   W₂ = U_r Σ_r^{1/2} ∈ ℝ^(out×r),
 * </pre>
 * so W₂W₁ = U_r Σ_r V_rᵀ (the square root is split evenly between the two factors, which keeps them
 * equally scaled for fine-tuning). Parameters: r(in + out) (+ out for the bias) instead of in·out.
 *
 * <p><b>Eckart–Young–Mirsky</b> (Eckart &amp; Young, Psychometrika 1, 1936; Mirsky 1960; Golub &amp; Van
 * Loan, Matrix Computations, 4th ed., Theorem 2.4.8): W_r is a best rank-r
 * approximation in every unitarily invariant norm, and
 * <pre>
 *   ‖W − W_r‖_F = √(σ²_{r+1} + ⋯ + σ²_k),      ‖W − W_r‖₂ = σ_{r+1}   (0 when r = k).
 * </pre>
 * These are the errors reported; the output error is then ‖x(W − W_r)ᵀ‖ ≤ ‖x‖ σ_{r+1} for every input.
 *
 * @param module the factorized layer: Sequential(Linear(in→r, no bias), Linear(r→out, bias as W had))
 * @param rank r
 * @param singularValues all σᵢ of W, descending
 * @param frobeniusError √(Σ_{i&gt;r} σᵢ²)
 * @param spectralError σ_{r+1} (0 at full rank)
 */
public record LowRankLinear(Sequential module, int rank, Tensor singularValues, double frobeniusError,
        double spectralError) {

    /**
     * Factorizes a Linear layer at rank r.
     *
     * @param layer the layer (not modified)
     * @param rank 1 ≤ r ≤ min(out, in)
     */
    public static LowRankLinear of(Linear layer, int rank) {
        int in = layer.inFeatures();
        int out = layer.outFeatures();
        int k = Math.min(in, out);
        if (rank < 1 || rank > k) {
            throw new IllegalArgumentException("LowRankLinear: rank must be in [1, " + k + "] for a Linear(in=" + in
                    + ", out=" + out + "), got " + rank);
        }
        SVD svd = SVD.of(layer.weight().value());
        double[] s = svd.s().toArray();
        Tensor root = Tensor.of(java.util.Arrays.copyOf(s, rank)).sqrt();
        Tensor u = svd.u().slice(1, 0, rank, 1);
        Tensor v = svd.v().slice(1, 0, rank, 1);
        Rng unused = new Rng(0); // the initial values are replaced at once
        Linear first = new Linear(in, rank, false, unused);
        first.weight().set(v.t().mul(root.reshape(rank, 1)).contiguous());
        Parameter bias = layer.bias();
        Linear second = new Linear(rank, out, bias != null, unused);
        second.weight().set(u.mul(root.reshape(1, rank)).contiguous());
        if (bias != null) {
            second.bias().set(bias.value());
        }
        double tail = 0;
        for (int i = s.length - 1; i >= rank; i--) {
            tail += s[i] * s[i];
        }
        return new LowRankLinear(new Sequential(first, second), rank, svd.s(), Math.sqrt(tail),
                rank < s.length ? s[rank] : 0);
    }

    /** The number of parameters of the factorized module, r(in + out) (+ out with a bias). */
    public int parameterCount() {
        int n = 0;
        for (Parameter p : module.parameters()) {
            n += p.size();
        }
        return n;
    }

    /** The product W₂W₁ = U_r Σ_r V_rᵀ that the two layers compute. */
    public Tensor weight() {
        Linear first = (Linear) module.get(0);
        Linear second = (Linear) module.get(1);
        return second.weight().value().matmul(first.weight().value());
    }
}
