package org.nabla.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.data.Batch;
import org.nabla.data.DataLoader;
import org.nabla.data.FashionMnist;
import org.nabla.data.Mnist;
import org.nabla.data.TensorDataset;
import org.nabla.examples.FashionMnistMlp;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;

/**
 * One training epoch of the Fashion-MNIST MLP of {@link FashionMnistMlp} (784 → 256 → 128 → 10 ReLU,
 * cross-entropy, Adam 10⁻³, mini-batches of 64, float64), timed in plain Java: the same workload as
 * {@code src/bench/python/mlp_epoch.py} in PyTorch. Data loading is not timed; the epoch is the
 * first one (JIT warm-up included, as a user would see it). Prints wall-clock and CPU time of the
 * epoch (Nabla computes on the calling thread), the mean training loss and the number of steps:
 * <pre>nabla wall=77.069 cpu=32.037 loss=0.5217 steps=938</pre>
 * (one run on a shared machine; see docs/examples.md).
 *
 * <pre>
 * mvn -q -B test-compile &amp;&amp; javac -cp target/classes:target/test-classes -d target/bench-classes \
 *   src/bench/java/org/nabla/bench/MlpEpochTiming.java &amp;&amp; \
 *   java -cp target/classes:target/test-classes:target/bench-classes org.nabla.bench.MlpEpochTiming [directory] [images]
 * </pre>
 * or {@code src/bench/run-mlp-epoch.sh}, which runs both sides.
 */
public final class MlpEpochTiming {
    private MlpEpochTiming() {
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
        Sequential model = FashionMnistMlp.model(1);
        Adam adam = Adam.builder(model.parameters()).learningRate(1e-3).build();
        CrossEntropy ce = new CrossEntropy();
        DataLoader loader = DataLoader.shuffled(train, 64, 1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
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
        System.out.printf(Locale.ROOT, "nabla wall=%.3f cpu=%.3f loss=%.4f steps=%d%n", wall, cpu, lossSum / train.size(),
                steps);
    }
}
