package org.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nabla.activation.Tanh;
import org.nabla.data.DataLoader;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.loss.MeanSquaredError;
import org.nabla.optim.Adam;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class TrainerTest {
    private static Sequential mlp(Rng rng) {
        return new Sequential(new Linear(2, 16, rng), new Tanh(), new Linear(16, 2, rng));
    }

    @Test
    void classifierLearnsTwoMoonsAndRecordsHistory() {
        TensorDataset moons = Synthetic.twoMoons(400, 0.1, 3);
        Sequential model = mlp(new Rng(1));
        Trainer t = Trainer.builder(model, new CrossEntropy(), Adam.builder(model.parameters()).learningRate(0.02).build())
                .classes(2).validation(DataLoader.sequential(moons, 100)).epochs(30).progress(Progress.silent()).build();
        History h = t.fit(DataLoader.shuffled(moons, 32, 5));
        assertThat(h.size()).isEqualTo(30);
        assertThat(t.stopReason()).isEqualTo("reached 30 epochs");
        assertThat(h.last().trainLoss()).isLessThan(h.epochs().get(0).trainLoss() / 3);
        Evaluation e = t.evaluate(DataLoader.sequential(moons, 64));
        assertThat(e.accuracy()).isGreaterThan(0.97);
        assertThat(e.confusion().total()).isEqualTo(400);
        assertThat(h.last().validationAccuracy()).isEqualTo(e.accuracy());
        assertThat(h.last().gradientNorm()).isFinite().isPositive();
    }

    @Test
    void sameSeedSameHistoryBitForBit() {
        double[][] runs = new double[2][];
        for (int r = 0; r < 2; r++) {
            TensorDataset moons = Synthetic.twoMoons(200, 0.1, 3);
            Sequential model = mlp(new Rng(1));
            Trainer t = Trainer.builder(model, new CrossEntropy(), SGD.builder(model.parameters()).learningRate(0.1).build())
                    .classes(2).epochs(5).progress(Progress.silent()).build();
            runs[r] = t.fit(DataLoader.shuffled(moons, 16, 9)).trainLosses();
        }
        assertThat(runs[1]).containsExactly(runs[0]);
    }

    @Test
    void regressionStopsWhenTheLossStalls() {
        TensorDataset line = Synthetic.linearRegression(200, Tensor.of(2.0, -1.0), 0.5, 0.0, 4);
        Linear model = new Linear(2, 1, new Rng(2));
        Trainer t = Trainer.builder(model, (p, y) -> new MeanSquaredError().forward(p, y.reshape(-1, 1)),
                        SGD.builder(model.parameters()).learningRate(0.1).build())
                .stopWhen(new RelativeLossChangeBelow(1e-6), new MaxEpochs(500)).progress(Progress.silent()).build();
        History h = t.fit(DataLoader.sequential(line, 200));
        assertThat(h.size()).isLessThan(500);
        assertThat(t.stopReason()).contains("relative loss change");
        assertThat(model.weight().value().allClose(Tensor.of(new double[][] {{2.0, -1.0}}), 1e-6, 1e-6)).isTrue();
        assertThat(h.last().trainAccuracy()).isNaN();
    }

    @Test
    void divergenceIsReportedClearly() {
        TensorDataset line = Synthetic.linearRegression(50, Tensor.of(2.0), 0.0, 0.0, 4);
        Linear model = new Linear(1, 1, new Rng(2));
        Trainer t = Trainer.builder(model, (p, y) -> new MeanSquaredError().forward(p, y.reshape(-1, 1)),
                SGD.builder(model.parameters()).learningRate(1e6).build()).epochs(100).progress(Progress.silent()).build();
        assertThatThrownBy(() -> t.fit(DataLoader.sequential(line, 50)))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("the loss became");
        assertThatThrownBy(() -> Trainer.builder(model, (p, y) -> p, SGD.builder(model.parameters()).learningRate(1).build())
                .classes(1)).hasMessageContaining("at least 2 classes");
    }

    @Test
    void epochLinesShowAccuraciesForClassifiersAndValidationFiguresWhenThereIsAValidationSet() {
        EpochRecord noValidation = new EpochRecord(2, 0.33071, 0.878, Double.NaN, Double.NaN, 1.5, 20.84);
        assertThat(Progress.line(noValidation, true, false))
                .isEqualTo("epoch 2  train loss 0.3307  train acc 0.8780  (20.84s)");
        assertThat(Progress.line(new EpochRecord(1, 0.5, 0.8, 0.45, 0.82, 1.5, 3.0), true, true))
                .isEqualTo("epoch 1  train loss 0.5000  train acc 0.8000  val loss 0.4500  val acc 0.8200  (3.00s)");
        // regression: no accuracies; a validation loss that diverged still shows
        assertThat(Progress.line(new EpochRecord(3, 0.5, Double.NaN, Double.NaN, Double.NaN, 1.0, 2.0), false, true))
                .isEqualTo("epoch 3  train loss 0.5000  val loss NaN  (2.00s)");
        assertThat(Progress.line(new EpochRecord(3, 0.5, Double.NaN, 0.25, Double.NaN, 1.0, 2.0), false, false))
                .isEqualTo("epoch 3  train loss 0.5000  (2.00s)");
    }
}
