package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/** Forward mode: every primitive of org.nabla.autodiff's jvp rule, jvp, Jacobian by columns, the worked example. */
class ForwardModeTest {
    private static final Rng RNG = new Rng(24);

    private static Tensor randn(int... dims) {
        return Tensor.randn(RNG, dims);
    }

    /** Entries of magnitude ≥ 0.3 and spaced apart: no kinks of relu, abs, clip or ties of max within h. */
    private static Tensor awayFromKinks(int... dims) {
        Tensor r = Tensor.randn(RNG, dims);
        return r.add(r.sign().mul(0.3));
    }

    private static Tensor positive(int... dims) {
        return Tensor.rand(RNG, dims).add(0.5);
    }

    private static Tensor spd(int n) {
        Tensor a = randn(n, n);
        return a.matmul(a.transpose()).add(Tensor.eye(n).mul(n));
    }

    @Test
    void everyUnaryPrimitive() {
        Map<String, Function<Variable, Variable>> ops = new LinkedHashMap<>();
        ops.put("neg", Variable::neg);
        ops.put("exp", Variable::exp);
        ops.put("log", x -> x.abs().add(0.5).log());
        ops.put("log1p", x -> x.abs().log1p());
        ops.put("expm1", Variable::expm1);
        ops.put("sqrt", x -> x.abs().sqrt());
        ops.put("square", Variable::square);
        ops.put("reciprocal", Variable::reciprocal);
        ops.put("sin", Variable::sin);
        ops.put("cos", Variable::cos);
        ops.put("tanh", Variable::tanh);
        ops.put("sigmoid", Variable::sigmoid);
        ops.put("relu", Variable::relu);
        ops.put("abs", Variable::abs);
        ops.put("erf", Variable::erf);
        ops.put("clip", x -> x.clip(-0.5, 0.5));
        ops.put("sum", x -> x.sum(new int[] {1}, false));
        ops.put("sum all", Variable::sum);
        ops.put("max", x -> x.max(new int[] {0}, true));
        ops.put("min", x -> x.min(new int[] {1}, false));
        ops.put("logSumExp", x -> x.logSumExp(new int[] {1}, false));
        ops.put("reshape", x -> x.reshape(4, 3).mul(x.reshape(4, 3)));
        ops.put("permute", x -> x.permute(1, 0).sin());
        ops.put("broadcastTo", x -> x.sum(new int[] {0}, true).broadcastTo(Shape.of(2, 3, 4)).square());
        ops.put("slice", x -> x.slice(1, 1, 4, 2).exp());
        ops.put("gather", x -> x.gather(1, Tensor.of(Shape.of(3, 2), new double[] {0, 3, 1, 1, 2, 0})).square());
        ops.put("indexSelect", x -> x.indexSelect(0, 2, 0, 2).sin());
        for (Map.Entry<String, Function<Variable, Variable>> e : ops.entrySet()) {
            JvpCheck.check(e.getKey(), e.getValue(), awayFromKinks(3, 4), e.getKey().hashCode());
        }
    }

    @Test
    void everyBinaryPrimitiveWithBroadcasting() {
        Map<String, Function<List<Variable>, Variable>> ops = new LinkedHashMap<>();
        ops.put("add", in -> in.get(0).add(in.get(1)).square());
        ops.put("sub", in -> in.get(0).sub(in.get(1)).square());
        ops.put("mul", in -> in.get(0).mul(in.get(1)));
        ops.put("div", in -> in.get(0).div(in.get(1).abs().add(0.5)));
        ops.put("pow", in -> in.get(0).abs().add(0.5).pow(in.get(1)));
        ops.put("maximum", in -> in.get(0).maximum(in.get(1)));
        ops.put("minimum", in -> in.get(0).minimum(in.get(1)));
        ops.put("where", in -> Variable.where(Variable.constant(in.get(0).value().gt(0.0)), in.get(0).exp(),
                in.get(1).square()));
        ops.put("concat", in -> Variable.concat(0, List.of(in.get(0), in.get(1).broadcastTo(Shape.of(2, 4)))).sin());
        ops.put("matmul", in -> in.get(0).transpose().matmul(in.get(1).broadcastTo(Shape.of(3, 4))));
        ops.put("matmulTransposed", in -> in.get(0).matmulTransposed(in.get(1).broadcastTo(Shape.of(5, 4))));
        for (Map.Entry<String, Function<List<Variable>, Variable>> e : ops.entrySet()) {
            JvpCheck.check(e.getKey(), e.getValue(), List.of(awayFromKinks(3, 4), awayFromKinks(1, 4)),
                    e.getKey().hashCode(), false, 1e-6);
        }
    }

