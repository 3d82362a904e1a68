package org.nabla.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.nabla.activation.Softplus;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BayesianRegressionTest {
    /** y = sin(3x) + 0.1 ε on 40 points of [−1, 1]. */
    static Tensor[] data(int n, long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.uniform(rng, -1, 1, n, 1);
        Tensor y = x.reshape(n).mul(3.0).sin().add(Tensor.randn(rng, n).mul(0.1));
        return new Tensor[] {x, y};
    }

    @Test
    void predictiveVarianceIsLargerAwayFromTheData() {
        Tensor[] d = data(40, 1);
        BayesianRegression model = BayesianRegressionExampleFit.fit(d[0], d[1], 1500, 2);
        BayesianRegression.Prediction on = model.predict(Tensor.linspace(-1, 1, 21).reshape(21, 1), 200);
        BayesianRegression.Prediction away = model.predict(Tensor.of(-3.0, 3.0).reshape(2, 1), 200);
        double onMean = on.variance().mean().item();
        System.out.printf("BNN predictive variance: on the data %.4f, at x = ±3: %.4f, %.4f%n", onMean,
                away.variance().get(0), away.variance().get(1));
        assertThat(away.variance().min().item()).isGreaterThan(2 * onMean);
        // the fit follows the data where there is data
        double err = on.mean().sub(Tensor.linspace(-1, 1, 21).mul(3.0).sin()).abs().mean().item();
        assertThat(err).isLessThan(0.25);
    }

    @Test
    void klIsTheClosedFormSumOverWeightsAndBiases() {
        BayesianLinear layer = new BayesianLinear(3, 2, 0.5, -1.0, new Rng(3));
        double expected = 0;
        double sigma = Math.log1p(Math.exp(-1.0));
        double[] mu = layer.weightMean().value().toArray();
        for (double m : mu) {
            expected += Math.log(0.5 / sigma) + (sigma * sigma + m * m) / (2 * 0.25) - 0.5;
        }
        expected += 2 * (Math.log(0.5 / sigma) + sigma * sigma / (2 * 0.25) - 0.5);
        assertThat(layer.kl().item()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void forwardDrawsReparameterizedWeightsWithCorrectGradients() {
        Tensor x = Tensor.randn(new Rng(1), 4, 3);
        // a fixed ε (same seed every call) makes the map (μ, ρ) ↦ y deterministic, so GradCheck applies
        GradCheck.check(in -> {
            Normal q = Normal.of(in.get(0), Softplus.softplus(in.get(1)));
            Variable w = q.rsample(new Rng(7));
            return Variable.constant(x).matmul(w.transpose()).tanh().sum();
        }, Tensor.randn(new Rng(2), 2, 3), Tensor.full(Shape.of(2, 3), -1.0)).assertPassed();
        BayesianLinear layer = new BayesianLinear(3, 2, 1.0, 0.0, new Rng(4));
        Tensor y1 = layer.forward(x);
        Tensor y2 = layer.forward(x);
        assertThat(y1.allClose(y2)).as("two forward passes draw different weights").isFalse();
        assertThat(layer.forwardAtMean(Variable.constant(x)).value().allClose(layer.forwardAtMean(Variable.constant(x)).value())).isTrue();
    }

    @Test
    void objectiveTrainsAllFourParameterTensors() {
        Tensor[] d = data(10, 5);
        BayesianRegression model = new BayesianRegression(1, 4, 1.0, 0.1, new Rng(6));
        var g = model.negativeElbo(Variable.constant(d[0]), Variable.constant(d[1]), 10).backward();
        model.parameters().forEach(p -> assertThat(g.contains(p)).as(p.name()).isTrue());
        assertThat(model.parameters()).hasSize(8);
        Adam adam = Adam.builder(model.parameters()).learningRate(1e-2).build();
        adam.step(g);
    }

    @Test
    void errorsNameShapesAndValues() {
        BayesianRegression model = new BayesianRegression(1, 4, 1.0, 0.1, new Rng(6));
        assertThatThrownBy(() -> model.forward(Variable.constant(Tensor.zeros(3, 2))))
                .hasMessageContaining("BayesianRegression.forward: expected x of shape (batch, 1), got [3, 2]");
        assertThatThrownBy(() -> model.negativeElbo(Variable.constant(Tensor.zeros(3, 1)), Variable.constant(Tensor.zeros(4)), 3))
                .hasMessageContaining("expected y of shape (3), got [4]");
        assertThatThrownBy(() -> model.predict(Tensor.zeros(2, 1), 1)).hasMessageContaining("at least 2 samples");
        assertThatThrownBy(() -> new BayesianLinear(2, 2, 0.0, -5, new Rng(1))).hasMessageContaining("priorStd must be positive");
    }
}
