package org.nabla.compress;

import java.util.List;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.CPDecomposition;

/**
 * A Conv2d replaced by the CP decomposition of its kernel: a 1×1 convolution, a depthwise k_h×1
 * convolution, a depthwise 1×k_w convolution and a 1×1 convolution (Lebedev, Ganin, Rakhuba, Oseledets
 * &amp; Lempitsky, "Speeding-up convolutional neural networks using fine-tuned CP-decomposition", ICLR
 * 2015, §3).
 *
 * <p>The kernel 𝒦 ∈ ℝ^(T×S×k_h×k_w) is approximated by R rank-one terms (Kolda &amp; Bader, SIAM Review
 * 51(3), 2009, §3),
 * <pre>
 *   K_{t,s,i,j} ≈ Σ_{r=1}^{R} λᵣ A_{t,r} B_{s,r} C_{i,r} D_{j,r}      (𝒦 ≈ ⟦λ; A, B, C, D⟧, by CP-ALS),
 * </pre>
 * and y = 𝒦 ∗ x + b becomes
 * <pre>
 *   z₁ = Bᵀ ∗ x   (1×1, S → R),
 *   z₂ = C ∗ z₁   (k_h×1, depthwise: groups R; vertical stride, padding and dilation of 𝒦),
 *   z₃ = D ∗ z₂   (1×k_w, depthwise; horizontal stride, padding and dilation),
 *   y = (AΛ) ∗ z₃ + b   (1×1, R → T),
 * </pre>
 * which is exactly the convolution with the reconstructed kernel 𝒦̂ = ⟦λ; A, B, C, D⟧: 1×1 mixing commutes
 * with every padding mode, and padding the two spatial axes one after the other is padding both.
 * Parameters: R(S + k_h + k_w + T) (+ T) instead of T S k_h k_w. Only groups = 1; for padding "same" the
 * split of the padding is the one each separable convolution computes for its own axis, the same as the
 * original's.
 *
 * @param module Sequential(1×1, k_h×1 depthwise, 1×k_w depthwise, 1×1)
 * @param decomposition the CP decomposition of the kernel (its relative error and fit)
 */
public record CPConv2d(Sequential module, CPDecomposition decomposition) {

    /**
     * Decomposes a convolution by CP-ALS of rank R from a seeded start.
     *
     * @param conv the convolution (groups 1; not modified)
     * @param rank R ≥ 1
     * @param rng the start of the ALS
     * @param maxIterations the most ALS sweeps
     * @param tolerance stop when the relative error changes by less than this
     */
    public static CPConv2d of(Conv2d conv, int rank, Rng rng, int maxIterations, double tolerance) {
        if (conv.groups() != 1) {
            throw new IllegalArgumentException("CPConv2d: only groups = 1, got groups = " + conv.groups());
        }
        if (rank < 1) {
            throw new IllegalArgumentException("CPConv2d: rank must be ≥ 1, got " + rank);
        }
        return of(conv, CPDecomposition.als(conv.weight().value(), rank, rng, maxIterations, tolerance));
    }

    /**
     * The four convolutions of a given CP decomposition of the kernel of {@code conv}.
     *
     * @param conv the convolution whose geometry and bias are used (groups 1)
     * @param cp ⟦λ; A, B, C, D⟧ with A: T×R, B: S×R, C: k_h×R, D: k_w×R
     */
    public static CPConv2d of(Conv2d conv, CPDecomposition cp) {
        int t = conv.outChannels();
        int s = conv.inChannels();
        int[] k = conv.kernelSize();
        int r = cp.components();
        List<Tensor> f = cp.factors();
        int[][] expected = {{t, r}, {s, r}, {k[0], r}, {k[1], r}};
        for (int n = 0; n < 4; n++) {
            if (f.size() != 4 || f.get(n).dim(0) != expected[n][0] || f.get(n).dim(1) != r) {
                throw new IllegalArgumentException("CPConv2d: factor " + n + " must be " + expected[n][0] + "×" + r
                        + " for a kernel of shape " + conv.weight().shape() + ", got "
                        + (n < f.size() ? f.get(n).shape() : "none"));
            }
        }
        Rng unused = new Rng(0); // the initial values are replaced at once
        Conv2d first = Conv2d.builder(s, r, 1, 1).bias(false).rng(unused).build();
        first.weight().set(f.get(1).t().contiguous().reshape(r, s, 1, 1));
        Conv2d.Builder vb = Conv2d.builder(r, r, k[0], 1).groups(r).bias(false).stride(conv.stride()[0], 1)
                .dilation(conv.dilation()[0], 1).paddingMode(conv.paddingMode()).rng(unused);
        Conv2d.Builder hb = Conv2d.builder(r, r, 1, k[1]).groups(r).bias(false).stride(1, conv.stride()[1])
                .dilation(1, conv.dilation()[1]).paddingMode(conv.paddingMode()).rng(unused);
        if (conv.samePadding()) {
            vb.padding("same");
            hb.padding("same");
        } else {
            vb.padding(conv.paddingBefore()[0], 0);
            hb.padding(0, conv.paddingBefore()[1]);
        }
        Conv2d vertical = vb.build();
        vertical.weight().set(f.get(2).t().contiguous().reshape(r, 1, k[0], 1));
        Conv2d horizontal = hb.build();
        horizontal.weight().set(f.get(3).t().contiguous().reshape(r, 1, 1, k[1]));
        Conv2d last = Conv2d.builder(r, t, 1, 1).bias(conv.bias() != null).rng(unused).build();
        last.weight().set(f.get(0).mul(cp.lambda().reshape(1, r)).contiguous().reshape(t, r, 1, 1));
        if (conv.bias() != null) {
            last.bias().set(conv.bias().value());
        }
        return new CPConv2d(new Sequential(first, vertical, horizontal, last), cp);
    }

    /** The number of parameters of the four convolutions. */
    public int parameterCount() {
        return module.parameters().stream().mapToInt(p -> p.size()).sum();
    }
}
