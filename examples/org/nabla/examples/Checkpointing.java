package org.nabla.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.io.ModelState;
import org.nabla.io.OptimizerState;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * Checkpoints: saving a model (and its optimizer) after every epoch, and getting it back.
 *
 * <p>A 64 → 64 → 10 ReLU network learns the embedded 8×8 digits with Adam. A
 * {@link Trainer.Builder#onEpoch} callback writes {@code model-epoch-k.npz} ({@link ModelState}: the
 * state dict by dotted name, with a SHA-256 digest) and {@code adam-epoch-k.npz}
 * ({@link OptimizerState}: Adam's moment estimates m, v and step count) after each epoch; both
 * writes are atomic, so a crash never leaves a half-written checkpoint. Then:
 * <ol>
 *   <li>a fresh model (different random initialization) loads the last checkpoint and its
 *       predictions on the test set are compared with the trained model's, bit for bit;</li>
 *   <li>training is resumed from the checkpoint (model + Adam state) for one more epoch, next to the
 *       original run continuing for one more epoch with the same mini-batches: the two must end
 *       with identical parameters, since Adam's update depends only on θ, m, v and t.</li>
 * </ol>
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.Checkpointing
 * -Dargs="[--quick] [directory]"} (checkpoints go to {@code target/checkpoints} by default).
 */
public final class Checkpointing {
    private Checkpointing() {
    }

    /**
     * What was checked.
     *
     * @param testAccuracy the trained model's test accuracy
     * @param predictionsDiffer the number of test logits that differ (in any bit) between the trained model
     *     and the fresh model loaded from the checkpoint
     * @param resumedParametersDiffer the number of parameter values that differ after one more epoch of the
     *     original run and of the run resumed from the checkpoint
     */
    public record Result(double testAccuracy, int predictionsDiffer, int resumedParametersDiffer) {
    }

    private static Sequential model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(64, 64, rng), new ReLU(), new Linear(64, 10, rng));
    }

    private static Path modelFile(Path dir, int epoch) {
        return dir.resolve("model-epoch-" + epoch + ".npz");
    }

    private static Path adamFile(Path dir, int epoch) {
        return dir.resolve("adam-epoch-" + epoch + ".npz");
    }

    /** Trains with a checkpoint per epoch in {@code dir}, then reloads and resumes; see the class comment. */
    public static Result run(boolean quick, Path dir) throws IOException {
        Files.createDirectories(dir);
        int epochs = quick ? 2 : 5;
        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        DataLoader train = DataLoader.shuffled(split.train(), 32, 1);
        DataLoader test = DataLoader.sequential(split.test(), 512);

        Sequential model = model(7);
        Adam adam = Adam.builder(model.parameters()).learningRate(3e-3).build();
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), adam)
                .classes(10)
                .validation(test)
                .epochs(epochs)
                .progress(Progress.automatic())
                .onEpoch((record, m) -> {
                    try {
                        ModelState.save(modelFile(dir, record.epoch()), m);
                        OptimizerState.save(adamFile(dir, record.epoch()), adam.state());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    System.out.printf(Locale.ROOT, "epoch %d: validation accuracy %.4f, saved %s and %s%n",
                            record.epoch(), record.validationAccuracy(), modelFile(dir, record.epoch()).getFileName(),
                            adamFile(dir, record.epoch()).getFileName());
                })
                .build();
        trainer.fit(train);
        double accuracy = trainer.evaluate(test).accuracy();

        // 1. a fresh model loads the last checkpoint: identical predictions
        Sequential restored = model(12345);
        ModelState.load(modelFile(dir, epochs), restored);
        model.eval();
        restored.eval();
        Tensor x = split.test().features();
        int differ = countDifferent(model.forward(x), restored.forward(x));
        System.out.printf(Locale.ROOT, "restored model: %d of %d test logits differ from the trained model's%n", differ,
                x.dim(0) * 10);

        // 2. resume training from the checkpoint next to the original run
        Adam resumedAdam = Adam.builder(restored.parameters()).learningRate(3e-3).build();
        resumedAdam.loadState(OptimizerState.load(adamFile(dir, epochs)));
        DataLoader nextEpoch = DataLoader.shuffled(split.train(), 32, 1000 + epochs);
        Trainer.builder(model, new CrossEntropy(), adam).epochs(1).progress(Progress.silent()).build().fit(nextEpoch);
        Trainer.builder(restored, new CrossEntropy(), resumedAdam).epochs(1).progress(Progress.silent()).build()
                .fit(nextEpoch);
        int resumedDiffer = 0;
        for (String name : model.namedParameters().keySet()) {
            resumedDiffer += countDifferent(model.namedParameters().get(name).value(),
                    restored.namedParameters().get(name).value());
        }
        System.out.printf(Locale.ROOT, "after one more epoch, original vs resumed run: %d of %d parameters differ%n",
                resumedDiffer, model.parameterCount());
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", accuracy);
        return new Result(accuracy, differ, resumedDiffer);
    }

    /** The number of positions whose values differ in any bit. */
    private static int countDifferent(Tensor a, Tensor b) {
        double[] u = a.toArray();
        double[] v = b.toArray();
        int n = 0;
        for (int i = 0; i < u.length; i++) {
            if (Double.doubleToRawLongBits(u[i]) != Double.doubleToRawLongBits(v[i])) {
                n++;
            }
        }
        return n;
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Path dir = Path.of("target", "checkpoints");
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                dir = Path.of(a);
            }
        }
        run(quick, dir);
    }
}
