package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;

/** Errors say what happened and what would fix it, naming the operation and the shapes (decision 7). */
class ErrorMessagesTest {

    @Test
    void backwardOfNonScalarWithoutSeed() {
        Variable y = Variable.leaf(Tensor.zeros(2, 3)).exp();
        assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backward: output has shape [2, 3]; backward() without a seed needs a scalar (one-element)"
                        + " output — pass a seed (cotangent) of shape [2, 3]");
    }

    @Test
    void seedOfTheWrongShape() {
        Variable y = Variable.leaf(Tensor.zeros(2, 3)).exp();
        assertThatThrownBy(() -> y.backward(Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backward: seed has shape [3, 2] but the output has shape [2, 3] (expected equal shapes)");
    }

    @Test
    void anomalyModeNamesTheOperationThatMadeANaN() {
        Variable x = Variable.leaf(Tensor.of(new int[] {2, 2}, 1.0, -1.0, 2.0, 3.0));
        try (Anomaly a = Anomaly.detect()) {
            assertThat(Anomaly.isEnabled()).isTrue();
            assertThatThrownBy(x::log)
                    .isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("'log'")
                    .hasMessageContaining("NaN")
                    .hasMessageContaining("[2, 2]")
                    .hasMessage("anomaly: forward of operation 'log' produced NaN at element 1 of its result of shape"
                            + " [2, 2]; input shapes [[2, 2]]");
        }
        assertThat(Anomaly.isEnabled()).isFalse();
        // without the scope the NaN passes silently
        assertThat(Double.isNaN(x.log().value().get(0, 1))).isTrue();
    }

    @Test
    void anomalyModeCatchesAnInfinityInTheBackwardSweep() {
        // sqrt(x) at 0 is fine forward; its derivative 1/(2√x) is infinite
        Variable x = Variable.leaf(Tensor.of(0.0, 4.0));
        Variable y = x.sqrt().sum();
        try (Anomaly a = Anomaly.detect()) {
            assertThatThrownBy(y::backward)
                    .isInstanceOf(ArithmeticException.class)
                    .hasMessageStartingWith("anomaly: backward of operation 'sqrt' (input shapes [[2]])")
                    .hasMessageContaining("an infinity");
        }
    }

    @Test
    void matmulInnerDimensionMismatch() {
        Variable a = Variable.leaf(Tensor.zeros(3, 4));
        Variable b = Variable.leaf(Tensor.zeros(5, 2));
        assertThatThrownBy(() -> a.matmul(b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: inner dimensions differ: [3, 4] @ [5, 2] (4 != 5)");
    }

    @Test
    void hvpWithVectorOfTheWrongShape() {
        assertThatThrownBy(() -> Autodiff.hvp(v -> v.sum(), Tensor.zeros(3), Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hvp: v has shape [4] but x has shape [3] (expected equal shapes)");
    }

    @Test
    void operationCannotBeAppliedTwice() {
        Operation op = new Elementwise.Exp();
        Variable x = Variable.leaf(Tensor.of(1.0));
        op.apply(x);
        assertThatThrownBy(() -> op.apply(x))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("operation 'exp' was already applied; create a new one");
    }

    /** cube with a deliberately wrong backward: 2x²  instead of 3x². */
    static final class WrongCube extends Operation {
        WrongCube() {
            super("wrongCube");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].mul(x[0]).mul(x[0]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(input(0).square()).mul(3.0);
        }

        @Override
        protected Variable[] backward(Variable g) {
            Variable x = input(0);
            return new Variable[] {g.mul(x.square()).mul(2.0)};
        }
    }

    @Test
    void gradCheckReportsAWrongBackwardAndNamesTheWorstEntry() {
        Tensor x = Tensor.of(0.5, -1.0, 3.0, 0.1);
        GradCheck.Result r = GradCheck.check(in -> new WrongCube().apply(in.get(0)), x);
        assertThat(r.passed()).isFalse();
        // the error x² · g is largest where |x| is largest: index 2 (x = 3)
        assertThat(r.worstInput()).isEqualTo(0);
        assertThat(r.worstIndex()).isEqualTo(2);
        assertThat(r.numeric() / r.analytic()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-6));
        assertThatThrownBy(r::assertPassed)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("GradCheck FAILED: worst entry input 0 index 2: analytic ");
        // the same function with a correct rule passes
        GradCheck.check(in -> in.get(0).mul(in.get(0)).mul(in.get(0)), x).assertPassed();
    }
}
