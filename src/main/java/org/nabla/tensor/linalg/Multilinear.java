package org.nabla.tensor.linalg;

import java.util.List;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The operations of multilinear algebra on which tensor decompositions are built, in the notation of
 * Kolda &amp; Bader, "Tensor Decompositions and Applications", SIAM Review 51(3), 2009, §2.
 *
 * <p><b>Mode-n unfolding</b> (matricization, §2.4): for 𝒳 ∈ ℝ^(I₁×I₂×⋯×I_N), X₍ₙ₎ ∈ ℝ^(Iₙ × ∏_{k≠n} I_k)
 * maps the element (i₁, …, i_N) to row iₙ and column
 * <pre>
 *   j = Σ_{k≠n} i_k J_k,     J_k = ∏_{m&lt;k, m≠n} I_m        (indices from 0 here; from 1 in the paper)
 * </pre>
 * so the first of the remaining indices varies fastest (NumPy:
 * {@code np.reshape(np.moveaxis(X, n, 0), (I_n, -1), order='F')}). {@link #fold} is its inverse.
 *
 * <p><b>n-mode product</b> (§2.5): for U ∈ ℝ^(J×Iₙ), 𝒴 = 𝒳 ×ₙ U ∈ ℝ^(I₁×⋯×I_{n−1}×J×I_{n+1}×⋯×I_N),
 * <pre>
 *   (𝒳 ×ₙ U)_{i₁⋯i_{n−1} j i_{n+1}⋯i_N} = Σ_{iₙ} x_{i₁i₂⋯i_N} u_{j iₙ},    equivalently  Y₍ₙ₎ = U X₍ₙ₎.
 * </pre>
 *
 * <p><b>Khatri–Rao product</b> (§2.6): for A ∈ ℝ^(I×K) and B ∈ ℝ^(J×K), the column-wise Kronecker product
 * A ⊙ B = [a₁ ⊗ b₁ ⋯ a_K ⊗ b_K] ∈ ℝ^(IJ×K), (A ⊙ B)_{iJ+j, k} = a_{ik} b_{jk}. With these conventions a
 * CP tensor ⟦λ; A⁽¹⁾, …, A⁽ᴺ⁾⟧ has X₍ₙ₎ = A⁽ⁿ⁾ Λ (A⁽ᴺ⁾ ⊙ ⋯ ⊙ A⁽ⁿ⁺¹⁾ ⊙ A⁽ⁿ⁻¹⁾ ⊙ ⋯ ⊙ A⁽¹⁾)ᵀ (§3).
 *
 * <p>Axes are numbered from 0 in the code (mode n of the paper is axis n − 1).
 */
public final class Multilinear {
    private Multilinear() {
    }

    /**
     * The mode-n unfolding X₍ₙ₎ (Kolda &amp; Bader §2.4).
     *
     * @param x a tensor with at least one axis
     * @param n the mode, 0 ≤ n &lt; rank
     * @return the Iₙ × ∏_{k≠n} I_k matrix
     */
    public static Tensor unfold(Tensor x, int n) {
        requireMode(x.rank(), n, "unfold", x.shape());
        int rows = x.dim(n);
        int cols = rows == 0 ? 0 : x.size() / rows;
        return x.permute(unfoldingOrder(x.rank(), n)).contiguous().reshape(rows, cols);
    }

    /**
     * The inverse of {@link #unfold}: the tensor of the given dims whose mode-n unfolding is {@code m}.
     *
     * @param m an Iₙ × ∏_{k≠n} I_k matrix
     * @param n the mode
     * @param dims the dims of the result
     */
    public static Tensor fold(Tensor m, int n, int... dims) {
        requireMode(dims.length, n, "fold", Shape.of(dims));
        Matrices.require2d(m, "fold");
        long rest = 1;
        for (int k = 0; k < dims.length; k++) {
            rest *= k == n ? 1 : dims[k];
        }
        if (m.dim(0) != dims[n] || m.dim(1) != rest) {
            throw new IllegalArgumentException("fold: a mode-" + n + " unfolding of " + Shape.of(dims) + " is "
                    + dims[n] + "×" + rest + ", got " + m.shape());
        }
        int[] order = unfoldingOrder(dims.length, n);
        int[] permuted = new int[dims.length];
        for (int k = 0; k < dims.length; k++) {
            permuted[k] = dims[order[k]];
        }
        int[] inverse = new int[dims.length];
        for (int k = 0; k < dims.length; k++) {
            inverse[order[k]] = k;
        }
        return m.contiguous().reshape(permuted).permute(inverse).contiguous();
    }

    /**
     * The n-mode product 𝒳 ×ₙ U, computed as Y₍ₙ₎ = U X₍ₙ₎ (Kolda &amp; Bader §2.5).
     *
     * @param x a tensor
     * @param u a J × Iₙ matrix
     * @param n the mode
     */
    public static Tensor modeProduct(Tensor x, Tensor u, int n) {
        requireMode(x.rank(), n, "modeProduct", x.shape());
        Matrices.require2d(u, "modeProduct");
        if (u.dim(1) != x.dim(n)) {
            throw new IllegalArgumentException("modeProduct: U must have " + x.dim(n) + " columns (dim " + n + " of "
                    + x.shape() + "), got " + u.shape());
        }
        int[] dims = x.dims();
        dims[n] = u.dim(0);
        return fold(u.matmul(unfold(x, n)), n, dims);
    }

    /**
     * 𝒳 ×₁ U⁽¹⁾ ×₂ U⁽²⁾ ⋯ ×_N U⁽ᴺ⁾ over all modes; a {@code null} entry skips its mode.
     *
     * @param x a tensor of rank N
     * @param u N matrices (or nulls), U⁽ⁿ⁾ with Iₙ columns
     */
    public static Tensor modeProducts(Tensor x, List<Tensor> u) {
        if (u.size() != x.rank()) {
            throw new IllegalArgumentException("modeProducts: expected " + x.rank() + " matrices for a tensor of shape "
                    + x.shape() + ", got " + u.size());
        }
        Tensor y = x;
        for (int n = 0; n < u.size(); n++) {
            if (u.get(n) != null) {
                y = modeProduct(y, u.get(n), n);
            }
        }
        return y;
    }

    /**
     * The Khatri–Rao product A ⊙ B = [a₁ ⊗ b₁ ⋯ a_K ⊗ b_K] (Kolda &amp; Bader §2.6).
     *
     * @param a an I×K matrix
     * @param b a J×K matrix
     * @return the IJ×K matrix with entries a_{ik} b_{jk} in row iJ + j
     */
    public static Tensor khatriRao(Tensor a, Tensor b) {
        Matrices.require2d(a, "khatriRao");
        Matrices.require2d(b, "khatriRao");
        if (a.dim(1) != b.dim(1)) {
            throw new IllegalArgumentException("khatriRao: the factors need the same number of columns, got "
                    + a.shape() + " ⊙ " + b.shape());
        }
        return a.unsqueeze(1).mul(b.unsqueeze(0)).contiguous().reshape(a.dim(0) * b.dim(0), a.dim(1));
    }

    /**
     * A⁽ᴺ⁾ ⊙ ⋯ ⊙ A⁽ⁿ⁺¹⁾ ⊙ A⁽ⁿ⁻¹⁾ ⊙ ⋯ ⊙ A⁽¹⁾: the Khatri–Rao product of all factors but the n-th, in the
     * order that matches X₍ₙ₎ (Kolda &amp; Bader §3.4 and Fig. 3.3).
     */
    public static Tensor khatriRaoExcept(List<Tensor> factors, int n) {
        Tensor r = null;
        for (int k = factors.size() - 1; k >= 0; k--) {
            if (k != n) {
                r = r == null ? factors.get(k) : khatriRao(r, factors.get(k));
            }
        }
        if (r == null) {
            throw new IllegalArgumentException("khatriRaoExcept: need at least two factors, got " + factors.size());
        }
        return r;
    }

    /**
     * The full tensor of a CP model ⟦λ; A⁽¹⁾, …, A⁽ᴺ⁾⟧ = Σᵣ λᵣ a⁽¹⁾ᵣ ∘ ⋯ ∘ a⁽ᴺ⁾ᵣ (Kolda &amp; Bader §3), as
     * the fold of X₍₁₎ = A⁽¹⁾ Λ (A⁽ᴺ⁾ ⊙ ⋯ ⊙ A⁽²⁾)ᵀ.
     *
     * @param lambda the R weights
     * @param factors N ≥ 2 matrices Iₙ × R
     */
    public static Tensor cpTensor(Tensor lambda, List<Tensor> factors) {
        int[] dims = new int[factors.size()];
        for (int k = 0; k < dims.length; k++) {
            Matrices.require2d(factors.get(k), "cpTensor");
            if (factors.get(k).dim(1) != lambda.size()) {
                throw new IllegalArgumentException("cpTensor: factor " + k + " has shape " + factors.get(k).shape()
                        + ", expected " + lambda.size() + " columns (the length of λ)");
            }
            dims[k] = factors.get(k).dim(0);
        }
        Tensor first = factors.get(0).mul(lambda.reshape(1, lambda.size()));
        return fold(first.matmul(khatriRaoExcept(factors, 0).t()), 0, dims);
    }

    /** The axis order that, read row-major, lists index n first and then the others last-to-first. */
    private static int[] unfoldingOrder(int rank, int n) {
        int[] order = new int[rank];
        order[0] = n;
        int p = 1;
        for (int k = rank - 1; k >= 0; k--) {
            if (k != n) {
                order[p++] = k;
            }
        }
        return order;
    }

    private static void requireMode(int rank, int n, String op, Shape shape) {
        if (n < 0 || n >= rank) {
            throw new IllegalArgumentException(op + ": mode " + n + " out of range for shape " + shape
                    + " (0 ≤ n < " + rank + ")");
        }
    }

    /** ‖a − b‖_F / ‖a‖_F (0 when a = 0 = b). */
    static double relativeError(Tensor a, Tensor b) {
        double na = a.norm();
        double d = a.sub(b).norm();
        return na == 0 ? d : d / na;
    }
}
