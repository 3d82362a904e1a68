package org.nabla.tensor.linalg;

import java.util.ArrayList;
import java.util.List;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A CP (CANDECOMP/PARAFAC) decomposition 𝒳 ≈ ⟦λ; A⁽¹⁾, …, A⁽ᴺ⁾⟧ = Σ_{r=1}^{R} λᵣ a⁽¹⁾ᵣ ∘ a⁽²⁾ᵣ ∘ ⋯ ∘ a⁽ᴺ⁾ᵣ
 * with unit-norm factor columns a⁽ⁿ⁾ᵣ (Kolda &amp; Bader, SIAM Review 51(3), 2009, §3), and how
 * well it fits.
 *
 * <p><b>Alternating least squares</b> (Kolda &amp; Bader §3.4, Fig. 3.3; Carroll &amp; Chang 1970, Harshman
 * 1970): with all factors but the n-th fixed, the least-squares A⁽ⁿ⁾ of
 * min ‖X₍ₙ₎ − A⁽ⁿ⁾ (A⁽ᴺ⁾ ⊙ ⋯ ⊙ A⁽ⁿ⁺¹⁾ ⊙ A⁽ⁿ⁻¹⁾ ⊙ ⋯ ⊙ A⁽¹⁾)ᵀ‖_F is
 * <pre>
 *   V = A⁽¹⁾ᵀA⁽¹⁾ ∗ ⋯ ∗ A⁽ⁿ⁻¹⁾ᵀA⁽ⁿ⁻¹⁾ ∗ A⁽ⁿ⁺¹⁾ᵀA⁽ⁿ⁺¹⁾ ∗ ⋯ ∗ A⁽ᴺ⁾ᵀA⁽ᴺ⁾          (∗ Hadamard, R×R)
 *   A⁽ⁿ⁾ ← X₍ₙ₎ (A⁽ᴺ⁾ ⊙ ⋯ ⊙ A⁽ⁿ⁺¹⁾ ⊙ A⁽ⁿ⁻¹⁾ ⊙ ⋯ ⊙ A⁽¹⁾) V†,     λᵣ ← ‖a⁽ⁿ⁾ᵣ‖₂,  a⁽ⁿ⁾ᵣ ← a⁽ⁿ⁾ᵣ / λᵣ
 * </pre>
 * (the Gram identity (A ⊙ B)ᵀ(A ⊙ B) = AᵀA ∗ BᵀB, §2.6, makes V the normal matrix), sweeping n = 1, …, N
 * until the fit changes by less than the tolerance. The start is seeded: every A⁽ⁿ⁾ has independent
 * standard normal entries drawn from the given {@link Rng}. ALS decreases ‖𝒳 − 𝒳̂‖ monotonically but may
 * converge slowly ("swamps") or to a local minimum; the number of sweeps is reported.
 *
 * <p>Reported: relativeError = ‖𝒳 − 𝒳̂‖_F / ‖𝒳‖_F (on the reconstruction), fit = 1 − relativeError and
 * explained variance 1 − relativeError². Components are sorted by descending λ.
 *
 * @param lambda the weights λ (length R)
 * @param factors the factors A⁽ⁿ⁾ (Iₙ×R, unit-norm columns)
 * @param relativeError ‖𝒳 − 𝒳̂‖_F / ‖𝒳‖_F
 * @param iterations ALS sweeps done
 */
