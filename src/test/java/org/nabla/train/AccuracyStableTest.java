package org.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nabla.data.DataLoader;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;

class AccuracyStableTest {
    /** 100 objects of which round(100 f) have δ = −0.5 and the others δ = 0.9: F(0.5) = f. */
    private static ClassificationConfidence withMassBelow(double f) {
        int low = (int) Math.round(100 * f);
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i < low ? -0.5 : 0.9;
        }
        return ClassificationConfidence.ofValues(v);
    }

    private static History history(double... massBelow) {
        History h = new History();
        for (int i = 0; i < massBelow.length; i++) {
            h.add(new EpochRecord(i + 1, 1.0 / (i + 1), Double.NaN, 1.0, Double.NaN, 1.0, 0,
                    Double.isNaN(massBelow[i]) ? null : withMassBelow(massBelow[i])));
        }
        return h;
    }

    @Test
    void stopsAtTheFirstEpochEndingKConsecutiveEpochsUnderTheThreshold() {
        // F(0.5) per epoch; τ = 0.05, k = 3: epochs 2 and 4..6 are under τ, the first run of three ends at 6
        History h = history(0.30, 0.04, 0.20, 0.04, 0.03, 0.01, 0.00);
        AccuracyStable rule = new AccuracyStable(0.5, 0.05, 3);
        assertThat(h.firstStop(rule)).isEqualTo(6);
        assertThat(rule.shouldStop(h.prefix(5))).isFalse();
        assertThat(rule.shouldStop(h.prefix(6))).isTrue();
        assertThat(new AccuracyStable(0.5, 0.05, 1).shouldStop(h.prefix(2))).isTrue();
        // F = τ exactly is not under τ
        assertThat(history(0.05, 0.05, 0.05).firstStop(new AccuracyStable(0.5, 0.05, 3))).isEqualTo(-1);
        // an epoch without a confidence distribution breaks the run
        assertThat(history(0.0, Double.NaN, 0.0, 0.0).firstStop(new AccuracyStable(0.5, 0.05, 2))).isEqualTo(4);
        assertThat(rule.reason()).isEqualTo("confidence mass below 0.5 under 0.05 for 3 epochs");
    }

    @Test
    void argumentsAndMissingValidationAreRefused() {
        assertThatThrownBy(() -> new AccuracyStable(0, 0.1, 1)).hasMessageContaining("margin δ");
        assertThatThrownBy(() -> new AccuracyStable(0.1, 0, 1)).hasMessageContaining("threshold τ");
        assertThatThrownBy(() -> new AccuracyStable(0.1, 0.1, 0)).hasMessageContaining("k must be");
        Linear model = new Linear(2, 2, new Rng(1));
        assertThatThrownBy(() -> Trainer.builder(model, new CrossEntropy(),
                SGD.builder(model.parameters()).learningRate(0.1).build()).classes(2)
                .stopWhen(new AccuracyStable(0.5, 0.1, 2)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("validation loader");
    }

    @Test
    void theTrainerTracksTheConfidenceAndStopsByTheRule() {
        TensorDataset moons = Synthetic.twoMoons(200, 0.1, 3);
        Linear model = new Linear(2, 2, new Rng(1));
        DataLoader all = DataLoader.sequential(moons, 64);
        java.util.List<String> lines = new java.util.ArrayList<>();
        Trainer t = Trainer.builder(model, new CrossEntropy(), SGD.builder(model.parameters()).learningRate(0.5).build())
                .classes(2).validation(all).stopWhen(new AccuracyStable(0.2, 0.4, 2), new MaxEpochs(50))
                .progress(Progress.to(lines::add)).build();
        History h = t.fit(DataLoader.shuffled(moons, 20, 4));
        assertThat(h.size()).isLessThan(50);
        assertThat(t.stopReason()).startsWith("confidence mass below 0.2");
        assertThat(h.firstStop(new AccuracyStable(0.2, 0.4, 2))).isEqualTo(h.size());
        for (EpochRecord r : h.epochs()) {
            assertThat(r.confidence().size()).isEqualTo(200);
            assertThat(r.confidence().accuracy()).isEqualTo(r.validationAccuracy());
        }
        // the last record's distribution is the one of the trained model's logits
        ClassificationConfidence now = ClassificationConfidence.ofLogits(
                model.forward(org.nabla.autodiff.Variable.constant(moons.features())).value(), moons.targets());
        assertThat(h.last().confidence().values()).containsExactly(now.values(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(t.confidence(all).values()).containsExactly(now.values(), org.assertj.core.api.Assertions.within(1e-12));
        // the epoch line is unchanged by the tracking
        assertThat(lines.get(0)).matches("epoch 1  train loss \\d\\.\\d{4}  train acc \\d\\.\\d{4}  val loss \\d\\.\\d{4}"
                + "  val acc \\d\\.\\d{4}  \\(\\d+\\.\\d{2}s\\)");
    }
}
