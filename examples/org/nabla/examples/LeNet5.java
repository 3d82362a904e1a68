package org.nabla.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.data.DataLoader;
import org.nabla.data.FashionMnist;
import org.nabla.data.Mnist;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Flatten;
import org.nabla.layer.Linear;
import org.nabla.layer.MaxPool2d;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.train.Evaluation;
import org.nabla.train.History;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * LeNet-5 (LeCun, Bottou, Bengio and Haffner, "Gradient-based learning applied to document
 * recognition", Proc. IEEE 86(11), 1998, §II.B) on Fashion-MNIST, in its modern form (ReLU and
 * max-pooling instead of scaled tanh and trainable sub-sampling, a softmax cross-entropy instead of
 * the RBF output layer):
 * <pre>
 *   1×28×28 → conv 6@5×5, pad 2 → ReLU → maxpool 2 → 6×14×14
 *           → conv 16@5×5       → ReLU → maxpool 2 → 16×5×5 → flatten 400
 *           → Linear 120 → ReLU → Linear 84 → ReLU → Linear 10 (logits)
 * </pre>
 * 61,706 parameters. Each convolution is computed as im2col followed by one matrix product
 * (Chellapilla, Puri and Simard 2006), so its backward pass is two more matrix products and a col2im.
 * Pixels are standardized with the training set's mean and standard deviation (0.2860, 0.3530).
 *
 * <p>Data: the Debian package {@code dataset-fashion-mnist}
 * ({@code apt-get install -y dataset-fashion-mnist}, installed in {@link FashionMnist#DEBIAN_DIRECTORY}),
 * or any directory holding the four IDX files.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.LeNet5 -Dargs="--quick"}
 * (2,000 training images, one epoch, tested on 1,000), or without {@code --quick} for two epochs on all 60,000
 * (aim: ≥ 88% test accuracy); an optional further argument is the data directory.
 */
public final class LeNet5 {
    /** Mean and standard deviation of Fashion-MNIST training pixels in [0, 1]. */
    static final double MEAN = 0.2860;
    static final double STD = 0.3530;

    private LeNet5() {
    }

    /** The network, weights drawn from rng (PyTorch's default initialization). */
    public static Sequential model(Rng rng) {
        return new Sequential(
                new Conv2d(1, 6, 5, 1, 2, 1, 1, true, rng), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 16, 5, rng), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(16 * 5 * 5, 120, rng), new ReLU(),
                new Linear(120, 84, rng), new ReLU(),
                new Linear(84, 10, rng));
    }

    /** Images (n, 784) in [0, 1] → standardized (n, 1, 28, 28). */
    static TensorDataset asImages(TensorDataset d) {
        Tensor x = d.features().sub(MEAN).div(STD);
        return d.withFeatures(x.reshape(d.size(), 1, 28, 28));
    }

    static int[] firstIndices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /**
     * Trains and evaluates; returns the test accuracy.
     *
     * @param directory the directory holding the Fashion-MNIST IDX files
     * @param trainSize number of training images used (the first ones; ≤ 60,000)
     * @param testSize  number of test images used (the first ones; ≤ 10,000)
     * @param epochs    number of passes over the training images
     */
    public static double run(Path directory, int trainSize, int testSize, int epochs) throws Exception {
        Mnist.TrainTest data = FashionMnist.load(directory);
        TensorDataset train = asImages(trainSize >= data.train().size() ? data.train() : data.train().subset(firstIndices(trainSize)));
        TensorDataset test = asImages(testSize >= data.test().size() ? data.test() : data.test().subset(firstIndices(testSize)));
        Sequential model = model(new Rng(5));
        System.out.println(model);
        Adam adam = Adam.builder(model.parameters()).learningRate(2e-3).build();
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), adam)
                .classes(10)
                .epochs(epochs)
                .progress(Progress.automatic())
                .build();
        long start = System.nanoTime();
        History history = trainer.fit(DataLoader.shuffled(train, 64, 1));
        double trainSecs = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        Evaluation e = trainer.evaluate(DataLoader.sequential(test, 500));
        double testSecs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "trained %d epoch(s) on %d images in %.1f s (%.2f ms/image); final train loss %.4f%n",
                history.size(), train.size(), trainSecs, 1e3 * trainSecs / (history.size() * (double) train.size()),
                history.last().trainLoss());
        System.out.printf(Locale.ROOT, "evaluated %d test images in %.1f s; test loss %.4f%n", e.examples(), testSecs, e.loss());
        System.out.println("confusion matrix (rows: true class, columns: predicted; " + String.join(", ",
                FashionMnist.CLASS_NAMES) + "):");
        System.out.print(e.confusion());
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", e.accuracy());
        return e.accuracy();
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int rest = quick ? 1 : 0;
        Path dir = args.length > rest ? Path.of(args[rest]) : FashionMnist.DEBIAN_DIRECTORY;
        if (!Files.isDirectory(dir)) {
            System.err.println("No Fashion-MNIST in " + dir + ": apt-get install -y dataset-fashion-mnist, or pass a directory");
            System.exit(2);
        }
        if (quick) {
            run(dir, 2000, 1000, 1);
        } else {
            run(dir, 60000, 10000, 2);
        }
    }
}
