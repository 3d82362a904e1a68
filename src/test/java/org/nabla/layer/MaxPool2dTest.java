package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Max-pooling against its definition over a grid of windows, strides and paddings; the cotangent
 * routed to the maxima (shared at ties, mass conserved); NaN propagation; and second derivatives
 * through the switches.
 */
class MaxPool2dTest {
    @Test
    void equalsTheMaximumOverEveryWindow() {
        Rng rng = new Rng(11);
        for (int k = 1; k <= 3; k++) {
            for (int s = 1; s <= 3; s++) {
                for (int p = 0; p <= k / 2; p++) {
                    // rounding to quarters makes ties common
                    Tensor x = Tensor.randn(rng, 2, 3, 7, 6).mul(2).map(v -> Math.rint(v * 4) / 4);
                    Tensor y = MaxPool2d.maxPool2d(Variable.constant(x), k, s, p).value();
                    int oh = (7 + 2 * p - k) / s + 1;
                    int ow = (6 + 2 * p - k) / s + 1;
                    assertThat(y.shape().dims()).containsExactly(2, 3, oh, ow);
                    for (int n = 0; n < 2; n++) {
                        for (int c = 0; c < 3; c++) {
                            for (int i = 0; i < oh; i++) {
                                for (int j = 0; j < ow; j++) {
                                    double max = Double.NEGATIVE_INFINITY;
                                    for (int a = 0; a < k; a++) {
                                        for (int b = 0; b < k; b++) {
                                            int r = i * s - p + a;
                                            int q = j * s - p + b;
                                            if (r >= 0 && r < 7 && q >= 0 && q < 6) {
                                                max = Math.max(max, x.get(n, c, r, q));
                                            }
                                        }
                                    }
                                    assertThat(y.get(n, c, i, j)).as("k=%d s=%d p=%d", k, s, p).isEqualTo(max);
                                }
                            }
                        }
                    }
                    // every output's cotangent lands somewhere in its window: the total is conserved
                    Tensor g = Tensor.randn(rng, y.shape().dims());
                    int kk = k;
                    int ss = s;
                    int pp = p;
                    Tensor gx = Autodiff.grad(v -> MaxPool2d.maxPool2d(v, kk, ss, pp).mul(Variable.constant(g)).sum(), x);
                    assertThat(gx.sum().item()).isCloseTo(g.sum().item(), org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
    }

    @Test
    void tiesShareTheCotangentEqually() {
        Tensor x = Tensor.of(new int[] {1, 1, 2, 4}, 0, 0, 5, 1, 0, 0, 5, 5);
        Tensor gx = Autodiff.grad(v -> MaxPool2d.maxPool2d(v, 2, 2, 0).sum(), x);
        assertThat(gx.toArray()).containsExactly(0.25, 0.25, 1.0 / 3, 0, 0.25, 0.25, 1.0 / 3, 1.0 / 3);
    }

    @Test
    void aNanInAWindowMakesItsOutputNan() {
        Tensor x = Tensor.of(new int[] {1, 1, 2, 4}, 1, Double.NaN, 2, 3, 4, 5, 6, 7);
        Tensor y = MaxPool2d.maxPool2d(Variable.constant(x), 2, 2, 0).value();
        assertThat(y.get(0, 0, 0, 0)).isNaN();
        assertThat(y.get(0, 0, 0, 1)).isEqualTo(7.0);
        Tensor gx = Autodiff.grad(v -> MaxPool2d.maxPool2d(v, 2, 2, 0).sum(), x);
        assertThat(gx.toArray()).containsExactly(0, 1, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void secondDerivativesFlowThroughTheSwitches() {
        // f(x) = Σ maxpool(x)², windows 2×2 not overlapping, values distinct:
        // ∇²f v = 2 · 1[x is its window's max] ⊙ v
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 1, 2, 4, 4);
        Tensor v = Tensor.randn(rng, 1, 2, 4, 4);
        Tensor hv = Autodiff.hvp(t -> MaxPool2d.maxPool2d(t, 2, 2, 0).square().sum(), x, v);
        Tensor mask = Autodiff.grad(t -> MaxPool2d.maxPool2d(t, 2, 2, 0).sum(), x);
        Tensor expected = mask.mul(v).mul(2);
        for (int i = 0; i < 32; i++) {
            assertThat(hv.toArray()[i]).isCloseTo(expected.toArray()[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
