package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;

class SplitsTest {
    @Test
    void partitionIsDisjointCompleteAndSized() {
        int[][] ix = Splits.indices(101, 0.7, 0.15, 3);
        assertThat(ix[0]).hasSize(71); // round(70.7)
        assertThat(ix[1]).hasSize(15); // round(15.15)
        assertThat(ix[2]).hasSize(15);
        Set<Integer> all = new HashSet<>();
        for (int[] part : ix) {
            for (int i : part) {
                assertThat(all.add(i)).as("index " + i + " appears once").isTrue();
            }
        }
        assertThat(all).hasSize(101);
        assertThat(Splits.indices(101, 0.7, 0.15, 3)).isDeepEqualTo(ix);
        assertThat(Splits.indices(101, 0.7, 0.15, 4)[0]).isNotEqualTo(ix[0]);
        assertThat(Splits.indices(10, 1.0, 0.0, 1)[0]).hasSize(10);
    }

    @Test
    void splitsCarryFeaturesWithTheirTargets() {
        TensorDataset d = new TensorDataset(Tensor.arange(20).reshape(10, 2), Tensor.arange(10));
        Split<TensorDataset> s = Splits.split(d, 0.6, 0.2, 9);
        assertThat(s.train().size()).isEqualTo(6);
        assertThat(s.validation().size()).isEqualTo(2);
        assertThat(s.test().size()).isEqualTo(2);
        for (TensorDataset part : new TensorDataset[] {s.train(), s.validation(), s.test()}) {
            assertThat(part.features().select(1, 0)).isEqualTo(part.targets().mul(2));
        }
        Split<TensorDataset> tt = Splits.trainTest(d, 0.8, 9);
        assertThat(tt.validation().size()).isZero();
        assertThat(tt.train().size() + tt.test().size()).isEqualTo(10);
        Split<Dataset> generic = Splits.split((Dataset) d, 0.5, 0.0, 9);
        assertThat(generic.train().size()).isEqualTo(5);
        assertThat(generic.test().features(0).select(0, 0).item()).isEqualTo(2 * generic.test().target(0).item());
    }

    @Test
    void badFractionsAreRefused() {
        assertThatThrownBy(() -> Splits.indices(10, 0.8, 0.3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split: fractions train = 0.8, validation = 0.3 (expected each in [0, 1] and train +"
                        + " validation ≤ 1; test gets the rest)");
        assertThatThrownBy(() -> Splits.indices(10, Double.NaN, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Splits.indices(10, -0.1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
