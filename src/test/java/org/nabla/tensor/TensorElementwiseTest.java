package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TensorElementwiseTest {
    private static final Rng RNG = new Rng(20240601);

    /** A reference broadcast: out[idx] = f(a[idx mapped], b[idx mapped]) by explicit index arithmetic. */
    private static Tensor naiveBroadcast(Tensor a, Tensor b, DoubleBinaryOperator f) {
        Shape out = Shape.broadcast(a.shape(), b.shape(), "test");
        int r = out.rank();
        double[] res = new double[out.size()];
        int[] idx = new int[r];
        for (int q = 0; q < res.length; q++) {
            int rem = q;
            for (int ax = r - 1; ax >= 0; ax--) {
                idx[ax] = rem % out.dim(ax);
                rem /= out.dim(ax);
            }
            res[q] = f.applyAsDouble(a.get(project(idx, a.shape())), b.get(project(idx, b.shape())));
        }
        return Tensor.of(out, res);
    }

    private static int[] project(int[] idx, Shape s) {
        int[] p = new int[s.rank()];
        int shift = idx.length - s.rank();
        for (int i = 0; i < p.length; i++) {
            p[i] = s.dim(i) == 1 ? 0 : idx[i + shift];
        }
        return p;
    }

    private static final int[][][] BROADCASTABLE = {
        {{2, 1, 4}, {3, 1}},
        {{3, 4}, {4}},
        {{3, 4}, {3, 1}},
        {{5}, {}},
        {{}, {2, 2}},
        {{1, 3}, {2, 1}},
        {{2, 3, 4}, {2, 3, 4}},
        {{4, 1, 1}, {1, 5, 2}},
        {{0, 3}, {1, 3}},
        {{2, 1, 3, 1}, {4, 1, 5}},
    };

    @Test
    void broadcastShapesAndValues() {
        Tensor a = Tensor.randn(RNG, 2, 1, 4);
        Tensor b = Tensor.randn(RNG, 3, 1);
        Tensor s = a.add(b);
        assertThat(s.shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(s.get(1, 2, 3)).isEqualTo(a.get(1, 0, 3) + b.get(2, 0));
        for (int[][] pair : BROADCASTABLE) {
            Tensor x = Tensor.randn(RNG, pair[0]).add(0.5);
            Tensor y = Tensor.randn(RNG, pair[1]).add(0.5);
            assertThat(x.add(y)).isEqualTo(naiveBroadcast(x, y, Double::sum));
            assertThat(x.sub(y)).isEqualTo(naiveBroadcast(x, y, (p, q) -> p - q));
            assertThat(x.mul(y)).isEqualTo(naiveBroadcast(x, y, (p, q) -> p * q));
            assertThat(x.div(y)).isEqualTo(naiveBroadcast(x, y, (p, q) -> p / q));
            assertThat(x.abs().pow(y)).isEqualTo(naiveBroadcast(x.abs(), y, Math::pow));
            assertThat(x.maximum(y)).isEqualTo(naiveBroadcast(x, y, Math::max));
            assertThat(x.minimum(y)).isEqualTo(naiveBroadcast(x, y, Math::min));
            assertThat(x.lt(y)).isEqualTo(naiveBroadcast(x, y, (p, q) -> p < q ? 1 : 0));
            assertThat(x.zipWith(y, "hypot", Math::hypot)).isEqualTo(naiveBroadcast(x, y, Math::hypot));
        }
    }

    @Test
    void operandsOfEveryLayoutGiveTheSameResult() {
        Tensor base = Tensor.randn(RNG, 4, 6);
        Tensor[] layouts = {
            base,
            base.t().contiguous().t(),          // transposed storage
            Tensor.randn(RNG, 4, 12).slice(1, 0, 12, 2).mul(0).add(base), // contiguous copy
            Tensor.zeros(6, 8, 2).slice(2, 1, 2).squeeze(2).slice(1, 1, 5).t().add(base), // copies again
            Tensor.concat(0, base, base).slice(0, 4, 8), // a view with an offset
        };
        Tensor bias = Tensor.randn(RNG, 6);
        Tensor col = Tensor.randn(RNG, 4, 1);
        for (Tensor x : layouts) {
            assertThat(x).isEqualTo(base);
            assertThat(x.add(bias)).isEqualTo(naiveBroadcast(base, bias, Double::sum));
            assertThat(bias.sub(x)).isEqualTo(naiveBroadcast(bias, base, (p, q) -> p - q));
            assertThat(x.mul(col)).isEqualTo(naiveBroadcast(base, col, (p, q) -> p * q));
            assertThat(x.div(Tensor.scalar(3))).isEqualTo(naiveBroadcast(base, Tensor.scalar(3), (p, q) -> p / q));
            for (Tensor y : layouts) {
                assertThat(x.add(y)).isEqualTo(base.mul(2.0));
                assertThat(x.sub(y).abs().max().item()).isZero();
            }
        }
        // broadcast views as operands
        Tensor bv = bias.broadcastTo(4, 6);
        assertThat(base.add(bv)).isEqualTo(base.add(bias));
        assertThat(bv.add(base)).isEqualTo(base.add(bias));
        assertThat(bv.mul(col.broadcastTo(4, 6))).isEqualTo(naiveBroadcast(bias, col, (p, q) -> p * q));
    }

    @Test
    void additionAndMultiplicationCommuteUnderBroadcasting() {
        for (int[][] pair : BROADCASTABLE) {
            Tensor x = Tensor.randn(RNG, pair[0]);
            Tensor y = Tensor.randn(RNG, pair[1]);
            assertThat(x.add(y)).isEqualTo(y.add(x));
            assertThat(x.mul(y)).isEqualTo(y.mul(x));
            assertThat(x.maximum(y)).isEqualTo(y.maximum(x));
            assertThat(x.eq(y)).isEqualTo(y.eq(x));
        }
    }

    @Test
    void broadcastFailureNamesOperationShapesAndAxis() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4);
        assertThatThrownBy(() -> a.add(b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: shapes [2, 3] and [4] cannot be broadcast: axis -1 has sizes 3 and 4"
                        + " (expected equal sizes or one of them 1)");
        assertThatThrownBy(() -> a.mul(Tensor.zeros(3, 3)))
                .hasMessage("mul: shapes [2, 3] and [3, 3] cannot be broadcast: axis -2 has sizes 2 and 3"
                        + " (expected equal sizes or one of them 1)");
        assertThatThrownBy(() -> a.sub(b)).hasMessageStartingWith("sub: shapes [2, 3] and [4]");
        assertThatThrownBy(() -> a.div(b)).hasMessageStartingWith("div: shapes");
        assertThatThrownBy(() -> a.pow(b)).hasMessageStartingWith("pow: shapes");
        assertThatThrownBy(() -> a.maximum(b)).hasMessageStartingWith("maximum: shapes");
        assertThatThrownBy(() -> a.zipWith(b, "atan2", Math::atan2)).hasMessageStartingWith("atan2: shapes");
        assertThatThrownBy(() -> Tensor.where(Tensor.zeros(2), a, Tensor.zeros(3)))
                .hasMessageStartingWith("where: shapes [2] and [2, 3] cannot be broadcast: axis -1 has sizes 2 and 3");
    }

    @Test
    void comparisons() {
        Tensor a = Tensor.of(1, 2, 3, Double.NaN);
        Tensor b = Tensor.of(3, 2, 1, Double.NaN);
        assertThat(a.eq(b).toArray()).containsExactly(0, 1, 0, 0);
        assertThat(a.ne(b).toArray()).containsExactly(1, 0, 1, 1);
        assertThat(a.lt(b).toArray()).containsExactly(1, 0, 0, 0);
        assertThat(a.le(b).toArray()).containsExactly(1, 1, 0, 0);
        assertThat(a.gt(b).toArray()).containsExactly(0, 0, 1, 0);
        assertThat(a.ge(b).toArray()).containsExactly(0, 1, 1, 0);
        assertThat(a.gt(1.5).toArray()).containsExactly(0, 1, 1, 0);
        assertThat(a.lt(2.5).toArray()).containsExactly(1, 1, 0, 0);
        assertThat(a.maximum(b).toArray()).containsExactly(3, 2, 3, Double.NaN);
        assertThat(Tensor.of(1).maximum(Tensor.of(Double.NaN)).item()).isNaN();
        assertThat(Tensor.of(Double.NaN).minimum(Tensor.of(1)).item()).isNaN();
    }

    @Test
    void scalarOperands() {
        Tensor a = Tensor.of(1, -2, 4);
        assertThat(a.add(1).toArray()).containsExactly(2, -1, 5);
        assertThat(a.sub(1).toArray()).containsExactly(0, -3, 3);
        assertThat(a.mul(2).toArray()).containsExactly(2, -4, 8);
        assertThat(a.div(2).toArray()).containsExactly(0.5, -1, 2);
        assertThat(a.pow(2).toArray()).containsExactly(1, 4, 16);
        assertThat(a.pow(3).toArray()).containsExactly(1, -8, 64);
        assertThat(a.pow(0.5).select(0, 2).item()).isEqualTo(2.0);
        assertThat(a.add(Tensor.scalar(1))).isEqualTo(a.add(1));
    }

    @Test
    void unaryOpsMatchMath() {
        double[] v = {-3.5, -1, -0.25, 0, 0.3, 1, 2.75, 40};
        Tensor t = Tensor.of(v).reshape(2, 4);
        check(t, Tensor::neg, x -> -x);
        check(t, Tensor::abs, Math::abs);
        check(t, Tensor::exp, Math::exp);
        check(t, Tensor::expm1, Math::expm1);
        check(t, Tensor::square, x -> x * x);
        check(t, Tensor::reciprocal, x -> 1 / x);
        check(t, Tensor::sin, Math::sin);
        check(t, Tensor::cos, Math::cos);
        check(t, Tensor::tanh, Math::tanh);
        check(t, Tensor::sign, Math::signum);
        check(t, Tensor::relu, x -> Math.max(x, 0));
        check(t, Tensor::erf, SpecialFunctions::erf);
        check(t, x -> x.clip(-1, 2), x -> Math.min(Math.max(x, -1), 2));
        check(t, x -> x.map(Math::cbrt), Math::cbrt);
        Tensor p = t.abs().add(0.5);
        check(p, Tensor::log, Math::log);
        check(p, Tensor::log1p, Math::log1p);
        check(p, Tensor::sqrt, Math::sqrt);
        // unary ops on a non-contiguous view
        Tensor tv = t.t();
        assertThat(tv.exp()).isEqualTo(t.exp().t());
        assertThat(tv.exp().shape()).isEqualTo(Shape.of(4, 2));
        assertThatThrownBy(() -> t.clip(2, 1)).hasMessage("clip: expected low ≤ high, got low = 2.0, high = 1.0");
    }

    @Test
    void reluPropagatesNaN() {
        assertThat(Tensor.of(Double.NaN, -1, 2).relu().toArray()).containsExactly(Double.NaN, 0, 2);
    }

    private static void check(Tensor t, UnaryOperator<Tensor> op, DoubleUnaryOperator f) {
        Tensor r = op.apply(t);
        assertThat(r.shape()).isEqualTo(t.shape());
        double[] in = t.toArray();
        double[] out = r.toArray();
        for (int i = 0; i < in.length; i++) {
            assertThat(out[i]).isEqualTo(f.applyAsDouble(in[i]));
        }
    }

    @Test
    void sigmoidIsStableAtBothEnds() {
        Tensor s = Tensor.of(-1000, -40, 0, 40, 1000).sigmoid();
        double[] v = s.toArray();
        assertThat(v[0]).isEqualTo(0.0);
        assertThat(v[1]).isCloseTo(Math.exp(-40), org.assertj.core.api.Assertions.withinPercentage(1e-10));
        assertThat(v[2]).isEqualTo(0.5);
        assertThat(v[3]).isEqualTo(1.0);
        assertThat(v[4]).isEqualTo(1.0);
        for (double x : v) {
            assertThat(x).isNotNaN();
        }
        for (double x = -30; x <= 30; x += 0.7) {
            assertThat(Tensor.sigmoid(x)).isCloseTo(1 / (1 + Math.exp(-x)),
                    org.assertj.core.api.Assertions.within(1e-15));
            assertThat(Tensor.sigmoid(x) + Tensor.sigmoid(-x)).isCloseTo(1.0,
                    org.assertj.core.api.Assertions.within(1e-15));
        }
    }

    @Test
    void where() {
        Tensor c = Tensor.of(1, 0, 1);
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.scalar(-1);
        assertThat(Tensor.where(c, a, b).toArray2d()).isDeepEqualTo(new double[][] {{1, -1, 3}, {4, -1, 6}});
        Tensor col = Tensor.of(Shape.of(2, 1), 0, 1);
        assertThat(Tensor.where(col, a, b).toArray2d()).isDeepEqualTo(new double[][] {{-1, -1, -1}, {4, 5, 6}});
        assertThat(Tensor.where(Tensor.of(Double.NaN), Tensor.of(1), Tensor.of(2)).item()).isEqualTo(1.0);
    }

    @Test
    void resultsAreNewTensors() {
        Tensor a = Tensor.of(1, 2, 3);
        Tensor b = Tensor.of(1, 1, 1);
        BinaryOperator<Tensor> add = Tensor::add;
        Tensor s = add.apply(a, b);
        assertThat(s.data).isNotSameAs(a.data).isNotSameAs(b.data);
        assertThat(a.toArray()).containsExactly(1, 2, 3);
        assertThat(a.neg().data).isNotSameAs(a.data);
    }
}
