package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class ScalersTest {
    private static final Tensor TRAIN = Tensor.of(new double[][] {{1, 10, 5}, {3, 20, 5}, {8, 60, 5}});

    @Test
    void standardizerMatchesTheDefinition() {
        Standardizer s = Standardizer.fit(TRAIN);
        // μ and σ (population) computed by hand, feature by feature
        double mu0 = (1 + 3 + 8) / 3.0;
        double sd0 = Math.sqrt(((1 - mu0) * (1 - mu0) + (3 - mu0) * (3 - mu0) + (8 - mu0) * (8 - mu0)) / 3);
        double mu1 = 30;
        double sd1 = Math.sqrt((400 + 100 + 900) / 3.0);
        assertThat(s.mean().allClose(Tensor.of(mu0, mu1, 5), 1e-15, 0)).isTrue();
        assertThat(s.std().allClose(Tensor.of(sd0, sd1, 0), 1e-15, 0)).isTrue();
        Tensor z = s.transform(TRAIN);
        assertThat(z.get(2, 0)).isCloseTo((8 - mu0) / sd0, org.assertj.core.data.Offset.offset(1e-14));
        // standardized training data: mean 0, std 1; a constant feature maps to 0
        assertThat(z.mean(0).allClose(Tensor.of(0, 0, 0), 0, 1e-14)).isTrue();
        assertThat(z.std(new int[] {0}, false, false).allClose(Tensor.of(1, 1, 0), 1e-14, 1e-14)).isTrue();
        assertThat(s.inverseTransform(z).allClose(TRAIN, 1e-14, 1e-14)).isTrue();
        // one example (rank 1) is accepted too
        assertThat(s.transform(Tensor.of(mu0, mu1, 7)).allClose(Tensor.of(0, 0, 2), 0, 1e-14)).isTrue();
    }

    @Test
    void fitOnTrainingOnlyAndApplyTheSameMapToTest() {
        Rng rng = new Rng(5);
        TensorDataset data = new TensorDataset(Tensor.normal(rng, 3, 2, 200, 4), Tensor.zeros(200));
        Split<TensorDataset> split = Splits.trainTest(data, 0.5, 1);
        Standardizer s = Standardizer.fit(split.train());
        Tensor testZ = s.transform(split.test()).features();
        Tensor expected = split.test().features().sub(s.mean()).div(s.std());
        assertThat(testZ.allClose(expected, 1e-15, 0)).isTrue();
        // the test set's own statistics are not used: its standardized mean is not exactly 0
        assertThat(testZ.mean(0).abs().max().item()).isGreaterThan(1e-6);
    }

    @Test
    void minMaxScalerMapsTrainingToUnitInterval() {
        MinMaxScaler m = MinMaxScaler.fit(TRAIN);
        assertThat(m.min()).isEqualTo(Tensor.of(1, 10, 5));
        assertThat(m.max()).isEqualTo(Tensor.of(8, 60, 5));
        Tensor x = m.transform(TRAIN);
        assertThat(x.allClose(Tensor.of(new double[][] {{0, 0, 0}, {2 / 7.0, 0.2, 0}, {1, 1, 0}}), 1e-15, 0)).isTrue();
        assertThat(m.inverseTransform(x).allClose(TRAIN, 1e-15, 1e-15)).isTrue();
        // outside the training range: not clipped
        assertThat(m.transform(Tensor.of(15, 0, 5)).allClose(Tensor.of(2, -0.2, 0), 1e-15, 1e-15)).isTrue();
        assertThat(m.transform(new TensorDataset(TRAIN, Tensor.zeros(3))).features()).isEqualTo(x);
    }

    @Test
    void shapeAndInputErrorsAreExplained() {
        Standardizer s = Standardizer.fit(TRAIN);
        assertThatThrownBy(() -> s.transform(Tensor.zeros(4, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Standardizer.transform: expected features of shape [m, 3] or [3] (the shape fitted on),"
                        + " got [4, 1]");
        assertThatThrownBy(() -> MinMaxScaler.fit(TRAIN).inverseTransform(Tensor.zeros(2, 2, 3)))
                .hasMessage("MinMaxScaler.inverseTransform: expected features of shape [m, 3] or [3] (the shape fitted"
                        + " on), got [2, 2, 3]");
        assertThatThrownBy(() -> Standardizer.fit(Tensor.zeros(0, 3)))
                .hasMessage("Standardizer.fit: expected training features of shape (n, …) with n ≥ 1, got [0, 3]");
        assertThatThrownBy(() -> MinMaxScaler.fit(Tensor.of(new double[][] {{1, Double.NaN}})))
                .hasMessage("MinMaxScaler.fit: training features hold NaN at flat index 1 (expected finite values)");
    }
}
