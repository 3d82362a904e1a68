package org.nabla.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Parameter;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Dropout;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.train.History;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * Same seed, same bits (design decision 6): a small training run on the embedded digits — seeded
 * initialization, seeded dropout, seeded shuffling, Adam — repeated gives bitwise-identical loss
 * history and final weights.
 */
class DeterminismTest {

    /** The outcome of one run: every per-epoch number and every final weight, as raw bits. */
    record Run(List<Long> historyBits, List<Long> weightBits) {
    }

    static Run train(long seed) {
        Split<TensorDataset> split = Digits.trainTest(0.8, seed);
        Rng rng = new Rng(seed);
        Sequential model = new Sequential(new Linear(64, 32, rng), new ReLU(), new Dropout(0.2, rng.split()),
                new Linear(32, 10, rng));
        Adam adam = Adam.builder(model.parameters()).learningRate(3e-3).build();
        Trainer trainer = Trainer.builder(model, new CrossEntropy()::forward, adam)
                .classes(10)
                .validation(DataLoader.sequential(split.test(), 128))
                .epochs(2)
                .progress(Progress.silent())
                .build();
        History h = trainer.fit(DataLoader.shuffled(split.train(), 32, seed + 1));
        List<Long> history = new ArrayList<>();
        for (double[] series : List.of(h.trainLosses(), h.trainAccuracies(), h.validationLosses(),
                h.validationAccuracies())) {
            for (double d : series) {
                history.add(Double.doubleToRawLongBits(d));
            }
        }
        List<Long> weights = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            for (double d : p.value().toArray()) {
                weights.add(Double.doubleToRawLongBits(d));
            }
        }
        return new Run(history, weights);
    }

    @Test
    void sameSeedGivesBitwiseIdenticalTraining() {
        Run first = train(11);
        Run second = train(11);
        assertThat(first.historyBits()).hasSize(8);
        assertThat(first.weightBits()).hasSize(64 * 32 + 32 + 32 * 10 + 10);
        assertThat(second.historyBits()).isEqualTo(first.historyBits());
        assertThat(second.weightBits()).isEqualTo(first.weightBits());
        // and the run did something: a different seed gives different weights
        assertThat(train(12).weightBits()).isNotEqualTo(first.weightBits());
    }

    /**
     * Same bits whatever the number of threads: runs only where the tensor package has a thread
     * setting ({@code org.nabla.tensor.Parallelism}); on a build without it every operation is
     * single-threaded and this test is skipped.
     */
    @Test
    void sameBitsWithOneOrTwoThreads() throws Exception {
        Class<?> parallelism;
        try {
            parallelism = Class.forName("org.nabla.tensor.Parallelism");
        } catch (ClassNotFoundException e) {
            Assumptions.abort("org.nabla.tensor.Parallelism is absent: operations are single-threaded");
            return;
        }
        Method threads = parallelism.getMethod("threads");
        Method setThreads = parallelism.getMethod("setThreads", int.class);
        int before = (int) threads.invoke(null);
        try {
            setThreads.invoke(null, 1);
            Run serial = train(11);
            setThreads.invoke(null, 2);
            Run parallel = train(11);
            assertThat(parallel).isEqualTo(serial);
        } finally {
            setThreads.invoke(null, before);
        }
    }
}
