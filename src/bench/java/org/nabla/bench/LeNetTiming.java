package org.nabla.bench;

import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Flatten;
import org.nabla.layer.Linear;
import org.nabla.layer.MaxPool2d;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A plain-Java timing of one training epoch of LeNet-5 (conv 6@5×5 pad 2 → ReLU → maxpool 2 → conv 16@5×5
 * → ReLU → maxpool 2 → 120 → 84 → 10) over 10,000 random 1×28×28 images in batches of 64: forward,
 * cross-entropy, backward and a plain SGD step (learning rate 0.01) per batch. The same workload in
 * PyTorch (float64, one thread) is {@code src/bench/python/lenet.py}; {@code src/bench/run-lenet.sh}
 * runs both and prints {@code lenet10k nabla=…s torch=…s ratio=…}.
 *
 * <p>Prints {@code nabla_seconds=…}: the wall-clock time of the timed epoch, after one warm-up epoch on
 * the first 1,280 images (so that the JIT has compiled the hot loops).
 */
public final class LeNetTiming {
    /** Images per epoch. */
    public static final int IMAGES = 10_000;
    /** Mini-batch size. */
    public static final int BATCH = 64;

    private LeNetTiming() {
    }

    static Module lenet(Rng rng) {
        return new Sequential(
                new Conv2d(1, 6, 5, 1, 2, 1, 1, true, rng), new org.nabla.activation.ReLU(), new MaxPool2d(2),
                new Conv2d(6, 16, 5, rng), new org.nabla.activation.ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(400, 120, rng), new org.nabla.activation.ReLU(),
                new Linear(120, 84, rng), new org.nabla.activation.ReLU(),
                new Linear(84, 10, rng));
    }

    /** One pass over the first n images; returns the summed loss (so nothing is dead code). */
    static double epoch(Module model, SGD sgd, Tensor images, int[] labels, int n) {
        CrossEntropy ce = new CrossEntropy();
        double sum = 0;
        for (int start = 0; start < n; start += BATCH) {
            int stop = Math.min(n, start + BATCH);
            int[] y = java.util.Arrays.copyOfRange(labels, start, stop);
            Variable loss = ce.forward(model.forward(Variable.constant(images.slice(0, start, stop))), y);
            sgd.step(loss.backward());
            sum += loss.item();
        }
        return sum;
    }

    public static void main(String[] args) {
        Rng rng = new Rng(1);
        Tensor images = Tensor.randn(rng, IMAGES, 1, 28, 28);
        int[] labels = new int[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            labels[i] = rng.nextInt(10);
        }
        Module model = lenet(rng);
        SGD sgd = SGD.builder(model.parameters()).learningRate(0.01).build();
        double sink = epoch(model, sgd, images, labels, 20 * BATCH);
        long t0 = System.nanoTime();
        sink += epoch(model, sgd, images, labels, IMAGES);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "nabla_seconds=%.3f (LeNet-5, %d images, batch %d, forward+backward+SGD; checksum %.4f)%n",
                secs, IMAGES, BATCH, sink);
    }
}
