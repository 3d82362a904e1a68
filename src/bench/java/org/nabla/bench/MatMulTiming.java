package org.nabla.bench;

import java.util.Locale;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.nabla.tensor.Parallelism;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * C = A B for square n×n float64 matrices of N(0, 1) draws, timed without JMH for
 * {@code src/bench/run-all.sh}: Nabla with 1 and 2 threads and its pure-Java peer EJML 0.46
 * ({@code CommonOps_DDRM.mult}, single-threaded, and {@code CommonOps_MT_DDRM.mult} on EJML's pool of
 * 2 threads), in alternation (see {@link Alternating}). Every call allocates C, as
 * {@code a.matmul(b)} does and as {@code torch.matmul(a, b)} does in the PyTorch peer
 * {@code src/bench/python/matmul_bench.py}; EJML gets the same values as Nabla, in its row-major
 * {@code DMatrixRMaj}.
 *
 * <p>One line per size, milliseconds per product (median over the rounds) and GFLOP/s = 2n³ / time:
 * <pre>matmul n=1024 nabla_1t=… nabla_2t=… ejml_1t=… ejml_mt=… rounds=… gflops: nabla_1t=… …</pre>
 * Arguments: the sizes (default 128 512 1024). {@code -Dbench.seconds} sets the timed seconds per size
 * (default 3; every contestant is warmed up for 1 s first). JMH figures for Nabla alone:
 * {@link MatMulBench}.
 */
public final class MatMulTiming {
    private static final String[] NAMES = {"nabla_1t", "nabla_2t", "ejml_1t", "ejml_mt"};

    private MatMulTiming() {
    }

    /** Nabla with the given number of threads; one untimed product after a change restarts the pool. */
    private static Runnable nablaThreads(int threads, Tensor a, Tensor b) {
        return () -> {
            if (Parallelism.threads() != threads) {
                Parallelism.setThreads(threads);
                a.matmul(b);
            }
        };
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {128, 512, 1024};
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "3"));
        EjmlConcurrency.setMaxThreads(2);
        for (int n : sizes) {
            Rng rng = new Rng(42);
            Tensor a = Tensor.randn(rng, n, n);
            Tensor b = Tensor.randn(rng, n, n);
            DMatrixRMaj ea = new DMatrixRMaj(n, n, true, a.toArray());
            DMatrixRMaj eb = new DMatrixRMaj(n, n, true, b.toArray());
            Runnable nothing = () -> { };
            Alternating race = new Alternating()
                    .add(nablaThreads(1, a, b), () -> a.matmul(b).dataView()[0])
                    .add(nablaThreads(2, a, b), () -> a.matmul(b).dataView()[0])
                    .add(nothing, () -> CommonOps_DDRM.mult(ea, eb, null).data[0])
                    .add(nothing, () -> CommonOps_MT_DDRM.mult(ea, eb, null).data[0]);
            Alternating.Result r = race.run(1, seconds, 5);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "matmul n=%d", n));
            StringBuilder gflops = new StringBuilder(" gflops:");
            for (int c = 0; c < NAMES.length; c++) {
                line.append(String.format(Locale.ROOT, " %s=%.4f", NAMES[c], r.seconds()[c] * 1e3));
                gflops.append(String.format(Locale.ROOT, " %s=%.2f", NAMES[c], 2.0 * n * n * n / r.seconds()[c] / 1e9));
            }
            System.out.println(line + " (ms, median of " + r.rounds() + " rounds)" + gflops
                    + String.format(Locale.ROOT, " checksum=%.6g", race.checksum()));
        }
    }
}