    @Test
    void theAdjointPrimitivesThroughSecondDerivatives() {
        // sliceScatter, scatterAdd and indexAdd are the vjps of slice, gather and indexSelect: their jvp
        // rules run in forward-over-reverse, compared with reverse-over-reverse
        Map<String, Function<Variable, Variable>> ops = new LinkedHashMap<>();
        ops.put("sliceScatter", x -> x.slice(1, 0, 4, 2).exp().sum());
        ops.put("scatterAdd", x -> x.gather(1, Tensor.of(Shape.of(3, 2), new double[] {0, 3, 1, 1, 2, 0})).exp().sum());
        ops.put("indexAdd", x -> x.indexSelect(0, 2, 0, 2).exp().sum());
        for (Map.Entry<String, Function<Variable, Variable>> e : ops.entrySet()) {
            Tensor x = randn(3, 4);
            Tensor v = randn(3, 4);
            JvpCheck.assertClose(e.getKey(), Autodiff.hvpForwardOverReverse(e.getValue(), x, v),
                    Autodiff.hvp(e.getValue(), x, v), JvpCheck.EXACT);
        }
        JvpCheck.check("sliceScatter", in -> new Movement.SliceScatter(Shape.of(3, 7), 1, 1, 7, 2).apply(in.get(0)),
                List.of(randn(3, 3)), 1, false, 1e-6);
        JvpCheck.check("scatterAdd", in -> new Movement.ScatterAdd(Shape.of(3, 4), 1,
                Tensor.of(Shape.of(3, 2), new double[] {0, 3, 1, 1, 2, 0})).apply(in.get(0)),
                List.of(randn(3, 2)), 2, false, 1e-6);
        JvpCheck.check("indexAdd", in -> new Movement.IndexAdd(Shape.of(4, 3), 0, new int[] {2, 0, 2}).apply(in.get(0)),
                List.of(randn(3, 3)), 3, false, 1e-6);
    }

    @Test
    void matrixCalculusPrimitives() {
        JvpCheck.check("det", in -> MatrixCalculus.det(in.get(0)), List.of(spd(3)), 11, false, 1e-6);
        JvpCheck.check("inverse", in -> MatrixCalculus.inverse(in.get(0)), List.of(spd(3)), 12, false, 1e-6);
        JvpCheck.check("solve", in -> MatrixCalculus.solve(in.get(0), in.get(1)), List.of(spd(3), randn(3, 2)), 13,
                false, 1e-6);
        JvpCheck.check("solve vector", in -> MatrixCalculus.solve(in.get(0), in.get(1)), List.of(spd(3), randn(3)),
                14, false, 1e-6);
        JvpCheck.check("cholesky", in -> MatrixCalculus.cholesky(in.get(0)), List.of(spd(3)), 15, true, 1e-6);
        JvpCheck.check("svdvals", in -> MatrixCalculus.svdvals(in.get(0)), List.of(randn(4, 3)), 16, false, 1e-6);
        JvpCheck.check("eigvalsh", in -> MatrixCalculus.eigvalsh(in.get(0)), List.of(spd(3)), 17, true, 1e-6);
    }

    @Test
    void jvpInOnePassEqualsTheDoubleBackwardOracle() {
        Function<Variable, Variable> f = x -> x.matmul(x.transpose()).tanh().logSumExp(new int[] {1}, false);
        Tensor x = randn(3, 4);
        Tensor u = randn(3, 4);
        JvpCheck.assertClose("jvp", Autodiff.jvp(f, x, u), Autodiff.jvpDoubleBackward(f, x, u), JvpCheck.EXACT);
    }

    @Test
    void jacobianByColumnsEqualsJacobianByRows() {
        Function<Variable, Variable> wide = x -> Variable.concat(0, x.reshape(2, 1).mul(x.reshape(1, 2)).sin().reshape(4), x);
        Tensor x = randn(2);
        Tensor forward = Autodiff.jacobianForward(wide, x);
        assertThat(forward.dims()).containsExactly(6, 2);
        JvpCheck.assertClose("jacobian (2 inputs, 6 outputs: forward mode)", Autodiff.jacobian(wide, x),
                Autodiff.jacobianReverse(wide, x), JvpCheck.EXACT);
        JvpCheck.assertClose("jacobianForward", forward, Autodiff.jacobianReverse(wide, x), JvpCheck.EXACT);
        Function<Variable, Variable> narrow = y -> y.square().sum(new int[] {1}, false);
        Tensor y = randn(2, 3);
        JvpCheck.assertClose("jacobian (6 inputs, 2 outputs: reverse mode)", Autodiff.jacobian(narrow, y),
                Autodiff.jacobianForward(narrow, y), JvpCheck.EXACT);
    }

