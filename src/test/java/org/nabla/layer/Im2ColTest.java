package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.internal.SlidingWindow;
import org.nabla.tensor.Tensor;

/**
 * im2col against its definition, entry by entry, over a grid of kernels, strides, paddings and
 * dilations; and col2im as its adjoint: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for all x, c.
 */
class Im2ColTest {
    @Test
    void unfoldsEveryWindowAsDefinedAndFoldsBackAsTheAdjoint() {
        Rng rng = new Rng(7);
        int checked = 0;
        for (int k = 1; k <= 3; k++) {
            for (int s = 1; s <= 3; s++) {
                for (int p = 0; p <= 2; p++) {
                    for (int d = 1; d <= 2; d++) {
                        int n = 2;
                        int c = 2;
                        int h = 5;
                        int w = 6;
                        if (h + 2 * p - d * (k - 1) - 1 < 0 || w + 2 * p - d * (k - 1) - 1 < 0) {
                            continue;
                        }
                        Tensor x = Tensor.randn(rng, n, c, h, w);
                        double pad = -3.5;
                        Tensor cols = Im2Col.im2col(Variable.constant(x), k, k, s, s, p, p, d, d, pad).value();
                        SlidingWindow g = new SlidingWindow("test", c, h, w, k, k, s, s, p, p, d, d);
                        assertThat(cols.shape().dims()).containsExactly(n, c * k * k, g.outH * g.outW);
                        for (int b = 0; b < n; b++) {
                            for (int ch = 0; ch < c; ch++) {
                                for (int i = 0; i < k; i++) {
                                    for (int j = 0; j < k; j++) {
                                        for (int oh = 0; oh < g.outH; oh++) {
                                            for (int ow = 0; ow < g.outW; ow++) {
                                                int y = oh * s - p + i * d;
                                                int xx = ow * s - p + j * d;
                                                double expected = y < 0 || y >= h || xx < 0 || xx >= w ? pad
                                                        : x.get(b, ch, y, xx);
                                                assertThat(cols.get(b, (ch * k + i) * k + j, oh * g.outW + ow))
                                                        .as("k=%d s=%d p=%d d=%d", k, s, p, d).isEqualTo(expected);
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        // adjoint: with zero padding, ⟨im2col(x), r⟩ = ⟨x, col2im(r)⟩
                        Tensor zeroPadded = Im2Col.im2col(Variable.constant(x), k, k, s, s, p, p, d, d, 0.0).value();
                        Tensor r = Tensor.randn(rng, cols.shape().dims());
                        Tensor folded = new Col2Im(g).apply(Variable.constant(r)).value();
                        assertThat(folded.shape()).isEqualTo(x.shape());
                        double lhs = zeroPadded.mul(r).sum().item();
                        double rhs = x.mul(folded).sum().item();
                        assertThat(lhs).as("k=%d s=%d p=%d d=%d", k, s, p, d).isCloseTo(rhs,
                                org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(lhs))));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
    }
}
