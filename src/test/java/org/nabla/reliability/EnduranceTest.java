package org.nabla.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nabla.activation.Tanh;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.MeanSquaredError;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A long training loop keeps heap use flat: each step's graph (activations, operations, gradients)
 * becomes garbage when the step ends, because nothing — no Parameter, no optimizer state — keeps a
 * reference to a Variable of an earlier step. 10,000 Adam steps on a small regression; the used heap
 * after {@code System.gc()} at step 1,000 and at step 10,000 may differ by at most 20 MB.
 */
class EnduranceTest {
    static final int STEPS = 10_000;
    static final long BOUND = 20L << 20;

    @Test
    void tenThousandStepsKeepTheHeapFlat() {
        Rng rng = new Rng(5);
        Sequential model = new Sequential(new Linear(8, 16, rng), new Tanh(), new Linear(16, 1, rng));
        Adam adam = Adam.builder(model.parameters()).learningRate(1e-3).build();
        Tensor x = Tensor.randn(rng, 16, 8);
        Tensor y = x.sum(1, true).tanh();
        MeanSquaredError mse = new MeanSquaredError();
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        long heapAt1000 = 0;
        long heapAtEnd = 0;
        long start = System.nanoTime();
        for (int step = 1; step <= STEPS; step++) {
            Variable loss = mse.forward(model.forward(Variable.constant(x)), Variable.constant(y));
            Gradients g = loss.backward();
            adam.step(g);
            if (step == 1) {
                firstLoss = loss.item();
            }
            lastLoss = loss.item();
            if (step == 1_000) {
                heapAt1000 = usedHeapAfterGc();
            }
        }
        heapAtEnd = usedHeapAfterGc();
        double seconds = (System.nanoTime() - start) / 1e9;
        long growth = heapAtEnd - heapAt1000;
        System.out.printf(Locale.ROOT, "endurance: %d Adam steps in %.1f s; used heap after GC: %.1f MB at step 1,000,"
                        + " %.1f MB at step %,d (growth %+.2f MB); loss %.4f -> %.6f%n", STEPS, seconds,
                heapAt1000 / 1048576.0, heapAtEnd / 1048576.0, STEPS, growth / 1048576.0, firstLoss, lastLoss);
        assertThat(growth).as("heap growth between step 1,000 and step 10,000 (bytes)").isLessThan(BOUND);
        assertThat(lastLoss).as("the loop trained").isLessThan(firstLoss / 10);
    }

    /** Used heap after collection: the least of a few GC-then-measure rounds (GC is only a request). */
    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
