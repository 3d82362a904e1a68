package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Every primitive's backward rule against central differences ({@link GradCheck}): the
 * vector-Jacobian product of a random cotangent for every input entry. Inputs are chosen inside the
 * domain where the derivative exists (positive bases and arguments of log/sqrt, no ties for
 * max/min, relu and abs away from 0, clip away from its bounds).
 */
class PrimitiveGradCheckTest {

    private static Rng rng(String name) {
        return new Rng(name.hashCode());
    }

    private static Tensor randn(String name, int... shape) {
        return Tensor.randn(rng(name), shape);
    }

    /** Entries uniform in [low, high]. */
    private static Tensor uniform(String name, double low, double high, int... shape) {
        return Tensor.uniform(rng(name), low, high, shape);
    }

    /** Entries of magnitude in [0.2, 1.5] with random signs: away from the kinks at 0. */
    private static Tensor awayFromZero(String name, int... shape) {
        Rng r = rng(name);
        Tensor m = Tensor.uniform(r, 0.2, 1.5, shape);
        Tensor s = Tensor.bernoulli(r, 0.5, shape).mul(2.0).sub(1.0);
        return m.mul(s);
    }

    private static Arguments c(String name, Function<List<Variable>, Variable> f, Tensor... inputs) {
        return Arguments.of(name, f, inputs);
    }

