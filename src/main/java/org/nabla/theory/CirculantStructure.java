package org.nabla.theory;

import org.nabla.tensor.Tensor;

/**
 * How circulant a feature matrix has become, the structure Mallinar et al. ("Emergence in non-neural
 * models: grokking modular arithmetic via average gradient outer product", arXiv 2407.20199, 2024,
 * §3 and Fig. 3) see RFM and neural networks learn for modular addition. For a p×p block B, with
 * B₀ = B − mean(B):
 * <pre>
 *   (P_circ B₀)ᵢⱼ = mean of B₀ over the wrapped diagonal {(k, l) : (k − l) mod p = (i − j) mod p}
 *   circulant fraction = ‖P_circ B₀‖²_F / ‖B₀‖²_F ∈ [0, 1]
 * </pre>
 * P_circ is the orthogonal projection onto the circulant matrices, so the fraction is 1 exactly for
 * a circulant B and about 1/p for noise. The Hankel fraction uses (i + j) mod p instead, the
 * symmetry of a matrix Bᵢⱼ = h(i + j): the wrong one for x + y, and so a control. For an input
 * [onehot(a), onehot(b)] ∈ ℝ²ᵖ the a–b cross block is M[0:p, p:2p]; the block-circulant fraction
 * pools all four p×p blocks (each with its own mean removed). A block that is constant has B₀ = 0
 * and the fraction 0/0 = NaN (the cross block of M = I).
 */
public final class CirculantStructure {
    private CirculantStructure() {
    }

    /** ‖P_circ B₀‖²/‖B₀‖² of a square block. */
    public static double circulantFraction(Tensor block) {
        double[] s = sums(block, false);
        return s[0] / s[1];
    }

    /** ‖P_Hankel B₀‖²/‖B₀‖², the same with (i + j) mod p. */
    public static double hankelFraction(Tensor block) {
        double[] s = sums(block, true);
        return s[0] / s[1];
    }

    /** The circulant fraction of the cross block M[0:p, p:2p] of a 2p×2p matrix. */
    public static double crossBlockCirculantFraction(Tensor m) {
        int p = half(m);
        return circulantFraction(m.slice(0, 0, p).slice(1, p, 2 * p));
    }

    /** The Hankel fraction of the cross block M[0:p, p:2p]. */
    public static double crossBlockHankelFraction(Tensor m) {
        int p = half(m);
        return hankelFraction(m.slice(0, 0, p).slice(1, p, 2 * p));
    }

    /** Σ_blocks ‖P_circ B₀‖² / Σ_blocks ‖B₀‖² over the four p×p blocks of a 2p×2p matrix. */
    public static double blockCirculantFraction(Tensor m) {
        int p = half(m);
        double num = 0;
        double den = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double[] s = sums(m.slice(0, r * p, (r + 1) * p).slice(1, c * p, (c + 1) * p), false);
                num += s[0];
                den += s[1];
            }
        }
        return num / den;
    }

    /** {‖P B₀‖², ‖B₀‖²}. */
    private static double[] sums(Tensor b, boolean hankel) {
        if (b.rank() != 2 || b.dim(0) != b.dim(1) || b.dim(0) == 0) {
            throw new IllegalArgumentException("CirculantStructure: expected a non-empty square block, got " + b.shape());
        }
        int p = b.dim(0);
        double[] v = b.contiguous().toArray();
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double[] diag = new double[p];
        double total = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double x = v[i * p + j] - mean;
                diag[hankel ? (i + j) % p : Math.floorMod(i - j, p)] += x;
                total += x * x;
            }
        }
        double proj = 0;
        for (double s : diag) {
            proj += s * s / p; // each wrapped diagonal has p entries, all equal to s/p
        }
        return new double[] {proj, total};
    }

    private static int half(Tensor m) {
        if (m.rank() != 2 || m.dim(0) != m.dim(1) || m.dim(0) % 2 != 0 || m.dim(0) == 0) {
            throw new IllegalArgumentException("CirculantStructure: expected a 2p×2p matrix, got " + m.shape());
        }
        return m.dim(0) / 2;
    }
}
