package org.nabla.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.activation.LogSoftmax;
import org.nabla.activation.ReLU;
import org.nabla.activation.Softplus;
import org.nabla.autodiff.Anomaly;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.BinaryCrossEntropyWithLogits;
import org.nabla.loss.CrossEntropy;
import org.nabla.loss.Reduction;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Numerical guards: anomaly mode names the first operation that makes a NaN or an infinity, and the
 * stable forms (log-softmax, BCE with logits, log-sum-exp, softplus, cross-entropy) stay finite and
 * differentiate correctly at extreme inputs: ±10⁴ (where e^x overflows), the smallest subnormal
 * 4.9·10⁻³²⁴, and ±Double.MAX_VALUE where the mathematical value is finite.
 */
class NumericalGuardsTest {
    private static final double MAX = Double.MAX_VALUE;
    private static final double TINY = Double.MIN_VALUE; // 4.9e-324, the smallest subnormal
    private static final double LN2 = Math.log(2);

    /** A 2 → 2 → 1 network whose ReLU output is exactly 0 for the given input, so log(·) gives −∞. */
    private static Sequential deadUnitNetwork() {
        Sequential net = new Sequential(new Linear(2, 2, new Rng(3)), new ReLU(), new Linear(2, 1, new Rng(4)));
        Linear first = (Linear) net.get(0);
        first.weight().set(Tensor.of(new double[][] {{1, 1}, {-1, -1}}));
        first.bias().set(Tensor.zeros(2));
        return net;
    }

    @Test
    void anomalyModeNamesTheFirstOperationThatMadeAnInfinity() {
        Sequential net = deadUnitNetwork();
        Variable x = Variable.constant(Tensor.of(new double[][] {{1, 2}}));
        // hidden = relu(x W₁ᵀ) = [3, 0]; log(hidden) = [ln 3, −∞]; then ·0 gives NaN downstream
        java.util.function.Supplier<Variable> lossOf = () -> {
            Variable hidden = net.get(1).forward(net.get(0).forward(x));
            return hidden.log().mul(Variable.constant(Tensor.zeros(1, 2))).sum();
        };
        // without anomaly mode the NaN passes silently into the loss
        assertThat(lossOf.get().item()).isNaN();
        try (Anomaly a = Anomaly.detect()) {
            assertThatThrownBy(lossOf::get)
                    .isInstanceOf(ArithmeticException.class)
                    .hasMessage("anomaly: forward of operation 'log' produced an infinity at element 1 of its result"
                            + " of shape [1, 2]; input shapes [[1, 2]]");
        }
        assertThat(Anomaly.isEnabled()).isFalse();
    }

    @Test
    void anomalyModeFindsANaNMadeOnlyInTheBackwardSweep() {
        // |x| at 0 has a finite subgradient, but sqrt(x²) = |x| written naively differentiates to x/√(x²) = 0/0
        Variable x = Variable.leaf(Tensor.of(0.0, 2.0));
        Variable loss = x.square().sqrt().sum();
        assertThat(loss.item()).isEqualTo(2.0);
        try (Anomaly a = Anomaly.detect()) {
            assertThatThrownBy(loss::backward)
                    .isInstanceOf(ArithmeticException.class)
                    .hasMessageStartingWith("anomaly: backward of operation 'sqrt'");
        }
    }

