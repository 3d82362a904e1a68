package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The in-place running sum gives the bits of the pairwise sum, never touches its terms, and is used once. */
class TensorAccumulatorTest {
    @Test
    void equalsTheSumTakenPairwiseInTheSameOrder() {
        Rng rng = new Rng(9);
        Tensor a = Tensor.randn(rng, 3, 4);
        Tensor b = Tensor.randn(rng, 4, 3).transpose(); // a strided term
        Tensor c = Tensor.randn(rng, 3, 4).mul(1e-17);  // rounding matters: order is observable
        Tensor d = Tensor.randn(rng, 3, 4).mul(1e16);
        double[] aBefore = a.toArray();
        TensorAccumulator acc = new TensorAccumulator(a);
        acc.add(b);
        acc.add(c);
        acc.add(d);
        Tensor s = acc.sum();
        assertThat(s.toArray()).isEqualTo(a.add(b).add(c).add(d).toArray());
        assertThat(a.toArray()).isEqualTo(aBefore);
        assertThat(new TensorAccumulator(a).sum()).isSameAs(a);
        // large transposed terms (added tile by tile) and a strided first term
        Tensor big1 = Tensor.randn(rng, 50, 40).transpose();
        Tensor big2 = Tensor.randn(rng, 50, 40).transpose();
        Tensor big3 = Tensor.randn(rng, 40, 50);
        TensorAccumulator large = new TensorAccumulator(big1);
        large.add(big2);
        large.add(big3);
        assertThat(large.sum().toArray()).isEqualTo(big1.add(big2).add(big3).toArray());
    }

    @Test
    void refusesOtherShapesAndUseAfterTheSum() {
        TensorAccumulator acc = new TensorAccumulator(Tensor.zeros(2, 3));
        assertThatThrownBy(() -> acc.add(Tensor.zeros(3, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]");
        acc.add(Tensor.ones(2, 3));
        assertThat(acc.sum().toArray()).containsOnly(1.0);
        assertThatThrownBy(() -> acc.add(Tensor.ones(2, 3))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(acc::sum).isInstanceOf(IllegalStateException.class);
    }
}
