package org.nabla.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.data.FashionMnist;
import org.nabla.io.ModelState;
import org.nabla.io.OptimizerState;

/**
 * Runs every worked example in its quick mode and checks the figure it reports. The thresholds are
 * what the fixed seeds give, with a margin; the printed figures of the full runs are in
 * docs/examples.md.
 */
class ExamplesTest {
    @TempDir
    Path dir;

    @Test
    void digitsClassifierQuickRun() throws Exception {
        // 3 epochs; the full 40-epoch run reaches about 97%
        assertThat(DigitsClassifier.run(true, null)).isGreaterThan(0.90);
    }

    @Test
    void fashionMnistMlpQuickRun() throws Exception {
        Path data = FashionMnist.DEBIAN_DIRECTORY;
        Assumptions.assumeTrue(Files.isRegularFile(data.resolve("train-images-idx3-ubyte.gz"))
                        || Files.isRegularFile(data.resolve("train-images-idx3-ubyte")),
                "Fashion-MNIST is not installed in " + data + " (apt-get install dataset-fashion-mnist)");
        // 2,000 training images, one epoch: 0.6435 observed; chance is 0.10
        assertThat(FashionMnistMlp.run(data, true)).isBetween(0.55, 0.80);
    }

    @Test
    void linearRegressionNormalEquationsAndGradientDescentAgree() {
        assertThat(LinearRegression.run(true)).isLessThan(1e-6);
    }

    @Test
    void logisticRegressionOnTwoMoons() {
        // linear boundary on non-separable moons: 0.8875 observed
        assertThat(LogisticRegression.run(true)).isBetween(0.84, 0.93);
    }

    @Test
    void xorIsLearnedCompletely() {
        assertThat(Xor.run(true)).isEqualTo(1.0);
    }

    @Test
    void backpropByHandMatchesNablaToTheLastBits() {
        BackpropByHand.Result r = BackpropByHand.run();
        assertThat(r.names()).hasSize(22);
        for (int i = 0; i < r.names().length; i++) {
            assertThat(r.nabla()[i]).as(r.names()[i]).isCloseTo(r.byHand()[i], within(1e-12));
        }
        // the classic values of this network (Mazur, "A step by step backpropagation example", 2015)
        assertThat(r.byHand()[2]).isCloseTo(0.593269992, within(1e-9));
        assertThat(r.byHand()[5]).isCloseTo(0.751365070, within(1e-9));
        assertThat(r.maxDifference()).isLessThan(1e-12);
    }

    @Test
    void lbfgsBeatsAdamOnTheSameBudget() {
        LbfgsVsAdam.Result r = LbfgsVsAdam.run(100);
        // observed: initial 0.604, L-BFGS 4.4e-8 after 42 evaluations, Adam 0.279 after 42 and 0.191 after 100
        assertThat(r.evaluations()).isBetween(2, 100);
        assertThat(r.lbfgs()).isLessThan(1e-4);
        assertThat(r.adam()).isLessThan(r.initial()).isGreaterThan(100 * r.lbfgs());
        assertThat(r.adamFullBudget()).isLessThan(r.adam()).isGreaterThan(100 * r.lbfgs());
    }

    @Test
    void checkpointsRestoreAndResumeExactly() throws Exception {
        Checkpointing.Result r = Checkpointing.run(true, dir);
        assertThat(r.predictionsDiffer()).isZero();
        assertThat(r.resumedParametersDiffer()).isZero();
        assertThat(r.testAccuracy()).isGreaterThan(0.8);
        assertThat(ModelState.read(dir.resolve("model-epoch-2.npz"))).containsKeys("0.weight", "2.bias");
        assertThat(OptimizerState.load(dir.resolve("adam-epoch-1.npz"))).containsKey("0.step");
    }
}
