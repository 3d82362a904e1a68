package org.nabla.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.nabla.tensor.Parallelism;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * C = A B for square n×n matrices of N(0, 1) draws (float64), timed with 1 and 2 threads.
 * The score is milliseconds per product; {@link #main} also prints GFLOP/s = 2n³ / time.
 * The peer workload (PyTorch, NumPy) is src/bench/python/matmul_bench.py.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
public class MatMulBench {
    @Param({"128", "512", "1024"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private Tensor a;
    private Tensor b;
    private Tensor bTransposed;

    @Setup(Level.Trial)
    public void setUp() {
        Parallelism.setThreads(threads);
        Rng rng = new Rng(42);
        a = Tensor.randn(rng, n, n);
        b = Tensor.randn(rng, n, n);
        bTransposed = b.t().contiguous().t(); // the same matrix, stored transposed: a view with strides (1, n)
    }

    /** A B. */
    @Benchmark
    public Tensor matmul() {
        return a.matmul(b);
    }

    /** A B with B a transposed view (as x Wᵀ in a linear layer): read in place, no copy. */
    @Benchmark
    public Tensor matmulTransposedView() {
        return a.matmul(bTransposed);
    }

    /**
     * Runs the benchmark (JMH options such as {@code -f 2 -wi 3} may be given) and prints the GFLOP/s
     * table of docs/benchmarks.md.
     */
    public static void main(String[] args) throws Exception {
        Options opts = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include("\\.MatMulBench\\.")
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        List<String> rows = new ArrayList<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            int size = Integer.parseInt(r.getParams().getParam("n"));
            int th = Integer.parseInt(r.getParams().getParam("threads"));
            double ms = r.getPrimaryResult().getScore();
            double err = r.getPrimaryResult().getScoreError();
            double gflops = 2.0 * size * size * size / (ms * 1e6);
            rows.add(String.format(Locale.ROOT, "| %-22s | %5d | %7d | %10.3f ± %-8.3f | %7.2f |",
                    name.substring(name.lastIndexOf('.') + 1), size, th, ms, err, gflops));
        }
        System.out.println();
        System.out.println("| benchmark              |     n | threads | ms/op                 | GFLOP/s |");
        System.out.println("|------------------------|-------|---------|-----------------------|---------|");
        rows.forEach(System.out::println);
    }
}