public record CPDecomposition(Tensor lambda, List<Tensor> factors, double relativeError, int iterations)
        implements DecompositionFit {

    /** The record with an unmodifiable copy of the factors. */
    public CPDecomposition {
        factors = List.copyOf(factors);
    }

    /** The rank R (number of components). */
    public int components() {
        return lambda.size();
    }

    /** 𝒳̂ = ⟦λ; A⁽¹⁾, …, A⁽ᴺ⁾⟧. */
    public Tensor reconstruct() {
        return Multilinear.cpTensor(lambda, factors);
    }

    /**
     * CP-ALS of rank R from a seeded Gaussian start.
     *
     * @param x a tensor of rank N ≥ 2
     * @param rank R ≥ 1
     * @param rng the source of the start
     * @param maxIterations the most sweeps
     * @param tolerance stop when the relative error changes by less than this in one sweep
     */
    public static CPDecomposition als(Tensor x, int rank, Rng rng, int maxIterations, double tolerance) {
        if (x.rank() < 2 || rank < 1 || x.size() == 0) {
            throw new IllegalArgumentException("cpAls: expected a non-empty tensor of rank ≥ 2 and R ≥ 1, got shape "
                    + x.shape() + " and R = " + rank);
        }
        List<Tensor> start = new ArrayList<>();
        for (int n = 0; n < x.rank(); n++) {
            start.add(Tensor.randn(rng, x.dim(n), rank));
        }
        return als(x, start, maxIterations, tolerance);
    }

    /**
     * CP-ALS from a given start (the A⁽ⁿ⁾ of the first sweep; A⁽¹⁾ is overwritten before it is used).
     *
     * @param x a tensor of rank N ≥ 2
     * @param start N matrices Iₙ × R
     * @param maxIterations the most sweeps
     * @param tolerance stop when the relative error changes by less than this in one sweep
     */
    public static CPDecomposition als(Tensor x, List<Tensor> start, int maxIterations, double tolerance) {
        int order = x.rank();
        if (start.size() != order) {
            throw new IllegalArgumentException("cpAls: expected " + order + " start factors for shape " + x.shape()
                    + ", got " + start.size());
        }
        int rank = start.get(0).dim(-1);
        List<Tensor> a = new ArrayList<>();
        List<Tensor> unfoldings = new ArrayList<>();
        for (int n = 0; n < order; n++) {
            Tensor f = start.get(n);
            if (f.rank() != 2 || f.dim(0) != x.dim(n) || f.dim(1) != rank) {
                throw new IllegalArgumentException("cpAls: start factor " + n + " must be " + x.dim(n) + "×" + rank
                        + " for shape " + x.shape() + ", got " + f.shape());
            }
            a.add(f);
            unfoldings.add(Multilinear.unfold(x, n));
        }
        Tensor lambda = Tensor.ones(rank);
        double previous = Double.POSITIVE_INFINITY;
        double error = Double.POSITIVE_INFINITY;
        int it = 0;
        while (it < maxIterations) {
            it++;
            for (int n = 0; n < order; n++) {
                Tensor v = Tensor.ones(rank, rank);
                for (int k = 0; k < order; k++) {
                    if (k != n) {
                        v = v.mul(a.get(k).t().matmul(a.get(k)));
                    }
                }
                Tensor m = unfoldings.get(n).matmul(Multilinear.khatriRaoExcept(a, n));
                Tensor an = m.matmul(Linalg.pinv(v));
                lambda = an.square().sum(new int[] {0}, false).sqrt();
                Tensor safe = lambda.map(l -> l == 0 ? 1 : l);
                a.set(n, an.div(safe.reshape(1, rank)));
            }
            error = Multilinear.relativeError(x, Multilinear.cpTensor(lambda, a));
            if (Math.abs(previous - error) < tolerance) {
                break;
            }
            previous = error;
        }
        return sorted(lambda, a, error, it);
    }

    /** The components in order of descending λ. */
    private static CPDecomposition sorted(Tensor lambda, List<Tensor> a, double error, int it) {
        double[] l = lambda.toArray();
        Integer[] idx = new Integer[l.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (p, q) -> Double.compare(l[q], l[p]));
        int[] order = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            order[i] = idx[i];
        }
        List<Tensor> s = new ArrayList<>();
        for (Tensor f : a) {
            s.add(f.indexSelect(1, order).contiguous());
        }
        return new CPDecomposition(lambda.indexSelect(0, order).contiguous(), s, error, it);
    }
}
