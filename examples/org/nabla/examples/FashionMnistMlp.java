package org.nabla.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.data.DataLoader;
import org.nabla.data.FashionMnist;
import org.nabla.data.Mnist;
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

/**
 * A multilayer perceptron 784 → 256 → 128 → 10 (ReLU) trained for one epoch on Fashion-MNIST
 * (Xiao, Rasul &amp; Vollgraf, 2017): 60,000 grey 28×28 images of clothes in 10 classes.
 *
 * <p>The mathematics is that of {@link DigitsClassifier}: logits W₃ relu(W₂ relu(W₁x + b₁) + b₂) + b₃,
 * mean cross-entropy over mini-batches of 64, Adam with learning rate 10⁻³ (Kingma &amp; Ba, 2015),
 * PyTorch's default Linear initialization. Pixels are scaled to [0, 1]; nothing else is done to them.
 * One epoch is 938 steps; it reaches about 85% test accuracy (see docs/examples.md for the figure
 * measured and the time the epoch took).
 *
 * <p>The data are not downloaded: on Debian/Ubuntu {@code apt-get install dataset-fashion-mnist}
 * puts them in {@link FashionMnist#DEBIAN_DIRECTORY}; any directory with the four IDX files works.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.FashionMnistMlp
 * -Dargs="[--quick] [directory]"}; {@code --quick} trains on the first 2,000 training images and
 * tests on the first 2,000 test images.
 */
public final class FashionMnistMlp {
    /** Training images used by the quick mode. */
    public static final int QUICK_TRAIN = 2000;
    /** Test images used by the quick mode. */
    public static final int QUICK_TEST = 2000;

    private FashionMnistMlp() {
    }

    /** The network: 784 → 256 → 128 → 10 with ReLU, initialized from {@code seed}. */
    public static Sequential model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(
                new Linear(784, 256, rng), new ReLU(),
                new Linear(256, 128, rng), new ReLU(),
                new Linear(128, 10, rng));
    }

    /** Trains one epoch and returns the test accuracy. */
    public static double run(Path directory, boolean quick) throws Exception {
        Mnist.TrainTest data = FashionMnist.load(directory);
        TensorDataset train = data.train();
        TensorDataset test = data.test();
        if (quick) {
            train = train.subset(range(QUICK_TRAIN));
            test = test.subset(range(QUICK_TEST));
        }
        Sequential model = model(1);
        Adam adam = Adam.builder(model.parameters()).learningRate(1e-3).build();
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), adam)
                .classes(10)
                .epochs(1)
                .progress(Progress.automatic())
                .build();
        long start = System.nanoTime();
        History history = trainer.fit(DataLoader.shuffled(train, 64, 1));
        double epochSeconds = (System.nanoTime() - start) / 1e9;
        Evaluation e = trainer.evaluate(DataLoader.sequential(test, 1000));
        System.out.printf(Locale.ROOT, "1 epoch on %d images (%d steps of 64) in %.1f s; train loss %.4f%n",
                train.size(), (train.size() + 63) / 64, epochSeconds, history.last().trainLoss());
        System.out.println("confusion matrix on " + e.examples() + " test images (rows: true class, columns: predicted; "
                + String.join(", ", FashionMnist.CLASS_NAMES) + "):");
        System.out.print(e.confusion());
        System.out.printf(Locale.ROOT, "test loss %.4f%ntest accuracy: %.4f%n", e.loss(), e.accuracy());
        return e.accuracy();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path dir = FashionMnist.DEBIAN_DIRECTORY;
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                dir = Path.of(a);
            }
        }
        run(dir, quick);
    }
}
