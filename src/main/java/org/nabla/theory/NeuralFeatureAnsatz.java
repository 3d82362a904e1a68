package org.nabla.theory;

import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SymmetricEigen;

/**
 * The Neural Feature Ansatz (Radhakrishnan, Beaglehole, Pandit &amp; Belkin, Science 383, 2024, eq. 1):
 * the neural feature matrix of a layer, NFM = W₁ᵀW₁ (W₁ ∈ ℝ^(out×in)), is proportional to a power of
 * the AGOP of the network with respect to that layer's input,
 * <pre>
 *   W₁ᵀW₁ ∝ (AGOP)^α,   α = 1 in the paper's statement, α = ½ observed as often closer,
 * </pre>
 * measured by the correlation ρ(A, B) = ⟨A, B⟩_F / (‖A‖_F ‖B‖_F) (the cosine of the angle between the
 * matrices as vectors, as the authors compute it).
 */
public final class NeuralFeatureAnsatz {
    private NeuralFeatureAnsatz() {
    }

    /** The neural feature matrix W ᵀW of a weight matrix W (out, in), an in×in matrix. */
    public static Tensor neuralFeatureMatrix(Tensor w) {
        return w.transpose().matmul(w);
    }

    /** ρ(A, B) = ⟨A, B⟩_F / (‖A‖_F ‖B‖_F). */
    public static double correlation(Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("correlation: shapes differ: " + a.shape() + " vs " + b.shape());
        }
        double ab = a.flatten().dot(b.flatten());
        return ab / (a.norm() * b.norm());
    }

    /**
     * A^α = V diag(λ^α) Vᵀ for a symmetric positive semi-definite A = V diag(λ) Vᵀ (eigh); eigenvalues
     * that round to slightly negative values are clipped to 0 first. A¹ is A itself.
     */
    public static Tensor matrixPower(Tensor a, double alpha) {
        if (alpha == 1.0) {
            return a;
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        Tensor v = e.vectors();
        Tensor lam = e.values().map(x -> Math.pow(Math.max(x, 0.0), alpha));
        return v.mul(lam).matmul(v.transpose());
    }

    /** ρ(NFM, AGOP^α). */
    public static double ansatzCorrelation(Tensor nfm, Tensor agop, double alpha) {
        return correlation(nfm, matrixPower(agop, alpha));
    }
}