    /**
     * docs/autodiff.md, "Forward mode, by hand": f(x, y) = (x y + sin x) y at (2, 3) — the function of the
     * reverse-mode worked example — along (1, 0) and (0, 1), every dual number of the table.
     */
    @Test
    void theWorkedExampleOfTheDocs() {
        double[][] tangents = {{3.0, -0.4161468365471424, 2.5838531634528574, 7.751559490358572},
                               {2.0, -0.0, 2.0, 12.909297426825681}};
        double[] values = {6.0, 0.9092974268256817, 6.909297426825682, 20.727892280477047};
        for (int d = 0; d < 2; d++) {
            try (ForwardMode fm = ForwardMode.open()) {
                Variable x = fm.dual(Tensor.scalar(2.0), Tensor.scalar(d == 0 ? 1.0 : 0.0));
                Variable y = fm.dual(Tensor.scalar(3.0), Tensor.scalar(d == 0 ? 0.0 : 1.0));
                Variable v1 = x.mul(y);
                Variable v2 = x.sin();
                Variable v3 = v1.add(v2);
                Variable v4 = v3.mul(y);
                Variable[] v = {v1, v2, v3, v4};
                for (int k = 0; k < 4; k++) {
                    assertThat(v[k].item()).isEqualTo(values[k]);
                    assertThat(fm.tangent(v[k]).item()).isEqualTo(tangents[d][k]);
                }
            }
        }
        // reverse mode gets ∂f/∂x = 9 + 3·(−0.4161468365471424) = 7.751559490358573: one ulp apart
        Variable x = Variable.leaf(Tensor.scalar(2.0));
        Variable y = Variable.leaf(Tensor.scalar(3.0));
        double reverse = x.mul(y).add(x.sin()).mul(y).backward().of(x).item();
        assertThat(reverse).isEqualTo(7.751559490358573);
        assertThat(Math.ulp(reverse)).isEqualTo(reverse - 7.751559490358572);
        Tensor jv = Autodiff.jvp(p -> {
            Variable px = p.slice(0, 0, 1, 1);
            Variable py = p.slice(0, 1, 2, 1);
            return px.mul(py).add(px.sin()).mul(py);
        }, Tensor.of(2.0, 3.0), Tensor.of(1.0, 0.0));
        assertThat(jv.toArray()[0]).isEqualTo(7.751559490358572);
    }

    @Test
    void rosenbrockHessianBothWays() {
        // f(x, y) = (1 − x)² + 100 (y − x²)²;  H = [[2 − 400(y − x²) + 800x², −400x], [−400x, 200]]
        Function<Variable, Variable> f = p -> {
            Variable x = p.slice(0, 0, 1, 1);
            Variable y = p.slice(0, 1, 2, 1);
            return x.rsub(1.0).square().add(y.sub(x.square()).square().mul(100.0)).sum();
        };
        Tensor p = Tensor.of(1.5, 2.0);
        double[][] h = {{2 - 400 * (2.0 - 2.25) + 800 * 2.25, -600}, {-600, 200}};
        for (Tensor v : List.of(Tensor.of(1.0, 0.0), Tensor.of(0.0, 1.0), Tensor.of(0.3, -0.7))) {
            double[] vv = v.toArray();
            Tensor expected = Tensor.of(h[0][0] * vv[0] + h[0][1] * vv[1], h[1][0] * vv[0] + h[1][1] * vv[1]);
            Tensor fwd = Autodiff.hvpForwardOverReverse(f, p, v);
            JvpCheck.assertClose("forward-over-reverse vs analytic", fwd, expected, 1e-12);
            JvpCheck.assertClose("forward-over-reverse vs reverse-over-reverse", fwd, Autodiff.hvp(f, p, v), 1e-12);
        }
    }

    @Test
    void hvpForwardOverReverseOfAComposite() {
        Function<Variable, Variable> f = x -> x.matmul(x.transpose()).sigmoid().mul(x.sum(new int[] {1}, true).tanh())
                .logSumExp(new int[] {0}, false).div(x.abs().add(1.0).sqrt().sum()).sum();
        Tensor x = randn(3, 4);
        for (int k = 0; k < 3; k++) {
            Tensor v = randn(3, 4);
            JvpCheck.assertClose("composite", Autodiff.hvpForwardOverReverse(f, x, v), Autodiff.hvp(f, x, v),
                    JvpCheck.EXACT);
        }
    }

    @Test
    void tangentsFollowIdentityAndStopAtDetach() {
        try (ForwardMode fm = ForwardMode.open()) {
            Variable x = fm.dual(Tensor.of(1.0, 2.0), Tensor.of(1.0, 1.0));
            assertThat(fm.tangent(x.detach().square()).toArray()).containsExactly(0.0, 0.0);
            assertThat(fm.tangent(Variable.constant(Tensor.of(1.0))).toArray()).containsExactly(0.0);
            try (NoGrad ignored = NoGrad.enter()) {
                assertThat(fm.tangent(x.square()).toArray()).containsExactly(2.0, 4.0);
            }
        }
        assertThatThrownBy(() -> Autodiff.jvp(x -> x, Tensor.of(1.0), Tensor.of(1.0, 2.0)))
                .hasMessageContaining("jvp: u has shape");
    }
}
