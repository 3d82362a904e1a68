package org.nabla.compress;

import java.util.List;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Multilinear;
import org.nabla.tensor.linalg.TuckerDecomposition;

/**
 * A Conv2d replaced by the Tucker-2 decomposition of its kernel: a 1×1 convolution, a k_h×k_w
 * convolution and a 1×1 convolution (Kim, Park, Yoo, Choi, Yang &amp; Shin, "Compression of deep
 * convolutional neural networks for fast and low power mobile applications", ICLR 2016, §2).
 *
 * <p>The kernel 𝒦 ∈ ℝ^(T×S×k_h×k_w) (C_out × C_in × k_h × k_w) is decomposed in its two channel modes only,
 * <pre>
 *   𝒦 ≈ 𝒞 ×₁ U⁽¹⁾ ×₂ U⁽²⁾,   U⁽¹⁾ ∈ ℝ^(T×R₄), U⁽²⁾ ∈ ℝ^(S×R₃), core 𝒞 ∈ ℝ^(R₄×R₃×k_h×k_w),
 *   K_{t,s,i,j} ≈ Σ_{r₃,r₄} C_{r₄,r₃,i,j} U⁽¹⁾_{t,r₄} U⁽²⁾_{s,r₃},
 * </pre>
 * by HOOI with the full rank in the two spatial modes (Kolda &amp; Bader, SIAM Review 51(3), 2009, §4.2,
 * whose spatial factors are then square and orthogonal and are absorbed into the core). The convolution
 * y = 𝒦 ∗ x + b then factors as
 * <pre>
 *   z = U⁽²⁾ᵀ ∗ x  (1×1, S → R₃),   z′ = 𝒞 ∗ z  (k_h×k_w, R₃ → R₄, the stride, padding and dilation of 𝒦),
 *   y = U⁽¹⁾ ∗ z′ + b  (1×1, R₄ → T),
 * </pre>
 * exactly when (R₃, R₄) = (S, T): a 1×1 channel mixing commutes with every padding mode, which only
 * reads or copies spatial samples. Parameters: S R₃ + R₃ R₄ k_h k_w + R₄ T (+ T) instead of T S k_h k_w.
 * Only groups = 1.
 *
 * @param module Sequential(1×1 conv, k_h×k_w conv, 1×1 conv)
 * @param decomposition the Tucker decomposition of the kernel (its relative error and fit)
 */
public record TuckerConv2d(Sequential module, TuckerDecomposition decomposition) {

    /**
     * Decomposes a convolution with ranks (R₃, R₄) = (inRank, outRank).
     *
     * @param conv the convolution (groups 1; not modified)
     * @param inRank R₃, 1 ≤ R₃ ≤ C_in
     * @param outRank R₄, 1 ≤ R₄ ≤ C_out
     * @param maxIterations HOOI sweeps (0: the truncated HOSVD)
     */
    public static TuckerConv2d of(Conv2d conv, int inRank, int outRank, int maxIterations) {
        if (conv.groups() != 1) {
            throw new IllegalArgumentException("TuckerConv2d: only groups = 1, got groups = " + conv.groups());
        }
        int t = conv.outChannels();
        int s = conv.inChannels();
        int[] k = conv.kernelSize();
        if (inRank < 1 || inRank > s || outRank < 1 || outRank > t) {
            throw new IllegalArgumentException("TuckerConv2d: ranks (R₃, R₄) must be in [1, " + s + "] × [1, " + t
                    + "] for Conv2d(" + s + " → " + t + "), got (" + inRank + ", " + outRank + ")");
        }
        Tensor kernel = conv.weight().value();
        int[] ranks = {outRank, inRank, Math.min(k[0], s * t * k[1]), Math.min(k[1], s * t * k[0])};
        TuckerDecomposition d = TuckerDecomposition.hooi(kernel, ranks, maxIterations, 1e-14);
        List<Tensor> f = d.factors();
        Tensor core = Multilinear.modeProducts(d.core(), java.util.Arrays.asList(null, null, f.get(2), f.get(3)));
        Rng unused = new Rng(0); // the initial values are replaced at once
        Conv2d first = Conv2d.builder(s, inRank, 1, 1).bias(false).rng(unused).build();
        first.weight().set(f.get(1).t().contiguous().reshape(inRank, s, 1, 1));
        Conv2d.Builder b = Conv2d.builder(inRank, outRank, k[0], k[1]).bias(false).stride(conv.stride()[0],
                conv.stride()[1]).dilation(conv.dilation()[0], conv.dilation()[1]).paddingMode(conv.paddingMode())
                .rng(unused);
        if (conv.samePadding()) {
            b.padding("same");
        } else {
            b.padding(conv.paddingBefore()[0], conv.paddingBefore()[1]);
        }
        Conv2d middle = b.build();
        middle.weight().set(core.contiguous());
        Conv2d last = Conv2d.builder(outRank, t, 1, 1).bias(conv.bias() != null).rng(unused).build();
        last.weight().set(f.get(0).contiguous().reshape(t, outRank, 1, 1));
        if (conv.bias() != null) {
            last.bias().set(conv.bias().value());
        }
        return new TuckerConv2d(new Sequential(first, middle, last), d);
    }

    /** The number of parameters of the three convolutions. */
    public int parameterCount() {
        return module.parameters().stream().mapToInt(p -> p.size()).sum();
    }
}
