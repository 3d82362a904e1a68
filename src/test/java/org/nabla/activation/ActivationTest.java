package org.nabla.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class ActivationTest {
    /** Points away from every kink (0, ±1 for Hardtanh, the Softplus threshold). */
    static final Tensor X = Tensor.of(new double[][] {{-3.1, -1.7, -0.6, -0.2, 0.3}, {0.7, 1.4, 2.2, 4.5, -7.9}});

    static Stream<Arguments> definitions() {
        return Stream.of(
                Arguments.of("Identity", (UnaryOperator<Variable>) Identity::identity),
                Arguments.of("ReLU", (UnaryOperator<Variable>) ReLU::relu),
                Arguments.of("LeakyReLU", (UnaryOperator<Variable>) x -> LeakyReLU.leakyRelu(x, 0.1)),
                Arguments.of("ELU", (UnaryOperator<Variable>) x -> ELU.elu(x, 1.3)),
                Arguments.of("SELU", (UnaryOperator<Variable>) SELU::selu),
                Arguments.of("GELU", (UnaryOperator<Variable>) GELU::gelu),
                Arguments.of("GELU-tanh", (UnaryOperator<Variable>) GELU::geluTanh),
                Arguments.of("Sigmoid", (UnaryOperator<Variable>) Sigmoid::sigmoid),
                Arguments.of("Tanh", (UnaryOperator<Variable>) Tanh::tanh),
                Arguments.of("Softplus", (UnaryOperator<Variable>) Softplus::softplus),
                Arguments.of("Softplus(β=2, threshold=3)", (UnaryOperator<Variable>) x -> Softplus.softplus(x, 2.0, 3.0)),
                Arguments.of("SiLU", (UnaryOperator<Variable>) SiLU::silu),
                Arguments.of("Mish", (UnaryOperator<Variable>) Mish::mish),
                Arguments.of("Hardtanh", (UnaryOperator<Variable>) Hardtanh::hardtanh),
                Arguments.of("LogSigmoid", (UnaryOperator<Variable>) LogSigmoid::logSigmoid),
                Arguments.of("Softmax(axis 1)", (UnaryOperator<Variable>) x -> Softmax.softmax(x, 1)),
                Arguments.of("Softmax(axis 0)", (UnaryOperator<Variable>) x -> Softmax.softmax(x, 0)),
                Arguments.of("LogSoftmax(axis 1)", (UnaryOperator<Variable>) x -> LogSoftmax.logSoftmax(x, 1)),
                Arguments.of("LogSoftmax(axis 0)", (UnaryOperator<Variable>) x -> LogSoftmax.logSoftmax(x, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void gradientMatchesCentralDifferences(String name, UnaryOperator<Variable> f) {
        GradCheck.check(in -> f.apply(in.get(0)), X).assertPassed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void secondDerivativeMatchesDifferencesOfTheGradient(String name, UnaryOperator<Variable> f) {
        // H v of x ↦ ⟨g, f(x)⟩ by double backward (the backward rules written in Variable ops) against
        // central differences of the reverse-mode gradient
        Tensor g = Tensor.randn(new Rng(7), 2, 5);
        Tensor v = Tensor.randn(new Rng(8), 2, 5);
        java.util.function.Function<Variable, Variable> scalar = x -> f.apply(x).mul(Variable.constant(g)).sum();
        Tensor hv = Autodiff.hvp(scalar, X, v);
        double h = 1e-5;
        Tensor fd = Autodiff.grad(scalar, X.add(v.mul(h))).sub(Autodiff.grad(scalar, X.sub(v.mul(h)))).div(2 * h);
        assertThat(hv.allClose(fd, 1e-6, 1e-7)).as("%s: H v = %s, differences %s", name, hv, fd).isTrue();
    }

    @Test
    void modulesAgreeWithTheirStaticFunctionsAndComposeInSequential() {
        Variable x = Variable.constant(X);
        List<Module> modules = List.of(new Identity(), new ReLU(), new LeakyReLU(), new PReLU(), new ELU(),
                new SELU(), new GELU(), new GELU(GELU.Approximation.TANH), new Sigmoid(), new Tanh(), new Softplus(),
                new SiLU(), new Mish(), new Hardtanh(), new LogSigmoid(), new Softmax(), new LogSoftmax());
        List<Tensor> expected = List.of(X, ReLU.relu(x).value(), LeakyReLU.leakyRelu(x).value(),
                LeakyReLU.leakyRelu(x, 0.25).value(), ELU.elu(x).value(), SELU.selu(x).value(), GELU.gelu(x).value(),
                GELU.geluTanh(x).value(), Sigmoid.sigmoid(x).value(), Tanh.tanh(x).value(),
                Softplus.softplus(x).value(), SiLU.silu(x).value(), Mish.mish(x).value(),
                Hardtanh.hardtanh(x).value(), LogSigmoid.logSigmoid(x).value(), Softmax.softmax(x, -1).value(),
                LogSoftmax.logSoftmax(x, -1).value());
        for (int i = 0; i < modules.size(); i++) {
            assertThat(modules.get(i).apply(x).value().allClose(expected.get(i), 0, 0))
                    .as(modules.get(i).toString()).isTrue();
        }
        Tensor y = new Sequential(new Tanh(), new ReLU()).forward(X);
        assertThat(y.allClose(X.tanh().relu(), 0, 0)).isTrue();
    }

    @Test
    void closedFormsAtKnownPoints() {
        Variable x = Variable.constant(Tensor.of(-2.0, 0.0, 1.5));
        assertThat(ReLU.relu(x).value().toArray()).containsExactly(0.0, 0.0, 1.5);
        assertThat(LeakyReLU.leakyRelu(x).value().toArray()).containsExactly(-0.02, 0.0, 1.5);
        assertThat(ELU.elu(x, 2.0).value().toArray()[0]).isCloseTo(2.0 * Math.expm1(-2.0), within(1e-15));
        assertThat(SELU.selu(x).value().toArray()[2]).isCloseTo(SELU.LAMBDA * 1.5, within(1e-15));
        assertThat(GELU.gelu(x).value().toArray()[2]).isCloseTo(1.5 * 0.9331927987311419, within(1e-15));
        assertThat(Softplus.softplus(x).value().toArray()[1]).isCloseTo(Math.log(2.0), within(1e-16));
        assertThat(SiLU.silu(x).value().toArray()[2]).isCloseTo(1.5 / (1.0 + Math.exp(-1.5)), within(1e-15));
        assertThat(Hardtanh.hardtanh(x).value().toArray()).containsExactly(-1.0, 0.0, 1.0);
        assertThat(LogSigmoid.logSigmoid(x).value().toArray()[0]).isCloseTo(-Math.log1p(Math.exp(2.0)), within(1e-15));
        assertThat(Mish.mish(x).value().toArray()[2]).isCloseTo(1.5 * Math.tanh(Math.log1p(Math.exp(1.5))), within(1e-15));
    }

    @Test
    void derivativesAtKinksFollowPyTorch() {
        Variable x = Variable.leaf(Tensor.of(0.0, -1.0, 1.0));
        assertThat(grad(ReLU.relu(x), x)).containsExactly(0.0, 0.0, 1.0);
        assertThat(grad(LeakyReLU.leakyRelu(x, 0.1), x)).containsExactly(0.1, 0.1, 1.0);
        assertThat(grad(ELU.elu(x, 2.0), x)[0]).isEqualTo(2.0);
        assertThat(grad(SELU.selu(x), x)[0]).isCloseTo(SELU.LAMBDA * SELU.ALPHA, within(1e-15));
        assertThat(grad(Hardtanh.hardtanh(x), x)).containsExactly(1.0, 0.0, 0.0);
        // smooth functions have their true derivative at 0, not a kink convention of relu/abs
        assertThat(grad(Softplus.softplus(x), x)[0]).isEqualTo(0.5);
        assertThat(grad(LogSigmoid.logSigmoid(x), x)[0]).isEqualTo(0.5);
        Variable p = Variable.leaf(Tensor.of(new int[] {1, 2, 1}, 0.0, -2.0));
        Variable w = Variable.leaf(Tensor.of(0.3, 0.7));
        Gradients g = PReLU.prelu(p, w).sum().backward();
        assertThat(g.of(p).toArray()).containsExactly(0.3, 0.7);
        assertThat(g.of(w).toArray()).containsExactly(0.0, -2.0);
    }

    @Test
    void softplusIsLinearAboveTheThresholdAndStableInBothTails() {
        Variable x = Variable.leaf(Tensor.of(-800.0, 25.0, 800.0));
        Variable y = Softplus.softplus(x, 1.0, 20.0);
        assertThat(y.value().toArray()).containsExactly(0.0, 25.0, 800.0);
        assertThat(grad(y, x)).containsExactly(0.0, 1.0, 1.0);
        Variable noThreshold = Softplus.softplus(x, 1.0, Double.POSITIVE_INFINITY);
        assertThat(noThreshold.value().toArray()[1]).isCloseTo(25.0 + Math.log1p(Math.exp(-25.0)), within(1e-12));
        assertThat(LogSigmoid.logSigmoid(x).value().toArray()).containsExactly(-800.0, -Math.log1p(Math.exp(-25.0)),
                -0.0);
        assertThat(ELU.elu(Variable.constant(Tensor.of(800.0))).item()).isEqualTo(800.0);
        assertThat(grad(ELU.elu(x), x)).doesNotContain(Double.NaN);
        assertThat(grad(Mish.mish(x), x)).containsExactly(0.0, 1.0, 1.0);
    }

    @Test
    void preluHasOneOrPerChannelLearnableSlopesInitializedToAQuarter() {
        PReLU shared = new PReLU();
        PReLU perChannel = new PReLU(3, 0.25);
        assertThat(shared.parameters()).hasSize(1);
        assertThat(shared.namedParameters()).containsKey("weight");
        assertThat(perChannel.weight().value().toArray()).containsExactly(0.25, 0.25, 0.25);
        Tensor x = Tensor.randn(new Rng(3), 2, 3, 4);
        GradCheck.check(in -> PReLU.prelu(in.get(0), in.get(1)), x, Tensor.of(0.1, -0.4, 0.9)).assertPassed();
        Gradients g = perChannel.forward(Variable.constant(x)).sum().backward();
        assertThat(g.of(perChannel.weight()).shape().dims()).containsExactly(3);
        assertThatThrownBy(() -> PReLU.prelu(Variable.constant(Tensor.zeros(2, 4)), Variable.constant(Tensor.ones(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 slopes").hasMessageContaining("[2, 4]");
        assertThatThrownBy(() -> new PReLU(0, 0.25)).hasMessageContaining("numParameters must be ≥ 1").hasMessageContaining("got 0");
    }

    @Test
    void softmaxRowsSumToOneAndAreShiftInvariant() {
        Tensor z = Tensor.randn(new Rng(11), 4, 6).mul(5.0);
        Tensor s = Softmax.softmax(Variable.constant(z), 1).value();
        assertThat(s.sum(1).allClose(Tensor.ones(4), 0, 1e-15)).isTrue();
        Tensor shift = Tensor.of(new int[] {4, 1}, 100.0, -50.0, 3.0, 1e4);
        Tensor shifted = Softmax.softmax(Variable.constant(z.add(shift)), 1).value();
        assertThat(shifted.allClose(s, 1e-10, 1e-15)).isTrue();
        assertThat(Softmax.softmax(Variable.constant(z), 0).value().sum(0).allClose(Tensor.ones(6), 0, 1e-15))
                .isTrue();
    }

    @Test
    void logSoftmaxIsFiniteForHugeLogits() {
        for (double m : new double[] {1000.0, 1e4}) {
            Variable z = Variable.leaf(Tensor.of(new double[][] {{m, -m, 0.0}, {-m, -m, -m}, {m, m - 1.0, -m}}));
            Variable y = LogSoftmax.logSoftmax(z, 1);
            assertThat(allFinite(y.value().toArray())).isTrue();
            assertThat(y.value().get(0, 0)).isEqualTo(0.0);
            assertThat(y.value().get(0, 1)).isEqualTo(-2.0 * m);
            assertThat(y.value().get(1, 2)).isCloseTo(-Math.log(3.0), within(1e-12));
            assertThat(y.value().get(2, 1)).isCloseTo(-1.0 - Math.log1p(Math.exp(-1.0)), within(1e-12));
            double[] g = y.backward(Tensor.randn(new Rng(1), 3, 3)).of(z).toArray();
            assertThat(allFinite(g)).isTrue();
            assertThat(allFinite(Softmax.softmax(z, 1).value().toArray())).isTrue();
        }
    }

    @Test
    void logSoftmaxHessianVectorProductMatchesDifferencesOfTheGradient() {
        Tensor z = Tensor.randn(new Rng(5), 3, 4);
        Tensor w = Tensor.randn(new Rng(6), 3, 4);
        Tensor v = Tensor.randn(new Rng(7), 3, 4);
        java.util.function.Function<Variable, Variable> f =
                x -> LogSoftmax.logSoftmax(x, 1).mul(Variable.constant(w)).sum();
        Tensor hv = Autodiff.hvp(f, z, v);
        double h = 1e-5;
        Tensor fd = Autodiff.grad(f, z.add(v.mul(h))).sub(Autodiff.grad(f, z.sub(v.mul(h)))).div(2 * h);
        assertThat(hv.allClose(fd, 1e-6, 1e-8)).as("H v = %s, differences %s", hv, fd).isTrue();
        assertThat(hv.abs().max().item()).isGreaterThan(1e-3);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new Hardtanh(1.0, -1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Hardtanh: expected min < max, got min = 1.0, max = -1.0");
        assertThatThrownBy(() -> new Softplus(0.0, 20.0)).hasMessageContaining("beta must be positive");
        assertThatThrownBy(() -> new LeakyReLU(Double.NaN)).hasMessageContaining("slope must be finite");
        assertThatThrownBy(() -> new ELU(Double.POSITIVE_INFINITY)).hasMessageContaining("alpha must be finite");
        assertThatThrownBy(() -> LogSoftmax.logSoftmax(Variable.constant(X), 2))
                .hasMessageContaining("axis 2 is out of range");
        assertThat(new LeakyReLU(0.2).toString()).isEqualTo("LeakyReLU(slope=0.2)");
    }

    private static double[] grad(Variable y, Variable x) {
        return y.sum().backward().of(x).toArray();
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
