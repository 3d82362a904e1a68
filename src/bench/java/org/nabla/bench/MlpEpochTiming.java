package org.nabla.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Variable;
import org.nabla.data.Batch;
import org.nabla.data.DataLoader;
import org.nabla.data.FashionMnist;
import org.nabla.data.Mnist;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;

/**
 * One training epoch of the Fashion-MNIST MLP of {@code examples/org/nabla/examples/FashionMnistMlp}
 * (784 → 256 → 128 → 10 ReLU, cross-entropy, Adam 10⁻³, mini-batches of 64, float64), timed in plain
 * Java: the same workload as {@code src/bench/python/mlp_epoch.py} in PyTorch. Data loading is not
 * timed; the epoch is the first one (JIT warm-up included, as a user would see it). Prints
 * wall-clock and CPU time of the epoch (CPU time of the calling thread, on which Nabla computes
 * unless it is given more threads), the mean training loss, the number of steps, and the peak memory
 * of the epoch as {@link PeakMemory} measures it (Java heap and resident set size, MiB):
 * <pre>nabla wall=8.370 cpu=8.301 loss=0.5217 steps=938 heap_before=… heap_peak=… heap_live_peak=… gcs=… rss_before=… rss_peak=…</pre>
 *
 * <pre>
 * mvn -q -B compile &amp;&amp; javac -cp target/classes -d target/bench-classes \
 *   src/bench/java/org/nabla/bench/MlpEpochTiming.java src/bench/java/org/nabla/bench/PeakMemory.java &amp;&amp; \
 *   java -cp target/classes:target/bench-classes:slf4j-api.jar org.nabla.bench.MlpEpochTiming [directory] [images]
 * </pre>
 * or {@code src/bench/run-mlp-epoch.sh} (both sides) or {@code src/bench/run-all.sh} (every workload).
 */
public final class MlpEpochTiming {
    private MlpEpochTiming() {
    }

    /** The network of FashionMnistMlp: 784 → 256 → 128 → 10 with ReLU, initialized from seed 1. */
    static Sequential model() {
        Rng rng = new Rng(1);
        return new Sequential(
                new Linear(784, 256, rng), new ReLU(),
                new Linear(256, 128, rng), new ReLU(),
                new Linear(128, 10, rng));
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : FashionMnist.DEBIAN_DIRECTORY;
        TensorDataset train = Mnist.load(dir, "train");
        int images = args.length > 1 ? Integer.parseInt(args[1]) : train.size();
        if (images < train.size()) {
            int[] idx = new int[images];
            for (int i = 0; i < images; i++) {
                idx[i] = i;
            }
            train = train.subset(idx);
        }
        Sequential model = model();
        Adam adam = Adam.builder(model.parameters()).learningRate(1e-3).build();
        CrossEntropy ce = new CrossEntropy();
        DataLoader loader = DataLoader.shuffled(train, 64, 1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PeakMemory memory = new PeakMemory();
        memory.start();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        double lossSum = 0;
        int steps = 0;
        for (Batch b : loader.epoch(0)) {
            Variable loss = ce.forward(model.forward(Variable.constant(b.features())), Variable.constant(b.targets()));
            lossSum += loss.item() * b.size();
            adam.step(loss.backward());
            steps++;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        String peak = memory.stop();
        System.out.printf(Locale.ROOT, "nabla wall=%.3f cpu=%.3f loss=%.4f steps=%d %s%n", wall, cpu, lossSum / train.size(),
                steps, peak);
    }
}
