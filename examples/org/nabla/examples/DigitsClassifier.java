package org.nabla.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.train.Evaluation;
import org.nabla.train.History;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;
import org.nabla.viz.TrainingPlots;

/**
 * The flagship worked example: a multilayer perceptron 64 → 128 → 64 → 10 (ReLU) that learns to read
 * the embedded 8×8 handwritten digits.
 *
 * <p>The mathematics: logits f(x; θ) = W₃ relu(W₂ relu(W₁x + b₁) + b₂) + b₃; loss the cross-entropy
 * ℓ = −log softmax(f(x))_y averaged over a mini-batch; gradients by one reverse sweep; Adam updates.
 * It prints one line per epoch, the confusion matrix on the held-out 20%, writes the loss and
 * accuracy curves to {@code target/digits-curves.png} (drawn by
 * {@link TrainingPlots#curves}), and ends with {@code test accuracy: 0.9xxx}.
 *
 * <p>Run: {@code mvn -q test-compile exec:java} (the project's default example), or with
 * {@code -Dargs=--quick} for a three-epoch smoke run.
 */
public final class DigitsClassifier {
    private DigitsClassifier() {
    }

    /** Trains and evaluates; returns the test accuracy. */
    public static double run(boolean quick, Path plot) throws Exception {
        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        TensorDataset train = split.train();
        TensorDataset test = split.test();
        Rng rng = new Rng(7);
        Sequential model = new Sequential(
                new Linear(64, 128, rng), new ReLU(),
                new Linear(128, 64, rng), new ReLU(),
                new Linear(64, 10, rng));
        System.out.println(model);
        Adam adam = Adam.builder(model.parameters()).learningRate(3e-3).build();
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), adam)
                .classes(10)
                .validation(DataLoader.sequential(test, 256))
                .epochs(quick ? 3 : 20)
                .progress(Progress.automatic())
                .build();
        long start = System.nanoTime();
        History history = trainer.fit(DataLoader.shuffled(train, 32, 1));
        double secs = (System.nanoTime() - start) / 1e9;
        Evaluation e = trainer.evaluate(DataLoader.sequential(test, 256));
        System.out.printf(Locale.ROOT, "trained %d epochs on %d digits in %.1f s; test loss %.4f%n", history.size(),
                train.size(), secs, e.loss());
        System.out.println("confusion matrix (rows: true digit, columns: predicted) on " + e.examples() + " test digits:");
        System.out.print(e.confusion());
        if (plot != null) {
            TrainingPlots.curves(history).writePng(plot);
            System.out.println("curves written to " + plot);
        }
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", e.accuracy());
        return e.accuracy();
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "digits-curves.png"));
    }
}
