package org.nabla.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nabla.compress.SameMap.assertSameMapAndInputGradient;
import static org.nabla.compress.SameMap.maxAbs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.GradCheck;
import org.nabla.layer.Conv2d;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.CPDecomposition;
import org.nabla.tensor.linalg.Multilinear;

/**
 * CP-compressed convolutions: the four convolutions compute the convolution with the reconstructed
 * kernel ⟦λ; A, B, C, D⟧ to 1e-12, forward and input gradient, for several geometries and padding
 * modes; a kernel of CP rank R is recovered by CP-ALS, so that the compressed layer is the original to
 * 1e-8; central differences through the four convolutions.
 */
class CPConv2dTest {

    /** A kernel of CP rank r. */
    private static CPDecomposition randomCp(Rng rng, int[] dims, int r) {
        List<Tensor> f = new ArrayList<>();
        for (int d : dims) {
            Tensor a = Tensor.randn(rng, d, r);
            f.add(a.div(a.square().sum(new int[] {0}, true).sqrt()));
        }
        return new CPDecomposition(Tensor.of(2.0, 1.5, 1.0).slice(0, 0, r, 1), f, 0, 0);
    }

    @Test
    void theFourConvolutionsAreTheConvolutionWithTheReconstructedKernel() {
        Rng rng = new Rng(50);
        List<Conv2d> convs = List.of(
                Conv2d.builder(3, 4, 3, 3).padding(1, 1).rng(rng).build(),
                Conv2d.builder(2, 5, 3, 2).stride(2, 1).padding(1, 1).dilation(1, 2).rng(rng).build(),
                Conv2d.builder(4, 3, 2, 3).padding("same").paddingMode("reflect").bias(false).rng(rng).build(),
                Conv2d.builder(3, 3, 3, 3).stride(1, 2).padding(2, 1).paddingMode("circular").rng(rng).build());
        for (Conv2d conv : convs) {
            CPDecomposition cp = randomCp(rng, conv.weight().value().dims(), 3);
            CPConv2d c = CPConv2d.of(conv, cp);
            Tensor saved = conv.weight().value();
            conv.weight().set(cp.reconstruct());
            assertSameMapAndInputGradient(conv, c.module(), Tensor.randn(rng, 2, conv.inChannels(), 6, 7), rng, 1e-12);
            conv.weight().set(saved);
        }
    }

    @Test
    void aKernelOfCpRankRIsRecoveredAndCompressed() {
        Rng rng = new Rng(51);
        Conv2d conv = Conv2d.builder(6, 8, 3, 3).padding(1, 1).rng(rng).build();
        CPDecomposition truth = randomCp(rng, new int[] {8, 6, 3, 3}, 3);
        conv.weight().set(Multilinear.cpTensor(truth.lambda(), truth.factors()));
        CPConv2d c = CPConv2d.of(conv, 3, new Rng(52), 3000, 1e-15);
        assertThat(c.decomposition().relativeError()).isLessThan(1e-8);
        Tensor x = Tensor.randn(rng, 1, 6, 5, 5);
        assertThat(maxAbs(c.module().forward(x).sub(conv.forward(x)))).isLessThan(1e-8 * maxAbs(conv.forward(x)));
        assertThat(c.parameterCount()).isEqualTo(3 * (6 + 3 + 3 + 8) + 8);
        GradCheck.check(in -> c.module().apply(in.get(0)), Tensor.randn(rng, 1, 6, 4, 4)).assertPassed();
        assertThatThrownBy(() -> CPConv2d.of(conv, randomCp(rng, new int[] {8, 5, 3, 3}, 2)))
                .hasMessageContaining("factor 1 must be 6×2");
    }
}
