package org.nabla.bench;

import java.util.concurrent.TimeUnit;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Small products must stay cheap (no packing, no threads): nanoseconds per n×n product. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SmallMatMulBench {
    @Param({"2", "4", "8", "16", "32", "64"})
    public int n;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setUp() {
        Rng rng = new Rng(1);
        a = Tensor.randn(rng, n, n);
        b = Tensor.randn(rng, n, n);
    }

    @Benchmark
    public Tensor matmul() {
        return a.matmul(b);
    }
}
