package org.nabla.tensor.linalg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nabla.tensor.Tensor;

/**
 * A Tucker decomposition 𝒳 ≈ ⟦𝒢; A⁽¹⁾, …, A⁽ᴺ⁾⟧ = 𝒢 ×₁ A⁽¹⁾ ×₂ A⁽²⁾ ⋯ ×_N A⁽ᴺ⁾ with core
 * 𝒢 ∈ ℝ^(R₁×⋯×R_N) and factors A⁽ⁿ⁾ ∈ ℝ^(Iₙ×Rₙ) with orthonormal columns (Kolda &amp; Bader, SIAM
 * Review 51(3), 2009, §4), and how well it fits.
 *
 * <p><b>Truncated HOSVD</b> (Kolda &amp; Bader Fig. 4.3; De Lathauwer, De Moor &amp; Vandewalle, "A
 * multilinear singular value decomposition", SIAM J. Matrix Anal. Appl. 21(4), 2000): A⁽ⁿ⁾ = the Rₙ leading
 * left singular vectors of X₍ₙ₎, and 𝒢 = 𝒳 ×₁ A⁽¹⁾ᵀ ⋯ ×_N A⁽ᴺ⁾ᵀ. When 𝒳 has multilinear rank
 * (R₁, …, R_N) the decomposition is exact; otherwise ‖𝒳 − 𝒳̂‖² ≤ Σₙ Σ_{i&gt;Rₙ} σᵢ(X₍ₙ₎)².
 *
 * <p><b>HOOI</b>, higher-order orthogonal iteration (Kolda &amp; Bader Fig. 4.4; De Lathauwer, De Moor
 * &amp; Vandewalle, "On the best rank-1 and rank-(R₁, R₂, …, R_N) approximation of higher-order
 * tensors", SIAM J. Matrix Anal. Appl. 21(4), 2000, §4): from the HOSVD, repeat for n = 1, …, N
 * <pre>
 *   𝒴 = 𝒳 ×₁ A⁽¹⁾ᵀ ⋯ ×_{n−1} A⁽ⁿ⁻¹⁾ᵀ ×_{n+1} A⁽ⁿ⁺¹⁾ᵀ ⋯ ×_N A⁽ᴺ⁾ᵀ,    A⁽ⁿ⁾ ← Rₙ leading left singular vectors of Y₍ₙ₎
 * </pre>
 * which maximizes ‖𝒢‖ = ‖𝒳 ×₁ A⁽¹⁾ᵀ ⋯ ×_N A⁽ᴺ⁾ᵀ‖ one factor at a time, until the fit changes by less
 * than the tolerance.
 *
 * <p>Reported: relativeError = ‖𝒳 − 𝒳̂‖_F / ‖𝒳‖_F computed on the reconstruction (not from
 * ‖𝒳‖² − ‖𝒢‖², which cancels), fit = 1 − relativeError (the Tensor Toolbox's "fit") and explained
 * variance 1 − relativeError².
 *
 * @param core the core 𝒢 (R₁×⋯×R_N)
 * @param factors the factors A⁽ⁿ⁾ (Iₙ×Rₙ, orthonormal columns)
 * @param relativeError ‖𝒳 − 𝒳̂‖_F / ‖𝒳‖_F
 * @param iterations HOOI sweeps done (0 for the HOSVD)
 */
public record TuckerDecomposition(Tensor core, List<Tensor> factors, double relativeError, int iterations)
        implements DecompositionFit {

    /** The record with an unmodifiable copy of the factors. */
    public TuckerDecomposition {
        factors = List.copyOf(factors);
    }

    /** 𝒳̂ = 𝒢 ×₁ A⁽¹⁾ ⋯ ×_N A⁽ᴺ⁾. */
    public Tensor reconstruct() {
        return Multilinear.modeProducts(core, factors);
    }

    /**
     * The truncated HOSVD of multilinear rank (R₁, …, R_N).
     *
     * @param x a tensor of rank N ≥ 2 with finite entries
     * @param ranks Rₙ for each mode, 1 ≤ Rₙ ≤ min(Iₙ, ∏_{k≠n} I_k)
     */
    public static TuckerDecomposition hosvd(Tensor x, int... ranks) {
        requireRanks(x, ranks, "hosvd");
        List<Tensor> a = new ArrayList<>();
        for (int n = 0; n < x.rank(); n++) {
            a.add(leadingLeftSingularVectors(Multilinear.unfold(x, n), ranks[n]));
        }
        return of(x, a, 0);
    }

    /**
     * Tucker by HOOI from the truncated HOSVD.
     *
     * @param x a tensor of rank N ≥ 2 with finite entries
     * @param ranks Rₙ for each mode
     * @param maxIterations the most sweeps over the modes
     * @param tolerance stop when the fit changes by less than this in one sweep
     */
    public static TuckerDecomposition hooi(Tensor x, int[] ranks, int maxIterations, double tolerance) {
        TuckerDecomposition t = hosvd(x, ranks);
        List<Tensor> a = new ArrayList<>(t.factors());
        double previous = t.relativeError();
        for (int it = 1; it <= maxIterations; it++) {
            for (int n = 0; n < x.rank(); n++) {
                List<Tensor> transposed = new ArrayList<>(Collections.nCopies(x.rank(), (Tensor) null));
                for (int k = 0; k < x.rank(); k++) {
                    if (k != n) {
                        transposed.set(k, a.get(k).t());
                    }
                }
                Tensor y = Multilinear.modeProducts(x, transposed);
                a.set(n, leadingLeftSingularVectors(Multilinear.unfold(y, n), ranks[n]));
            }
            t = of(x, a, it);
            if (Math.abs(previous - t.relativeError()) < tolerance) {
                break;
            }
            previous = t.relativeError();
        }
        return t;
    }

    /** Core 𝒢 = 𝒳 ×₁ A⁽¹⁾ᵀ ⋯ ×_N A⁽ᴺ⁾ᵀ for the given factors and the error of the reconstruction. */
    private static TuckerDecomposition of(Tensor x, List<Tensor> a, int iterations) {
        List<Tensor> transposed = new ArrayList<>();
        for (Tensor f : a) {
            transposed.add(f.t());
        }
        Tensor core = Multilinear.modeProducts(x, transposed);
        Tensor xhat = Multilinear.modeProducts(core, a);
        return new TuckerDecomposition(core, a, Multilinear.relativeError(x, xhat), iterations);
    }

    /** The r leading left singular vectors of m (its thin U, first r columns). */
    static Tensor leadingLeftSingularVectors(Tensor m, int r) {
        return SVD.of(m).u().slice(1, 0, r, 1).contiguous();
    }

    private static void requireRanks(Tensor x, int[] ranks, String op) {
        if (x.rank() < 2 || ranks.length != x.rank()) {
            throw new IllegalArgumentException(op + ": expected a tensor of rank ≥ 2 and one rank per mode, got shape "
                    + x.shape() + " and " + ranks.length + " ranks");
        }
        for (int n = 0; n < ranks.length; n++) {
            long rest = x.size() / Math.max(1, x.dim(n));
            if (ranks[n] < 1 || ranks[n] > Math.min(x.dim(n), rest)) {
                throw new IllegalArgumentException(op + ": rank " + ranks[n] + " of mode " + n + " must be in [1, "
                        + Math.min(x.dim(n), rest) + "] for shape " + x.shape());
            }
        }
    }
}
