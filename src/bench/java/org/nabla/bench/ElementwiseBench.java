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

/** Elementwise binary operations on an n×n matrix: same shape, a bias row (n) and a column (n, 1). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
public class ElementwiseBench {
    @Param({"64", "512"})
    public int n;

    private Tensor x;
    private Tensor y;
    private Tensor bias;
    private Tensor column;
    private Tensor xT;

    @Setup
    public void setUp() {
        Rng rng = new Rng(3);
        x = Tensor.randn(rng, n, n);
        y = Tensor.randn(rng, n, n);
        bias = Tensor.randn(rng, n);
        column = Tensor.randn(rng, n, 1);
        xT = Tensor.randn(rng, n, n).t();
    }

    /** x + y, both contiguous. */
    @Benchmark
    public Tensor addSameShape() {
        return x.add(y);
    }

    /** x ⊙ y, both contiguous. */
    @Benchmark
    public Tensor mulSameShape() {
        return x.mul(y);
    }

    /** x + b with b of shape (n): the bias of a linear layer. */
    @Benchmark
    public Tensor addBiasRow() {
        return x.add(bias);
    }

    /** x / c with c of shape (n, 1): e.g. normalizing rows. */
    @Benchmark
    public Tensor divColumn() {
        return x.div(column);
    }

    /** xᵀ + y with xᵀ a transposed view. */
    @Benchmark
    public Tensor addTransposedView() {
        return xT.add(y);
    }

    /** x · 2 (a scalar operand). */
    @Benchmark
    public Tensor mulScalar() {
        return x.mul(2.0);
    }

    /** Σ over the last axis (row sums). */
    @Benchmark
    public Tensor sumRows() {
        return x.sum(1);
    }

    /** Σ over the first axis (column sums). */
    @Benchmark
    public Tensor sumColumns() {
        return x.sum(0);
    }
}
