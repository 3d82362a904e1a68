package org.nabla.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nabla.compress.SameMap.assertSameMapAndInputGradient;
import static org.nabla.compress.SameMap.maxAbs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.GradCheck;
import org.nabla.layer.Conv2d;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Multilinear;

/**
 * Tucker-2 compressed convolutions: at full rank the same map and the same input gradient as the
 * original to 1e-12 (several geometries and padding modes); below it, the output error is that of the
 * reconstructed kernel; central differences through the three convolutions.
 */
class TuckerConv2dTest {

    private static List<Conv2d> convolutions() {
        Rng rng = new Rng(40);
        return List.of(
                Conv2d.builder(3, 4, 3, 3).padding(1, 1).rng(rng).build(),
                Conv2d.builder(2, 5, 3, 2).stride(2, 1).padding(1, 0).dilation(1, 2).rng(rng).build(),
                Conv2d.builder(4, 3, 2, 3).padding("same").paddingMode("reflect").bias(false).rng(rng).build(),
                Conv2d.builder(3, 3, 3, 3).padding(2, 1).paddingMode("circular").rng(rng).build());
    }

    @Test
    void fullRankIsTheSameConvolutionForwardAndBackward() {
        Rng rng = new Rng(41);
        for (Conv2d conv : convolutions()) {
            TuckerConv2d c = TuckerConv2d.of(conv, conv.inChannels(), conv.outChannels(), 2);
            assertThat(c.decomposition().relativeError()).isLessThan(1e-14);
            assertSameMapAndInputGradient(conv, c.module(), Tensor.randn(rng, 2, conv.inChannels(), 6, 7), rng, 1e-12);
        }
    }

    @Test
    void truncatedRanksCompressWithTheKernelsError() {
        Rng rng = new Rng(42);
        Conv2d conv = Conv2d.builder(6, 8, 3, 3).padding(1, 1).rng(rng).build();
        TuckerConv2d c = TuckerConv2d.of(conv, 3, 4, 20);
        assertThat(c.parameterCount()).isEqualTo(6 * 3 + 3 * 4 * 9 + 4 * 8 + 8);
        assertThat(c.parameterCount()).isLessThan(8 * 6 * 9 + 8);
        Tensor k = conv.weight().value();
        Tensor khat = c.decomposition().reconstruct();
        assertThat(c.decomposition().relativeError()).isCloseTo(k.sub(khat).norm() / k.norm(), within(1e-13));
        // the compressed layer is the convolution with the reconstructed kernel
        Conv2d approx = Conv2d.builder(6, 8, 3, 3).padding(1, 1).rng(new Rng(0)).build();
        approx.weight().set(khat);
        approx.bias().set(conv.bias().value());
        Tensor x = Tensor.randn(rng, 1, 6, 5, 5);
        assertThat(maxAbs(c.module().forward(x).sub(approx.forward(x)))).isLessThan(1e-12);
        // the 1×1 factors have orthonormal columns
        Tensor u = Multilinear.unfold(((Conv2d) c.module().get(2)).weight().value(), 1).t();
        assertThat(maxAbs(u.t().matmul(u).sub(Tensor.eye(4)))).isLessThan(1e-13);
        GradCheck.check(in -> c.module().apply(in.get(0)), Tensor.randn(rng, 1, 6, 4, 4)).assertPassed();
        assertThatThrownBy(() -> TuckerConv2d.of(conv, 7, 4, 0)).hasMessageContaining("[1, 6]");
    }
}
