package org.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;

class ConfusionMatrixTest {
    @Test
    void countsAccuracyPrecisionRecall() {
        ConfusionMatrix c = new ConfusionMatrix(3);
        Tensor scores = Tensor.of(new double[][] {{0.9, 0.1, 0}, {0.2, 0.7, 0.1}, {0.1, 0.8, 0.1}, {0, 0.1, 0.9}});
        c.add(scores, Tensor.of(0, 1, 2, 2));
        assertThat(c.total()).isEqualTo(4);
        assertThat(c.count(2, 1)).isEqualTo(1);
        assertThat(c.accuracy()).isCloseTo(0.75, within(1e-15));
        assertThat(c.precision(1)).isCloseTo(0.5, within(1e-15));
        assertThat(c.recall(2)).isCloseTo(0.5, within(1e-15));
        assertThat(c.f1(0)).isCloseTo(1.0, within(1e-15));
        assertThat(c.toString()).contains("true\\pred");
    }

    @Test
    void rejectsBadInput() {
        ConfusionMatrix c = new ConfusionMatrix(2);
        assertThatThrownBy(() -> c.add(0, 2)).hasMessageContaining("predicted class 2 is out of range");
        assertThatThrownBy(() -> c.add(Tensor.zeros(3, 3), Tensor.zeros(3)))
                .hasMessageContaining("expected scores (n, 2) and labels (n), got [3, 3] and [3]");
        assertThatThrownBy(() -> new ConfusionMatrix(0)).hasMessageContaining("must be positive");
    }
}
