package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;

class SyntheticTest {
    private static double sum(Tensor t) {
        return t.sum().item();
    }

    @Test
    void xorIsTheTruthTable() {
        TensorDataset d = Synthetic.xor();
        assertThat(d.features()).isEqualTo(Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
        assertThat(d.targets()).isEqualTo(Tensor.of(0, 1, 1, 0));
        TensorDataset exact = Synthetic.xor(100, 0.0, 3);
        for (int i = 0; i < 100; i++) {
            double a = exact.features(i).select(0, 0).item();
            double b = exact.features(i).select(0, 1).item();
            assertThat(exact.target(i).item()).isEqualTo(((int) a) ^ ((int) b));
        }
        TensorDataset noisy = Synthetic.xor(100, 0.1, 3);
        assertThat(noisy.targets()).isEqualTo(exact.targets()); // same corners, noise added after
        assertThat(noisy.features().sub(exact.features()).abs().max().item()).isBetween(0.01, 0.6);
    }

    @Test
    void generatorsAreSeeded() {
        assertThat(Synthetic.twoMoons(50, 0.1, 1).features()).isEqualTo(Synthetic.twoMoons(50, 0.1, 1).features());
        assertThat(Synthetic.twoMoons(50, 0.1, 1).features()).isNotEqualTo(Synthetic.twoMoons(50, 0.1, 2).features());
        assertThat(Synthetic.twoSpirals(50, 0.1, 1).targets()).isEqualTo(Synthetic.twoSpirals(50, 0.1, 1).targets());
        assertThat(Synthetic.circles(50, 0.5, 0.1, 1).features())
                .isEqualTo(Synthetic.circles(50, 0.5, 0.1, 1).features());
    }

    @Test
    void moonsLieOnTheirHalfCircles() {
        TensorDataset d = Synthetic.twoMoons(101, 0.0, 4);
        assertThat(d.features().dims()).containsExactly(101, 2);
        assertThat(sum(d.targets())).isEqualTo(51); // ⌊101/2⌋ = 50 of class 0, 51 of class 1
        for (int i = 0; i < d.size(); i++) {
            double x = d.features(i).select(0, 0).item();
            double y = d.features(i).select(0, 1).item();
            if (d.target(i).item() == 0) {
                assertThat(x * x + y * y).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(y).isGreaterThanOrEqualTo(-1e-12);
            } else {
                assertThat((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(y).isLessThanOrEqualTo(0.5 + 1e-12);
            }
        }
        // shuffled: the labels are not sorted
        assertThat(d.targets().slice(0, 0, 50).sum().item()).isBetween(5.0, 45.0);
    }

    @Test
    void circlesHaveTheirRadii() {
        TensorDataset d = Synthetic.circles(80, 0.3, 0.0, 2);
        for (int i = 0; i < d.size(); i++) {
            double r = d.features(i).norm();
            assertThat(r).isCloseTo(d.target(i).item() == 0 ? 1.0 : 0.3, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThatThrownBy(() -> Synthetic.circles(10, 1.0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("circles: factor must be in (0, 1), got 1.0");
    }

    @Test
    void spiralsAreReflectionsOfEachOther() {
        TensorDataset d = Synthetic.twoSpirals(40, 0.0, 2);
        assertThat(sum(d.targets())).isEqualTo(20);
        // the sum of all points is zero: class 1 is class 0 reflected through the origin
        assertThat(d.features().sum(0).abs().max().item()).isLessThan(1e-12);
        for (int i = 0; i < d.size(); i++) {
            assertThat(d.features(i).norm()).isBetween(1 / 7.0 - 1e-12, 1.0 + 1e-12);
        }
    }

    @Test
    void linearRegressionFollowsTheModel() {
        Tensor w = Tensor.of(2, -3);
        TensorDataset exact = Synthetic.linearRegression(30, w, 0.5, 0.0, 8);
        assertThat(exact.targets().dims()).containsExactly(30, 1);
        Tensor predicted = exact.features().matmul(w.reshape(2, 1)).add(0.5);
        assertThat(predicted.allClose(exact.targets(), 1e-14, 1e-14)).isTrue();
        TensorDataset noisy = Synthetic.linearRegression(2000, w, 0.5, 0.1, 8);
        Tensor residual = noisy.targets().sub(noisy.features().matmul(w.reshape(2, 1)).add(0.5));
        assertThat(residual.std(false).item()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
        assertThatThrownBy(() -> Synthetic.linearRegression(3, Tensor.zeros(2, 1), 0, 0, 1))
                .hasMessage("linearRegression: weights must have shape (d), got [2, 1]");
    }

    @Test
    void polynomialRegressionFollowsThePolynomial() {
        double[] c = {1, -2, 0.5, 3};
        TensorDataset d = Synthetic.polynomialRegression(25, c, 0.0, 4);
        for (int i = 0; i < d.size(); i++) {
            double x = d.features(i).select(0, 0).item();
            assertThat(x).isBetween(-1.0, 1.0);
            double y = 1 - 2 * x + 0.5 * x * x + 3 * x * x * x;
            assertThat(d.target(i).select(0, 0).item()).isCloseTo(y, org.assertj.core.data.Offset.offset(1e-14));
        }
        assertThatThrownBy(() -> Synthetic.polynomialRegression(0, c, 0, 1))
                .hasMessage("polynomialRegression: the number of examples must be ≥ 1, got 0");
        assertThatThrownBy(() -> Synthetic.twoMoons(5, -1, 1))
                .hasMessage("twoMoons: noise σ must be finite and ≥ 0, got -1.0");
    }
}