    @Test
    void logSoftmaxAtExtremeInputs() {
        Variable x = Variable.leaf(Tensor.of(new double[][] {{1e4, -1e4, 0}, {MAX, MAX, MAX}, {TINY, 0, -TINY}}));
        Variable y = LogSoftmax.logSoftmax(x, 1);
        double[][] v = y.value().toArray2d();
        assertThat(v[0]).containsExactly(0.0, -2e4, -1e4);
        double ln3 = Math.log(3);
        assertThat(v[1]).containsExactly(-ln3, -ln3, -ln3);
        for (double e : v[2]) {
            assertThat(e).isCloseTo(-ln3, within(1e-15));
        }
        // ∂/∂x of Σⱼ wⱼ log softmax(x)ⱼ = w − softmax(x) Σⱼ wⱼ, with weights w = (1, 2, 3) per row
        Tensor w = Tensor.of(new double[][] {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}});
        Tensor g = y.mul(Variable.constant(w)).sum().backward().of(x);
        assertThat(g.toArray2d()[0]).containsExactly(1 - 6, 2, 3);
        assertThat(g.toArray2d()[1][0]).isCloseTo(1 - 2, within(1e-12));
        assertThat(g.toArray2d()[1][2]).isCloseTo(3 - 2, within(1e-12));
        assertThat(g.toArray2d()[2][1]).isCloseTo(0, within(1e-12));
        assertAllFinite(g);
    }

    @Test
    void logSumExpAtExtremeInputs() {
        Tensor t = Tensor.of(new double[][] {{1e4, 1e4}, {-1e4, -1e4}, {MAX, MAX}, {TINY, Double.NEGATIVE_INFINITY},
                {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}});
        double[] lse = t.logSumExp(1).toArray();
        assertThat(lse[0]).isEqualTo(1e4 + LN2);
        assertThat(lse[1]).isEqualTo(-1e4 + LN2);
        assertThat(lse[2]).isEqualTo(MAX); // MAX + ln 2 rounds to MAX: finite, not +∞
        assertThat(lse[3]).isEqualTo(TINY);
        assertThat(lse[4]).isEqualTo(Double.NEGATIVE_INFINITY); // log 0, not NaN from (−∞) − (−∞)
        // gradient: softmax of the row
        Variable x = Variable.leaf(Tensor.of(new double[][] {{1e4, -1e4}, {MAX, MAX}}));
        Tensor g = x.logSumExp(1).sum().backward().of(x);
        assertThat(g.toArray2d()[0]).containsExactly(1.0, 0.0);
        assertThat(g.toArray2d()[1]).containsExactly(0.5, 0.5);
    }

    @Test
    void softplusAtExtremeInputs() {
        Variable x = Variable.leaf(Tensor.of(1e4, -1e4, MAX, -MAX, TINY, 0));
        Variable y = Softplus.softplus(x);
        assertThat(y.value().toArray()).containsExactly(1e4, 0.0, MAX, 0.0, LN2, LN2);
        // softplus′(x) = σ(x)
        Tensor g = y.sum().backward().of(x);
        assertThat(g.toArray()).containsExactly(1.0, 0.0, 1.0, 0.0, 0.5, 0.5);
        // with sharpness β = 2 below the threshold, (1/β) ln(1 + e^(βx)) at x = −1e4 is e^(−2e4)/2 = 0, finite
        Variable z = Variable.leaf(Tensor.of(-1e4, 5));
        Variable s = Softplus.softplus(z, 2, 20);
        assertThat(s.value().get(0)).isEqualTo(0.0);
        assertThat(s.value().get(1)).isCloseTo(Math.log1p(Math.exp(10)) / 2, within(1e-12));
        assertAllFinite(s.sum().backward().of(z));
    }

    @Test
    void binaryCrossEntropyWithLogitsAtExtremeInputs() {
        // ℓ(x, y) = max(x, 0) − x·y + ln(1 + e^(−|x|)),  ∂ℓ/∂x = σ(x) − y
        Variable x = Variable.leaf(Tensor.of(1e4, -1e4, 1e4, -1e4, MAX, -MAX, TINY));
        Variable y = Variable.constant(Tensor.of(1, 1, 0, 0, 0, 1, 1));
        Variable loss = new BinaryCrossEntropyWithLogits(Reduction.NONE).forward(x, y);
        assertThat(loss.value().toArray()).containsExactly(0.0, 1e4, 1e4, 0.0, MAX, MAX, LN2);
        Tensor g = loss.sum().backward().of(x);
        assertThat(g.toArray()).containsExactly(0.0, -1.0, 1.0, 0.0, 1.0, -1.0, -0.5);
    }

    @Test
    void crossEntropyAtExtremeLogits() {
        // ℓ = −log softmax(x)_y = logsumexp(x) − x_y;  ∂ℓ/∂x = softmax(x) − onehot(y), averaged over the batch
        Variable logits = Variable.leaf(Tensor.of(new double[][] {{1e4, -1e4, 0}, {1e4, -1e4, 0}, {MAX, MAX, 0}}));
        Variable loss = new CrossEntropy(Reduction.NONE).forward(logits, new int[] {0, 1, 2});
        double[] l = loss.value().toArray();
        assertThat(l[0]).isEqualTo(0.0);
        assertThat(l[1]).isEqualTo(2e4);
        // logsumexp − x_y = MAX + ln 2 − 0, which rounds to MAX: the correctly rounded value, finite
        assertThat(l[2]).isEqualTo(MAX);
        Variable finite = new CrossEntropy().forward(logits.slice(0, 0, 2), new int[] {0, 1});
        assertThat(finite.item()).isEqualTo(1e4);
        Gradients grads = finite.backward();
        double[][] g = grads.of(logits).toArray2d();
        assertThat(g[0]).containsExactly(0.0, 0.0, 0.0);
        assertThat(g[1]).containsExactly(0.5, -0.5, 0.0);
        assertThat(g[2]).containsExactly(0.0, 0.0, 0.0);
    }

    private static void assertAllFinite(Tensor t) {
        for (double d : t.toArray()) {
            assertThat(Double.isFinite(d)).as("finite: " + t).isTrue();
        }
    }
}
