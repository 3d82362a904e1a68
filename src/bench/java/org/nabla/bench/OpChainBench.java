package org.nabla.bench;

import java.util.concurrent.TimeUnit;
import org.nabla.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-node cost of the autodiff engine (docs/design.md, decision 9: "a graph node costs well under a
 * microsecond"): a chain of 1,000 small elementwise operations — alternating mul, add, tanh — on a
 * one-element variable, forward and backward. {@link OperationsPerInvocation} makes JMH report the
 * average time per operation, in microseconds. The same workload, timed with System.nanoTime and no
 * JMH, is {@link OpChainTiming}; PyTorch's eager mode needs about 13 µs/op on it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class OpChainBench {
    private final Tensor x0 = Tensor.scalar(0.5);

    /** Forward and backward through the chain; the gradient is returned so JMH keeps it alive. */
    @Benchmark
    @OperationsPerInvocation(OpChainTiming.OPS)
    public double chainForwardBackward() {
        return OpChainTiming.forwardBackward(x0);
    }
}