    static Stream<Arguments> primitives() {
        return Stream.of(
                // ---------------------------------------------------------------- binary, with broadcasting
                c("add", in -> in.get(0).add(in.get(1)), randn("add a", 3, 4), randn("add b", 3, 4)),
                c("add (2,1,4)+(3,1)", in -> in.get(0).add(in.get(1)), randn("a", 2, 1, 4), randn("b", 3, 1)),
                c("add (5,)+scalar", in -> in.get(0).add(in.get(1)), randn("a5", 5), Tensor.scalar(0.7)),
                c("sub", in -> in.get(0).sub(in.get(1)), randn("sub a", 2, 1, 4), randn("sub b", 3, 1)),
                c("sub (5,)-scalar", in -> in.get(0).sub(in.get(1)), randn("s5", 5), Tensor.scalar(-0.3)),
                c("mul", in -> in.get(0).mul(in.get(1)), randn("mul a", 2, 1, 4), randn("mul b", 3, 1)),
                c("mul (5,)*scalar", in -> in.get(0).mul(in.get(1)), randn("m5", 5), Tensor.scalar(1.3)),
                c("div", in -> in.get(0).div(in.get(1)), randn("div a", 2, 1, 4), uniform("div b", 0.5, 2, 3, 1)),
                c("div (5,)/scalar", in -> in.get(0).div(in.get(1)), randn("d5", 5), Tensor.scalar(-1.7)),
                c("pow", in -> in.get(0).pow(in.get(1)), uniform("pow a", 0.5, 2, 3, 4), randn("pow b", 3, 4)),
                c("pow (2,1,4)^(3,1)", in -> in.get(0).pow(in.get(1)), uniform("pa", 0.5, 2, 2, 1, 4),
                        randn("pb", 3, 1)),
                c("pow (5,)^scalar", in -> in.get(0).pow(in.get(1)), uniform("p5", 0.5, 2, 5), Tensor.scalar(2.5)),
                c("maximum", in -> in.get(0).maximum(in.get(1)), randn("max a", 2, 1, 4), randn("max b", 3, 1)),
                c("minimum", in -> in.get(0).minimum(in.get(1)), randn("min a", 3, 4), randn("min b", 3, 4)),
                c("where", in -> Variable.where(randn("cond", 3, 4).gt(Tensor.scalar(0.0)), in.get(0), in.get(1)),
                        randn("wa", 3, 4), randn("wb", 3, 1)),
                // ---------------------------------------------------------------- unary
                c("neg", in -> in.get(0).neg(), randn("neg", 3, 4)),
                c("exp", in -> in.get(0).exp(), randn("exp", 3, 4)),
                c("log", in -> in.get(0).log(), uniform("log", 0.3, 3, 3, 4)),
                c("log1p", in -> in.get(0).log1p(), uniform("log1p", -0.5, 3, 3, 4)),
                c("expm1", in -> in.get(0).expm1(), randn("expm1", 3, 4)),
                c("sqrt", in -> in.get(0).sqrt(), uniform("sqrt", 0.3, 3, 3, 4)),
                c("square", in -> in.get(0).square(), randn("square", 3, 4)),
                c("reciprocal", in -> in.get(0).reciprocal(), awayFromZero("reciprocal", 3, 4)),
                c("sin", in -> in.get(0).sin(), randn("sin", 3, 4)),
                c("cos", in -> in.get(0).cos(), randn("cos", 3, 4)),
                c("tanh", in -> in.get(0).tanh(), randn("tanh", 3, 4)),
                c("sigmoid", in -> in.get(0).sigmoid(), randn("sigmoid", 3, 4)),
                c("relu", in -> in.get(0).relu(), awayFromZero("relu", 3, 4)),
                c("abs", in -> in.get(0).abs(), awayFromZero("abs", 3, 4)),
                c("erf", in -> in.get(0).erf(), randn("erf", 3, 4)),
                c("clip", in -> in.get(0).clip(-0.5, 0.5),
                        Tensor.of(new int[] {2, 4}, -1.2, -0.7, -0.3, -0.1, 0.05, 0.2, 0.45, 0.9)),
                // ---------------------------------------------------------------- reductions
                c("sum all", in -> in.get(0).sum(), randn("sum", 2, 3, 4)),
                c("sum axes {0,2}", in -> in.get(0).sum(new int[] {0, 2}, false), randn("sum02", 2, 3, 4)),
                c("sum axis 1 keepDims", in -> in.get(0).sum(1, true), randn("sum1", 2, 3, 4)),
                c("mean all", in -> in.get(0).mean(), randn("mean", 2, 3, 4)),
                c("mean axis -1 keepDims", in -> in.get(0).mean(-1, true), randn("mean-1", 2, 3, 4)),
                c("max all", in -> in.get(0).max(), randn("maxall", 2, 3, 4)),
                c("max axis 1", in -> in.get(0).max(1), randn("max1", 2, 3, 4)),
                c("max axes {0,2} keepDims", in -> in.get(0).max(new int[] {0, 2}, true), randn("max02", 2, 3, 4)),
                c("min axis 0 keepDims", in -> in.get(0).min(new int[] {0}, true), randn("min0", 2, 3, 4)),
                c("min all", in -> in.get(0).min(null, false), randn("minall", 3, 4)),
                c("var unbiased axis 1", in -> in.get(0).var(new int[] {1}, true, false), randn("var1", 2, 3, 4)),
                c("var biased all keepDims", in -> in.get(0).var(null, false, true), randn("varall", 2, 3, 4)),
                c("logSumExp axis 1", in -> in.get(0).logSumExp(1), randn("lse1", 2, 3, 4)),
                c("logSumExp all keepDims", in -> in.get(0).logSumExp(null, true), randn("lseall", 2, 3, 4)),
                c("logSumExp axes {0,2}", in -> in.get(0).logSumExp(new int[] {0, 2}, false), randn("lse02", 2, 3, 4)),
                // ---------------------------------------------------------------- movement
                c("reshape", in -> in.get(0).reshape(4, -1), randn("reshape", 2, 3, 4)),
                c("permute", in -> in.get(0).permute(2, 0, 1), randn("permute", 2, 3, 4)),
                c("transpose", in -> in.get(0).transpose(), randn("transpose", 2, 3, 4)),
                c("transpose(0,2)", in -> in.get(0).transpose(0, 2), randn("transpose02", 2, 3, 4)),
                c("slice", in -> in.get(0).slice(1, 1, 3), randn("slice", 2, 4, 3)),
                c("slice with step", in -> in.get(0).slice(1, 0, 7, 3), randn("slice3", 2, 7, 3)),
                c("slice with step, last axis", in -> in.get(0).slice(-1, 1, 6, 2), randn("slice2", 3, 6)),
                c("select", in -> in.get(0).select(1, 2), randn("select", 2, 4, 3)),
                c("select negative index", in -> in.get(0).select(0, -1), randn("selectneg", 3, 4)),
                c("broadcastTo", in -> in.get(0).broadcastTo(2, 3, 4), randn("bcast", 3, 1)),
                c("broadcastTo from scalar", in -> in.get(0).broadcastTo(5), Tensor.scalar(0.4)),
                c("unsqueeze", in -> in.get(0).unsqueeze(1), randn("unsq", 3, 4)),
                c("squeeze", in -> in.get(0).squeeze(1), randn("sq", 3, 1, 4)),
                c("concat", in -> Variable.concat(1, in.get(0), in.get(1), in.get(2)), randn("ca", 2, 1, 3),
                        randn("cb", 2, 3, 3), randn("cc", 2, 2, 3)),
                c("stack", in -> Variable.stack(1, in.get(0), in.get(1)), randn("sa", 3, 4), randn("sb", 3, 4)),
                c("stack at the end", in -> Variable.stack(-1, in.get(0), in.get(1)), randn("se", 3, 4),
                        randn("sf", 3, 4)),
                c("gather", in -> in.get(0).gather(1, Tensor.of(new int[] {3, 2}, 0, 3, 2, 2, 1, 0)),
                        randn("gather", 3, 4)),
                c("gather axis 0", in -> in.get(0).gather(0, Tensor.of(new int[] {2, 4}, 0, 2, 1, 0, 2, 2, 0, 1)),
                        randn("gather0", 3, 4)),
                c("indexSelect with repeated indices", in -> in.get(0).indexSelect(0, 2, 0, 2, 2, 1),
                        randn("isel", 3, 4)),
                c("indexSelect axis 1", in -> in.get(0).indexSelect(1, 3, 3, 0), randn("isel1", 2, 4)),
                // ---------------------------------------------------------------- adjoints (used by backward rules)
                c("sliceScatter (adjoint of slice)",
                        in -> new Movement.SliceScatter(Shape.of(2, 7, 3), 1, 0, 7, 3).apply(in.get(0)),
                        randn("sscat", 2, 3, 3)),
                c("scatterAdd (adjoint of gather)",
                        in -> new Movement.ScatterAdd(Shape.of(3, 4), 1, Tensor.of(new int[] {3, 2}, 0, 3, 2, 2, 1, 0))
                                .apply(in.get(0)),
                        randn("scadd", 3, 2)),
                c("indexAdd (adjoint of indexSelect)",
                        in -> new Movement.IndexAdd(Shape.of(3, 4), 0, new int[] {2, 0, 2, 2, 1}).apply(in.get(0)),
                        randn("iadd", 5, 4)),
                // ---------------------------------------------------------------- matmul
                c("matmul (3,4)@(4,2)", in -> in.get(0).matmul(in.get(1)), randn("mm a", 3, 4), randn("mm b", 4, 2)),
                c("matmulTransposed (3,4)@(2,4)ᵀ", in -> in.get(0).matmulTransposed(in.get(1)), randn("mt a", 3, 4),
                        randn("mt b", 2, 4)),
                c("matmul (4,)@(4,2)", in -> in.get(0).matmul(in.get(1)), randn("mv a", 4), randn("mv b", 4, 2)),
                c("matmul (3,4)@(4,)", in -> in.get(0).matmul(in.get(1)), randn("vm a", 3, 4), randn("vm b", 4)),
                c("matmul (4,)@(4,)", in -> in.get(0).matmul(in.get(1)), randn("vv a", 4), randn("vv b", 4)),
                c("matmul batched (2,3,4)@(4,5)", in -> in.get(0).matmul(in.get(1)), randn("bm a", 2, 3, 4),
                        randn("bm b", 4, 5)),
                c("matmul batch broadcast (2,1,3,4)@(5,4,2)", in -> in.get(0).matmul(in.get(1)),
                        randn("bb a", 2, 1, 3, 4), randn("bb b", 5, 4, 2)),
                c("matmul (4,)@(2,4,3)", in -> in.get(0).matmul(in.get(1)), randn("vb a", 4), randn("vb b", 2, 4, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void gradCheck(String name, Function<List<Variable>, Variable> f, Tensor[] inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertThat(r.passed()).as(name + ": " + r).isTrue();
    }

    /** The check also passes through a composition of several primitives with broadcasting. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void gradCheckComposedWithTanhAndSum(String name, Function<List<Variable>, Variable> f, Tensor[] inputs) {
        GradCheck.Result r = GradCheck.check(in -> f.apply(in).tanh().sum(), inputs);
        assertThat(r.passed()).as(name + ": " + r).isTrue();
    }
}
