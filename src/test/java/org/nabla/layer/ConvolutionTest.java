package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class ConvolutionTest {
    static Stream<Arguments> geometries() {
        List<Arguments> l = new ArrayList<>();
        for (int k : new int[] {1, 2, 3}) {
            for (int s : new int[] {1, 2, 3}) {
                for (int p : new int[] {0, 1}) {
                    for (int d : new int[] {1, 2}) {
                        l.add(Arguments.of(k, s, p, d));
                    }
                }
            }
        }
        return l.stream();
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void outputShapeFormula(int k, int s, int p, int d) {
        int h = 9;
        int w = 8;
        Rng rng = new Rng(1);
        Variable x = Variable.constant(Tensor.randn(rng, 2, 3, h, w));
        Variable wt = Variable.constant(Tensor.randn(rng, 4, 3, k, k));
        Variable y = Conv2d.conv2d(x, wt, null, new int[] {s, s}, new int[] {p, p}, new int[] {d, d}, 1);
        int oh = (h + 2 * p - d * (k - 1) - 1) / s + 1;
        int ow = (w + 2 * p - d * (k - 1) - 1) / s + 1;
        assertThat(y.shape().dims()).containsExactly(2, 4, oh, ow);
    }

    @Test
    void conv2dMatchesTheDefinitionDirectly() {
        Rng rng = new Rng(2);
        Tensor x = Tensor.randn(rng, 1, 2, 5, 5);
        Tensor w = Tensor.randn(rng, 3, 2, 3, 3);
        Tensor b = Tensor.randn(rng, 3);
        Tensor y = Conv2d.conv2d(Variable.constant(x), Variable.constant(w), Variable.constant(b), new int[] {2, 2},
                new int[] {1, 1}, new int[] {1, 1}, 1).value();
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double acc = b.get(o);
                    for (int c = 0; c < 2; c++) {
                        for (int a = 0; a < 3; a++) {
                            for (int e = 0; e < 3; e++) {
                                int yy = i * 2 - 1 + a;
                                int xx = j * 2 - 1 + e;
                                if (yy >= 0 && yy < 5 && xx >= 0 && xx < 5) {
                                    acc += w.get(o, c, a, e) * x.get(0, c, yy, xx);
                                }
                            }
                        }
                    }
                    assertThat(y.get(0, o, i, j)).isCloseTo(acc, org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
    }

    @Test
    void gradCheckConvolutionsAndPooling() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 2, 4, 6, 5);
        Tensor w = Tensor.randn(rng, 2, 2, 3, 2 + 1);
        Tensor b = Tensor.randn(rng, 2);
        GradCheck.check(in -> Conv2d.conv2d(in.get(0), in.get(1), in.get(2), new int[] {2, 1}, new int[] {1, 0},
                new int[] {1, 2}, 2), x, w, b).assertPassed();
        GradCheck.check(in -> Conv1d.conv1d(in.get(0), in.get(1), in.get(2), 2, 1, 1, 1), Tensor.randn(rng, 2, 3, 7),
                Tensor.randn(rng, 4, 3, 3), Tensor.randn(rng, 4)).assertPassed();
        GradCheck.check(in -> ConvTranspose2d.convTranspose2d(in.get(0), in.get(1), in.get(2), 2, 1, 1),
                Tensor.randn(rng, 1, 3, 3, 3), Tensor.randn(rng, 3, 2, 3, 3), Tensor.randn(rng, 2)).assertPassed();
        GradCheck.check(in -> MaxPool2d.maxPool2d(in.get(0), 3, 2, 1), Tensor.randn(rng, 1, 2, 6, 6)).assertPassed();
        GradCheck.check(in -> AvgPool2d.avgPool2d(in.get(0), 2, 2, 1), Tensor.randn(rng, 1, 2, 5, 5)).assertPassed();
        GradCheck.check(in -> new AdaptiveAvgPool2d(2, 3).forward(in.get(0)), Tensor.randn(rng, 1, 2, 5, 7)).assertPassed();
    }

    @Test
    void transposedConvolutionIsTheAdjointOfConvolution() {
        // <conv(x), y> = <x, convT(y)> for the same kernel (no bias)
        Rng rng = new Rng(4);
        Tensor x = Tensor.randn(rng, 1, 2, 7, 7);
        Tensor w = Tensor.randn(rng, 3, 2, 3, 3);
        Tensor cx = Conv2d.conv2d(Variable.constant(x), Variable.constant(w), null, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, 1).value();
        Tensor y = Tensor.randn(rng, cx.dims());
        Tensor ty = ConvTranspose2d.convTranspose2d(Variable.constant(y), Variable.constant(w), null, 2, 1, 0).value();
        assertThat(ty.dims()).containsExactly(1, 2, 7, 7);
        assertThat(cx.mul(y).sum().item()).isCloseTo(x.mul(ty).sum().item(), org.assertj.core.data.Offset.offset(1e-10));
    }

    @Test
    void secondDerivativesMatchFiniteDifferencesOfTheGradient() {
        // t feeds both the image and (a corner of it) the kernel, so the Hessian-vector product runs
        // every vector-Jacobian product of conv2d, of its input gradient and of its weight gradient
        Rng rng = new Rng(6);
        Tensor t0 = Tensor.randn(rng, 2, 2, 6, 5);
        Tensor c = Tensor.randn(rng, 2, 1, 3, 3);
        java.util.function.Function<Variable, Variable> f = t -> {
            Variable w = t.slice(0, 0, 1).slice(2, 0, 3).slice(3, 0, 3);
            Variable y = Conv2d.conv2d(t, w, null, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 1);
            return y.tanh().mul(Variable.constant(c)).sum();
        };
        Tensor v = Tensor.randn(rng, t0.dims());
        Tensor hv = org.nabla.autodiff.Autodiff.hvp(f, t0, v);
        double eps = 1e-5;
        Tensor fd = org.nabla.autodiff.Autodiff.grad(f, t0.add(v.mul(eps)))
                .sub(org.nabla.autodiff.Autodiff.grad(f, t0.sub(v.mul(eps)))).div(2 * eps);
        assertThat(hv.allClose(fd, 1e-6, 1e-6)).as("Hv %s against finite differences %s", hv, fd).isTrue();
        assertThat(hv.abs().sum().item()).isGreaterThan(1.0);
    }

    @Test
    void layersHaveParametersAndClearErrors() {
        Rng rng = new Rng(5);
        Conv2d conv = new Conv2d(3, 8, 5, rng);
        assertThat(conv.parameterCount()).isEqualTo(8 * 3 * 25 + 8);
        assertThat(conv.toString()).contains("Conv2d(in=3, out=8, kernel=5x5");
        assertThatThrownBy(() -> conv.forward(Variable.constant(Tensor.zeros(1, 2, 8, 8))))
                .hasMessageContaining("expected input (N, 3, H, W), got shape [1, 2, 8, 8]");
        assertThatThrownBy(() -> conv.forward(Variable.constant(Tensor.zeros(1, 3, 3, 3))))
                .hasMessageContaining("too small for kernel (5, 5)");
        assertThatThrownBy(() -> new Conv2d(3, 8, 3, 1, 0, 1, 2, true, rng)).hasMessageContaining("divisible by groups=2");
        assertThatThrownBy(() -> new MaxPool2d(2, 2, 2)).hasMessageContaining("0 ≤ padding ≤ kernel/2");
        assertThat(new MaxPool2d(2).forward(Tensor.arange(16).reshape(1, 1, 4, 4)))
                .isEqualTo(Tensor.of(new int[] {1, 1, 2, 2}, 5, 7, 13, 15));
    }
}
