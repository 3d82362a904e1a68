package org.nabla.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * A plain-Java timing of the {@link OpChainBench} workload, runnable without JMH: a chain of 1,000
 * small elementwise operations (alternating mul, add, tanh) on a one-element variable, forward and
 * backward. Warm-up, then the median of timed runs; prints microseconds per operation.
 *
 * <pre>
 * mvn -q compile &amp;&amp; javac -cp target/classes -d /tmp/bench src/bench/java/org/nabla/bench/OpChainTiming.java \
 *   &amp;&amp; java -cp target/classes:/tmp/bench org.nabla.bench.OpChainTiming
 * </pre>
 */
public final class OpChainTiming {
    /** Number of operations in the chain. */
    public static final int OPS = 1000;

    private OpChainTiming() {
    }

    /** Builds the chain on a fresh leaf and runs backward; returns the gradient (so nothing is dead code). */
    public static double forwardBackward(Tensor x0) {
        Variable x = Variable.leaf(x0);
        Variable y = x;
        for (int i = 0; i < OPS; i++) {
            switch (i % 3) {
                case 0 -> y = y.mul(0.999);
                case 1 -> y = y.add(0.001);
                default -> y = y.tanh();
            }
        }
        return y.backward().of(x).item();
    }

    public static void main(String[] args) {
        Tensor x0 = Tensor.scalar(0.5);
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 31;
        int reps = 200;
        double sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += forwardBackward(x0);
        }
        double[] perOp = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                sink += forwardBackward(x0);
            }
            long t1 = System.nanoTime();
            perOp[r] = (t1 - t0) / 1e3 / reps / OPS;
        }
        Arrays.sort(perOp);
        System.out.printf(Locale.ROOT, "op chain (%d ops, forward + backward): median %.4f µs/op (min %.4f, max %.4f)"
                + " over %d runs of %d chains; checksum %.6f%n", OPS, perOp[runs / 2], perOp[0], perOp[runs - 1], runs,
                reps, sink);
    }
}
