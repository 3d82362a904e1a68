package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.ArrayOperations;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * The composites of {@link ArrayOperations} — mean, variance, standard deviation, diagonal, trace —
 * are defined once, over the primitives; a {@link Variable} computes them as that composite, a
 * {@link Tensor} with kernels of its own for mean and variance. The two agree bit for bit: both
 * kernels add the same terms in the same order, from 0, as the sum of the composite does (the mean:
 * Σ x then ÷ N; the variance: x̄, then Σ (xᵢ − x̄)·(xᵢ − x̄), then ÷ (N − c)). Only where a sum
 * overflows although its terms are finite does Tensor's mean take its scaled form and differ (it is
 * then finite where the composite's is ∞). Errors are the same words for both.
 */
class SharedCompositesTest {
    private static final int[][] AXES = {null, {0}, {1}, {2}, {0, 2}, {-1}, {1, 2}};

    @Test
    void tensorKernelsAgreeWithTheCompositeOnEveryAxisChoice() {
        Rng rng = new Rng(2026);
        for (int trial = 0; trial < 20; trial++) {
            Tensor x = Tensor.randn(rng, 2 + trial % 3, 5 + trial % 4, 3 + trial % 7).mul(1 + trial).add(trial * 0.3);
            for (int[] axes : AXES) {
                for (boolean keep : new boolean[] {false, true}) {
                    Variable v = Variable.constant(x);
                    assertThat(x.mean(axes, keep)).as("mean %s", java.util.Arrays.toString(axes))
                            .isEqualTo(v.mean(axes, keep).value());
                    for (boolean unbiased : new boolean[] {false, true}) {
                        Tensor kernel = x.var(axes, unbiased, keep);
                        Tensor composite = v.var(axes, unbiased, keep).value();
                        assertThat(kernel.shape()).isEqualTo(composite.shape());
                        assertThat(kernel).as("var %s", java.util.Arrays.toString(axes)).isEqualTo(composite);
                        assertThat(x.std(axes, unbiased, keep)).isEqualTo(kernel.sqrt());
                    }
                }
            }
        }
    }

    @Test
    void varianceIsShiftInvariantAndScalesQuadratically() {
        Rng rng = new Rng(7);
        Tensor x = Tensor.randn(rng, 4, 6);
        Variable v = Variable.constant(x);
        Tensor base = v.var(new int[] {1}, true, false).value();
        assertThat(Variable.constant(x.add(3.0)).var(new int[] {1}, true, false).value().allClose(base, 1e-12, 0)).isTrue();
        assertThat(Variable.constant(x.mul(2.0)).var(new int[] {1}, true, false).value()
                .allClose(base.mul(4.0), 1e-14, 0)).isTrue();
        assertThat(v.std(true).item()).isEqualTo(Math.sqrt(v.var(true).item()));
    }

    @Test
    void varianceOfAVariableHasTheDerivativeOfTheFormula() {
        // ∂var/∂xᵢ = 2(xᵢ − x̄)/(N − 1) for the unbiased variance of all entries
        Tensor x = Tensor.of(1.0, 2.0, 4.0, 8.0);
        Variable v = Variable.leaf(x);
        Tensor g = v.var(true).backward().of(v);
        double mean = 15.0 / 4;
        for (int i = 0; i < 4; i++) {
            assertThat(g.get(i)).isCloseTo(2 * (x.get(i) - mean) / 3, org.assertj.core.data.Offset.offset(1e-15));
        }
        assertThat(GradCheck.check(w -> w.get(0).var(new int[] {0}, false, false).sum(), Tensor.randn(new Rng(3), 5)).passed())
                .isTrue();
    }

    @Test
    void traceAndDiagonalAreOneDefinitionWithOneMessage() {
        Tensor a = Tensor.arange(12).reshape(3, 4);
        assertThat(Variable.constant(a).trace().value()).isEqualTo(a.trace());
        assertThat(Variable.constant(a).diagonal().value()).isEqualTo(a.diagonal());
        assertThat(a.trace().item()).isEqualTo(0 + 5 + 10);
        String expected = "trace: expected a matrix (rank 2), got shape [4]";
        assertThatThrownBy(() -> Tensor.arange(4).trace()).hasMessage(expected);
        assertThatThrownBy(() -> Variable.constant(Tensor.arange(4)).trace()).hasMessage(expected);
    }

    @Test
    void shapeAccessorsAreSharedToo() {
        Variable v = Variable.constant(Tensor.zeros(2, 3, 4));
        assertThat(v.rank()).isEqualTo(3);
        assertThat(v.size()).isEqualTo(24);
        assertThat(v.dim(-1)).isEqualTo(4);
        assertThat(v.dims()).containsExactly(2, 3, 4);
        assertThat(v.reductionCount(new int[] {0, 2})).isEqualTo(8);
        assertThat(v.reshape(org.nabla.tensor.Shape.of(6, 4)).shape()).isEqualTo(org.nabla.tensor.Shape.of(6, 4));
    }
}
